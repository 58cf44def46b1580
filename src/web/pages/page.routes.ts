import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import type { Db } from '../../db/connection.js';
import { DbSessionStore } from '../session-store.js';
import { changeFormHandlers } from './change-form.handlers.js';
import { compareHandlers } from './compare.handlers.js';
import { reportsHandlers } from './reports.handlers.js';
import { homeHandler } from './home.handlers.js';
import { pageLocals } from './locals.js';
import { registerHandlers } from './register.handlers.js';
import { treeHandlers } from './tree.handlers.js';
import { staffingHandlers } from './staffing.handlers.js';
import { targetHandlers } from './target.handlers.js';
import { planHandlers } from './plan.handlers.js';
import { planProposalHandlers } from './plan-proposal.handlers.js';
import { planViewHandlers } from './plan-views.handlers.js';
import { standardHandlers } from './standard.handlers.js';

/** The server-rendered pages: one explicit route table, sessions in the database, CSRF on every form. */
export function pageRoutes(db: Db): Router {
  const r = Router();
  const { csrfSynchronisedProtection, generateToken } = csrfSync({ getTokenFromRequest: (req) => req.body?._csrf });
  r.use(session({
    store: new DbSessionStore(db), name: 'sid', secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'), // server.ts sets it
    resave: false, saveUninitialized: false, rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 8 * 3_600_000 },
  }));
  r.use(express.urlencoded({ extended: false, limit: '1mb' }));
  r.use(csrfSynchronisedProtection);
  r.use((req: Request, res: Response, next) => {
    Object.defineProperty(res.locals, 'csrfToken', { get: () => generateToken(req), enumerable: true });
    next();
  });
  r.use(pageLocals(db));

  const tree = treeHandlers(db);
  const reg = registerHandlers(db);
  const form = changeFormHandlers(db);
  r.get('/', homeHandler(db));
  r.get('/tree', tree.tree);
  r.get('/tree/children/:id', tree.children);
  r.get('/search', tree.search);
  r.get('/units/:id', reg.unit);
  r.get('/decisions', reg.decisions);
  r.get('/decisions/:id', reg.decision);
  r.get('/changes', reg.changes);
  r.get('/changes/new', form.newForm);
  r.post('/changes/preview', form.preview);
  r.post('/changes/form', form.edit);
  r.post('/changes', form.record);
  r.get('/changes/:id', reg.change);
  r.get('/changes/:id/void', reg.change);
  r.post('/changes/:id/void', form.void);
  // Staffing and targets (issue 5)
  const staff = staffingHandlers(db);
  r.get('/staffing', staff.table);
  r.get('/staffing/units/:id', staff.unit);
  r.get('/staffing/movements/new', staff.newMovement);
  r.post('/staffing/movements', staff.recordMovement);
  r.get('/staffing/quotas/new', staff.newQuota);
  r.post('/staffing/quotas', staff.recordQuota);
  r.get('/staffing/import', staff.importForm);
  r.post('/staffing/import', staff.importCsv);
  const targets = targetHandlers(db);
  r.get('/targets', targets.list);
  r.get('/targets/new', targets.newForm);
  r.post('/targets', targets.create);
  r.get('/targets/:id/edit', targets.editForm);
  r.post('/targets/:id', targets.update);
  r.post('/targets/:id/retirement', targets.retire);
  // Standards and merger candidates (issue 7)
  const std = standardHandlers(db);
  r.get('/standards', std.page);
  r.get('/standards/new', std.newForm);
  r.post('/standards', std.create);
  r.post('/standards/regions', std.setRegions);
  r.get('/standards/candidates', std.candidates);
  r.get('/standards/:id/edit', std.editForm);
  r.post('/standards/:id', std.update);
  // Plans (issue 7)
  const plans = planHandlers(db);
  const proposals = planProposalHandlers(db);
  const planViews = planViewHandlers(db);
  r.get('/plans', plans.list);
  r.get('/plans/new', plans.newForm);
  r.get('/plans/compare', planViews.compareTwo);
  r.post('/plans', plans.create);
  r.get('/plans/:id', plans.show);
  r.get('/plans/:id/edit', plans.editForm);
  r.get('/plans/:id/tree', planViews.tree);
  r.get('/plans/:id/compare', planViews.compare);
  r.post('/plans/:id', plans.update);
  r.post('/plans/:id/submission', plans.transition('submission'));
  r.post('/plans/:id/approval', plans.transition('approval'));
  r.post('/plans/:id/rejection', plans.transition('rejection'));
  r.post('/plans/:id/withdrawal', plans.transition('withdrawal'));
  r.post('/plans/:id/rebase', plans.rebase);
  r.get('/plans/:id/enactment', plans.enactForm);
  r.post('/plans/:id/enactment', plans.enact);
  r.get('/plans/:id/proposals/new', proposals.newForm);
  r.post('/plans/:id/proposals', proposals.create);
  r.get('/plans/:id/proposals/:pid/edit', proposals.editForm);
  r.post('/plans/:id/proposals/:pid', proposals.update);
  r.post('/plans/:id/proposals/:pid/removal', proposals.remove);
  r.post('/plans/:id/proposals/:pid/move', proposals.move);
  const cmp = compareHandlers(db);
  r.get('/compare', cmp.page);
  r.get('/compare/correspondence', cmp.correspondence);
  r.get('/compare/correspondence.csv', cmp.correspondenceCsv);
  r.get('/compare/correspondence.xlsx', cmp.correspondenceXlsx);
  const rep = reportsHandlers(db);
  r.get('/reports', rep.page);
  r.get('/reports/print', rep.page);
  r.get('/reports.xlsx', rep.xlsx);
  r.get('/reports/:table.csv', rep.csv);
  return r;
}
