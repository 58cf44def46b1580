import type { NextFunction, Request, Response, Router } from 'express';
import { csrfSync } from 'csrf-sync';
import type { Db } from '../../db/connection.js';
import { loginHandlers } from '../auth/login.handlers.js';
import { loginFormToken, loginTokenMatches } from '../auth/login-csrf.js';
import { userHandlers } from '../admin/users.handlers.js';
import { auditHandlers } from '../admin/audit.handlers.js';
import { validIdParams } from '../params.js';
import { admin, editor, open, ownAccount, signedIn } from '../auth/access.js';
import { routeTable } from '../auth/route-table.js';
import { changeScope, enactmentScope, planScope, reportScope, staffingScope, targetScope, unitScope, voidScope } from '../auth/scope-claims.js';
import { passwordHandlers } from '../auth/password.handlers.js';
import { correctionHandlers } from './correction.handlers.js';
import { changeFormHandlers } from './change-form.handlers.js';
import { compareHandlers } from './compare.handlers.js';
import { reportsHandlers } from './reports.handlers.js';
import { homeHandler } from './home.handlers.js';
import { pageLocals } from './locals.js';
import { formBody, refuseOutOfRangeDates } from '../strict-input.js';
import { registerHandlers } from './register.handlers.js';
import { treeHandlers } from './tree.handlers.js';
import { staffingHandlers } from './staffing.handlers.js';
import { targetHandlers } from './target.handlers.js';
import { indicatorHandlers } from './indicator.handlers.js';
import { planHandlers } from './plan.handlers.js';
import { planProposalHandlers } from './plan-proposal.handlers.js';
import { planViewHandlers } from './plan-views.handlers.js';
import { standardHandlers } from './standard.handlers.js';
import { orgChartHandlers } from './org-chart.handlers.js';
import { flowHandlers } from './flow.handlers.js';
import { helpHandlers } from '../help/help.handlers.js';
import { apiReferencePage } from '../api/reference.handlers.js';
import { helpLinks } from '../help/help-links.js';

/**
 * The server-rendered pages: one explicit route table, each route with its access beside it
 * (auth/route-table.ts); a write reads its form and checks its CSRF token only once its access is granted.
 */
export function pageRoutes(db: Db): Router {
  const { csrfSynchronisedProtection, generateToken, invalidCsrfTokenError } = csrfSync({ getTokenFromRequest: (req) => req.body?._csrf });
  // The login form (and any page an anonymous visitor sees) takes its token from a cookie, not a session: see auth/login-csrf.ts.
  const isLoginForm = (req: Request) => req.route?.path === '/login';
  const csrfProtection = (req: Request, res: Response, next: NextFunction) =>
    isLoginForm(req) ? next(loginTokenMatches(req) ? undefined : invalidCsrfTokenError) : csrfSynchronisedProtection(req, res, next);
  const { router: r, get, post } = routeTable({
    db, surface: 'page', body: formBody,
    writeChecks: [csrfProtection], requestChecks: [validIdParams, refuseOutOfRangeDates],
  });
  r.use((req: Request, res: Response, next) => {
    const token = () => (isLoginForm(req) || !res.locals.user ? loginFormToken(req, res) : generateToken(req));
    Object.defineProperty(res.locals, 'csrfToken', { get: token, enumerable: true });
    next();
  });
  r.use(pageLocals(db));
  r.use(helpLinks);

  // Accounts and the audit trail (issue 8)
  const login = loginHandlers(db);
  get('/login', open, login.page);
  post('/login', open, login.login);
  post('/logout', ownAccount, login.logout);
  const password = passwordHandlers(db);
  get('/account/password', ownAccount, password.page);
  post('/account/password', ownAccount, password.change);
  const users = userHandlers(db);
  get('/admin/users', admin, users.list);
  post('/admin/users', admin, users.create);
  post('/admin/users/:id', admin, users.update);
  post('/admin/users/:id/password', admin, users.resetPassword);
  post('/admin/tokens/:id/revocation', admin, users.revokeToken);
  const audit = auditHandlers(db);
  get('/audit', admin, audit.page);
  get('/audit.csv', admin, audit.csv);

  const tree = treeHandlers(db);
  const reg = registerHandlers(db);
  const form = changeFormHandlers(db);
  get('/', signedIn, homeHandler(db));
  get('/tree', signedIn, tree.tree);
  get('/tree/children/:id', signedIn, tree.children);
  get('/search', signedIn, tree.search);
  get('/units/:id', signedIn, reg.unit);
  const correction = correctionHandlers(db);
  get('/units/:id/correction', editor(), correction.form);
  post('/units/:id/correction', editor(unitScope), correction.correct);
  // Org chart and before/after flow (issue 17)
  const chart = orgChartHandlers(db);
  get('/units/:id/chart', signedIn, chart.page);
  get('/units/:id/chart.svg', signedIn, chart.svg);
  get('/decisions', signedIn, reg.decisions);
  get('/decisions/:id', signedIn, reg.decision);
  get('/changes', signedIn, reg.changes);
  get('/changes/new', editor(), form.newForm);
  post('/changes/preview', editor(changeScope), form.preview);
  post('/changes/form', editor(), form.edit);
  post('/changes', editor(changeScope), form.record);
  get('/changes/:id', signedIn, reg.change);
  get('/changes/:id/void', editor(), reg.change);
  post('/changes/:id/void', editor(voidScope), form.void);
  get('/changes/:id/reinstate', editor(), reg.change);
  post('/changes/:id/reinstate', editor(voidScope), form.reinstate);
  // Staffing and targets (issue 5)
  const staff = staffingHandlers(db);
  get('/staffing', signedIn, staff.table);
  get('/staffing/units/:id', signedIn, staff.unit);
  get('/staffing/movements/new', editor(), staff.newMovement);
  post('/staffing/movements', editor(staffingScope), staff.recordMovement);
  get('/staffing/quotas/new', editor(), staff.newQuota);
  post('/staffing/quotas', editor(staffingScope), staff.recordQuota);
  get('/staffing/import', editor(), staff.importForm);
  post('/staffing/import', editor(), staff.importCsv);
  const targets = targetHandlers(db);
  get('/targets', signedIn, targets.list);
  get('/targets/new', editor(), targets.newForm);
  post('/targets', editor(targetScope), targets.create);
  get('/targets/:id/edit', editor(), targets.editForm);
  post('/targets/:id', editor(targetScope), targets.update);
  post('/targets/:id/retirement', editor(targetScope), targets.retire);
  // Reported indicators, the dashboard's other results (issue 17): administrators define them and record their figures
  const indicators = indicatorHandlers(db);
  get('/indicators', signedIn, indicators.list);
  get('/indicators/new', admin, indicators.newForm);
  post('/indicators', admin, indicators.create);
  get('/indicators/:id/edit', admin, indicators.editForm);
  post('/indicators/:id', admin, indicators.update);
  post('/indicators/:id/retirement', admin, indicators.retire);
  get('/indicators/:id/values/new', admin, indicators.newValue);
  post('/indicators/:id/values', admin, indicators.recordValue);
  // Standards and merger candidates (issue 7)
  const std = standardHandlers(db);
  get('/standards', signedIn, std.page);
  get('/standards/new', admin, std.newForm);
  post('/standards', admin, std.create);
  post('/standards/regions', admin, std.setRegions);
  get('/standards/rules/new', admin, std.newRule);
  post('/standards/rules', admin, std.createRule);
  get('/standards/rules/:id/edit', admin, std.editRule);
  post('/standards/rules/:id', admin, std.updateRule);
  get('/standards/candidates', signedIn, std.candidates);
  get('/standards/:id/edit', admin, std.editForm);
  post('/standards/:id', admin, std.update);
  // Plans (issue 7)
  const plans = planHandlers(db);
  const proposals = planProposalHandlers(db);
  const planViews = planViewHandlers(db);
  get('/plans', signedIn, plans.list);
  get('/plans/new', editor(), plans.newForm);
  get('/plans/compare', signedIn, planViews.compareTwo);
  post('/plans', editor(planScope), plans.create);
  get('/plans/:id.xlsx', signedIn, planViews.xlsx);
  get('/plans/:id', signedIn, plans.show);
  get('/plans/:id/print', signedIn, planViews.print);
  get('/plans/:id/edit', editor(), plans.editForm);
  get('/plans/:id/tree', signedIn, planViews.tree);
  get('/plans/:id/compare', signedIn, planViews.compare);
  get('/plans/:id/chart', signedIn, chart.plan);
  post('/plans/:id', editor(planScope), plans.update);
  post('/plans/:id/submission', editor(planScope), plans.transition('submission'));
  post('/plans/:id/approval', admin, plans.transition('approval'));
  post('/plans/:id/rejection', admin, plans.transition('rejection'));
  post('/plans/:id/withdrawal', editor(planScope), plans.transition('withdrawal'));
  post('/plans/:id/rebase', editor(planScope), plans.rebase);
  get('/plans/:id/enactment', editor(), plans.enactForm);
  post('/plans/:id/enactment', editor(enactmentScope), plans.enact);
  get('/plans/:id/proposals/new', editor(), proposals.newForm);
  post('/plans/:id/proposals', editor(planScope), proposals.create);
  get('/plans/:id/proposals/:pid/edit', editor(), proposals.editForm);
  post('/plans/:id/proposals/:pid', editor(planScope), proposals.update);
  post('/plans/:id/proposals/:pid/removal', editor(planScope), proposals.remove);
  post('/plans/:id/proposals/:pid/move', editor(planScope), proposals.move);
  const cmp = compareHandlers(db);
  get('/compare', signedIn, cmp.page);
  get('/compare/correspondence', signedIn, cmp.correspondence);
  get('/compare/flow', signedIn, flowHandlers(db).page);
  get('/compare/correspondence.csv', signedIn, cmp.correspondenceCsv);
  get('/compare/correspondence.xlsx', signedIn, cmp.correspondenceXlsx);
  const rep = reportsHandlers(db);
  get('/reports', signedIn, rep.page);
  get('/reports/print', signedIn, rep.page);
  get('/reports.xlsx', signedIn, rep.xlsx);
  get('/reports.docx', signedIn, rep.docx);
  post('/reports/layout', editor(reportScope), rep.layout);
  get('/reports/:table.csv', signedIn, rep.csv);
  // The guide (issue 18): for signed-in users, like every page but /login.
  const help = helpHandlers();
  get('/help', signedIn, help.index);
  get('/help/:page', signedIn, help.page);
  // The API's reference (issue 18): Swagger UI drawing /api/openapi.json; outside /help, whose pages are the Markdown guide.
  get('/reference/api', signedIn, apiReferencePage);
  return r;
}
