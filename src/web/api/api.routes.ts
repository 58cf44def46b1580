import express, { Router } from 'express';
import type { Db } from '../../db/connection.js';
import { apiHandlers } from './api.handlers.js';
import { staffingApi } from './staffing.handlers.js';
import { compareApi, jsonLdApi } from './compare.api.js';
import { standardsApi } from './standard.api.js';
import { plansApi } from './plan.api.js';

/** The JSON API: one explicit route table. */
export function apiRoutes(db: Db): Router {
  const h = apiHandlers(db);
  const r = Router();
  r.use(express.json({ limit: '20mb' }));
  r.get('/tree', h.tree);
  r.get('/units', h.units);
  r.get('/units/:id', h.unit);
  r.get('/changes', h.changes);
  r.post('/changes', h.recordChange);
  r.post('/changes/:id/void', h.voidChange);
  r.get('/search', h.search);
  r.get('/summary', h.summary);
  // Staffing and targets (issue 5)
  const st = staffingApi(db);
  r.get('/staffing', st.report);
  r.post('/staffing/movements', st.movements);
  r.post('/staffing/quotas', st.quotas);
  r.get('/targets', st.targets);
  r.post('/targets', st.createTarget);
  const cmp = compareApi(db);
  r.get('/compare', cmp.compare);
  r.get('/compare/correspondence', cmp.correspondence);
  r.get('/export.jsonld', jsonLdApi(db));
  // Standards and merger candidates (issue 7)
  const std = standardsApi(db);
  r.get('/standards', std.list);
  r.get('/standards/candidates', std.candidates);
  // Plans, read-only: they are written through the plan pages.
  const plans = plansApi(db);
  r.get('/plans', plans.list);
  r.get('/plans/:id', plans.show);
  return r;
}
