import { Router, type RequestHandler } from 'express';
import type { Db } from '../../db/connection.js';
import { authorize, open, refuse, withinScope, type Access, type Surface } from './access.js';

/**
 * A route table where every route declares its access beside it: `get('/audit', admin, audit.page)`,
 * `post('/changes', editor(changeScope), form.record)`. The declaration becomes the route's first
 * handlers (role → body → the surface's checks → the editor's scope → the handler), so Express's own
 * matcher is the only one: a route and its rule cannot disagree, whatever the letter case.
 */

const DECLARED = Symbol('declared access');
type Declared = RequestHandler & { [DECLARED]?: Access };

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The access a route's first handler declares; undefined for a route declared nowhere (refused to everyone). */
export function accessOf(handler: unknown): Access | undefined {
  return typeof handler === 'function' ? (handler as Declared)[DECLARED] : undefined;
}

function declared(access: Access, handler: RequestHandler): RequestHandler {
  (handler as Declared)[DECLARED] = access;
  return handler;
}

/** For the app's own public routes (/healthz, /favicon.ico): declared open. */
export const publicRoute = declared(open, (_req, _res, next) => next());

const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'all'] as const;

/** A Router that fails closed: a route added without a declaration first (`r.get(path, handler)`) refuses everyone. */
function guardedRouter(surface: Surface): Router {
  const r = Router();
  const undeclared: RequestHandler = (req, res) => (res.locals.user ? refuse(surface, req, res, 403, 'NO_RULE') : refuse(surface, req, res, 401, 'SIGN_IN_REQUIRED'));
  const route = r.route.bind(r);
  r.route = (path: string) => {
    const rt = route(path);
    for (const m of ROUTE_METHODS) {
      const add = rt[m].bind(rt) as (...h: unknown[]) => typeof rt;
      rt[m] = ((...h: unknown[]) => add(...(accessOf(h.flat(Infinity)[0]) ? h : [undeclared, ...h]))) as typeof rt[typeof m];
    }
    return rt;
  };
  return r;
}

export interface TableOptions {
  db: Db;
  surface: Surface;
  /** Reads a write's body, once its access is granted. */
  body: RequestHandler;
  /** What a write passes once its body is read (pages: the CSRF token). */
  writeChecks?: RequestHandler[];
  /** What every granted request passes before its scope is judged (pages: the id parameters). */
  requestChecks?: RequestHandler[];
}

export type Route = (path: string, access: Access, ...handlers: RequestHandler[]) => void;

export function routeTable(o: TableOptions): { router: Router; get: Route; post: Route } {
  const router = guardedRouter(o.surface);
  const chain = (access: Access, write: boolean): RequestHandler[] => [
    declared(access, authorize(access, o.surface, write)),
    ...(write ? [o.body, ...(o.writeChecks ?? [])] : []),
    ...(o.requestChecks ?? []),
    ...(write && access.scope ? [withinScope(o.db, access.scope, o.surface)] : []),
  ];
  return {
    router,
    get: (path, access, ...handlers) => void router.get(path, ...chain(access, false), ...handlers),
    post: (path, access, ...handlers) => void router.post(path, ...chain(access, true), ...handlers),
  };
}
