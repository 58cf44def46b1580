import express, { type Express } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import ejs from 'ejs';
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import { apiRoutes } from './api/api.routes.js';
import { errorHandler } from './errors.js';
import { pickLocale, t } from './i18n.js';
import { pageRoutes } from './pages/page.routes.js';
import { authenticate, authorize, bearerToken, signedIn } from './auth/access.js';
import { canonicalPath } from './auth/canonical-path.js';
import { publicRoute } from './auth/route-table.js';
import { sessions } from './auth/session.js';
import { logger, type Logger } from '../logger.js';
import { logUser, requestLog } from './request-log.js';
import { parseTrustProxy, securityHeaders, type TrustProxy } from './transport-security.js';
import { readConfig } from '../config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TRUST_PROXY = parseTrustProxy(readConfig().TRUST_PROXY);

export interface AppState {
  ready: boolean;
}

export interface AppOptions {
  /** Signs session cookies; defaults to SESSION_SECRET (server.ts sets it) or a random one. */
  sessionSecret?: string;
  /** Which proxies' X-Forwarded-For and -Proto to believe; defaults to TRUST_PROXY (see transport-security.ts). */
  trustProxy?: TrustProxy;
  /** Where request lines go; defaults to the process's logger. */
  logger?: Logger;
}

/** The Express app; `state.ready` turns true once the database is migrated and seeded. */
export function createApp(db: Db, state: AppState = { ready: true }, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? TRUST_PROXY);
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.engine('ejs', (ejs as unknown as { renderFile: Parameters<Express['engine']>[1] }).renderFile);
  app.use(requestLog(options.logger ?? logger));
  app.use(securityHeaders());
  app.use(canonicalPath);
  app.use((req, res, next) => {
    res.locals.locale = pickLocale(req.query.lang, req.get('accept-language'));
    next();
  });
  app.get('/healthz', publicRoute, async (_req, res) => {
    if (!state.ready) return void res.status(503).json({ status: 'starting' });
    await sql`select 1`.execute(db);
    res.json({ status: 'ok' });
  });
  app.use('/assets', express.static(path.join(ROOT, 'views/assets'), { maxAge: '1h' }));
  // Chart.js from node_modules (its exports hide dist/, so resolve the package and serve that folder): works offline.
  app.use('/assets/chart.js', express.static(path.dirname(createRequire(import.meta.url).resolve('chart.js')), { maxAge: '1h' }));
  // Its Sankey plugin (issue 17) registers itself on the global Chart; the package exports no dist/ subpath either.
  app.use('/assets/chartjs-chart-sankey', express.static(path.dirname(createRequire(import.meta.url).resolve('chartjs-chart-sankey')), { maxAge: '1h' }));
  // Swagger UI for the API reference page (issue 18), offline: its folder without its own index.html and initializer (they point at the petstore).
  app.use('/assets/swagger-ui', express.static(path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist')), { index: false, maxAge: '1h' }));
  app.get('/favicon.ico', publicRoute, (_req, res) => void res.status(204).end());
  app.use((_req, res, next) => (state.ready ? next() : void res.status(503).json({ errors: [{ path: '', message: 'starting' }] })));
  // Accounts (issue 8): each route below declares who may use it (auth/route-table.ts); an unknown path asks anonymous visitors to sign in.
  app.use(sessions(db, options.sessionSecret));
  app.use((req, res, next) => {
    // Pages are Vietnamese unless English was chosen (as pageLocals decides); the API also follows Accept-Language.
    if (!req.path.startsWith('/api/')) res.locals.locale = pickLocale(req.query.lang ?? req.session.lang ?? 'vi', undefined);
    next();
  });
  app.use('/api', bearerToken(db));
  app.use(authenticate(db));
  app.use(logUser);
  app.use('/api', apiRoutes(db));
  app.use(pageRoutes(db));
  app.use('/api', authorize(signedIn, 'api', false), (_req, res) => void res.status(404).json({ errors: [{ path: '', message: t(res.locals.locale, 'NOT_FOUND', { what: 'API', ref: '' }) }] }));
  app.use(authorize(signedIn, 'page', false), (_req, res) => void res.status(404).render('error', { locale: res.locals.locale, status: 404, message: t(res.locals.locale, 'PAGE_NOT_FOUND') }));
  app.use(errorHandler(db));
  return app;
}
