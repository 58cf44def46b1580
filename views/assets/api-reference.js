// The API reference page (views/pages/api-reference.ejs): Swagger UI draws the app's own OpenAPI document.
// No validator badge: it would send the document to a third-party service.
window.addEventListener('DOMContentLoaded', () => {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', validatorUrl: null });
});
