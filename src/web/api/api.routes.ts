import express, { Router } from 'express';
import type { Db } from '../../db/connection.js';
import { apiHandlers } from './api.handlers.js';

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
  return r;
}
