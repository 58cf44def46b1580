import type { Router } from 'express';
import type { Db } from '../../db/connection.js';
import { apiHandlers } from './api.handlers.js';
import { staffingApi } from './staffing.handlers.js';
import { compareApi, jsonLdApi } from './compare.api.js';
import { standardsApi } from './standard.api.js';
import { plansApi } from './plan.api.js';
import { openApiDocument } from './openapi.js';
import { editor, signedIn } from '../auth/access.js';
import { routeTable } from '../auth/route-table.js';
import { changeScope, staffingScope, targetScope, voidScope } from '../auth/scope-claims.js';
import { jsonBody, refuseOutOfRangeDates } from '../strict-input.js';

/** The JSON API: one explicit route table, each route with its access beside it (auth/route-table.ts). */
export function apiRoutes(db: Db): Router {
  const h = apiHandlers(db);
  const { router, get, post } = routeTable({ db, surface: 'api', body: jsonBody, requestChecks: [refuseOutOfRangeDates] });
  // The API's own description (OpenAPI 3.1), for signed-in users like the rest: only sign-in and /healthz are public.
  get('/openapi.json', signedIn, openApiDocument());
  get('/tree', signedIn, h.tree);
  get('/units', signedIn, h.units);
  get('/units/:id', signedIn, h.unit);
  get('/changes', signedIn, h.changes);
  post('/changes', editor(changeScope), h.recordChange);
  get('/changes/:id', signedIn, h.change);
  post('/changes/:id/void', editor(voidScope), h.voidChange);
  post('/changes/:id/reinstate', editor(voidScope), h.reinstateChange);
  get('/search', signedIn, h.search);
  get('/summary', signedIn, h.summary);
  // Staffing and targets (issue 5)
  const st = staffingApi(db);
  get('/staffing', signedIn, st.report);
  post('/staffing/movements', editor(staffingScope), st.movements);
  post('/staffing/quotas', editor(staffingScope), st.quotas);
  get('/targets', signedIn, st.targets);
  post('/targets', editor(targetScope), st.createTarget);
  const cmp = compareApi(db);
  get('/compare', signedIn, cmp.compare);
  get('/compare/correspondence', signedIn, cmp.correspondence);
  get('/export.jsonld', signedIn, jsonLdApi(db));
  // Standards and merger candidates (issue 7)
  const std = standardsApi(db);
  get('/standards', signedIn, std.list);
  get('/standards/candidates', signedIn, std.candidates);
  // Plans, read-only: they are written through the plan pages.
  const plans = plansApi(db);
  get('/plans', signedIn, plans.list);
  get('/plans/:id', signedIn, plans.show);
  return router;
}
