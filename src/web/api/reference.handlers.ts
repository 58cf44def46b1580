import type { RequestHandler } from 'express';
import { t } from '../i18n.js';

/** GET /reference/api: Swagger UI (served from node_modules, see app.ts) drawing /api/openapi.json. */
export const apiReferencePage: RequestHandler = (_req, res) => {
  const locale = res.locals.locale;
  res.render('pages/api-reference', {
    title: t(locale, 'API_REFERENCE'),
    intro: t(locale, 'API_REFERENCE_INTRO'),
    documentLink: t(locale, 'API_DOCUMENT'),
    helpTitle: t(locale, 'HELP'),
  });
};
