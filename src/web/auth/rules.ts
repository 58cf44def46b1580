import type { Request } from 'express';
import type { Db } from '../../db/connection.js';
import { changeScope, enactmentScope, planScope, staffingScope, targetScope, voidScope, type ScopeClaim } from './scope-claims.js';

/**
 * Who may do what: `public` (anyone), `signed-in` (every role, reading), `editor` (editors within
 * their scope, and administrators), `administrator`. Every write route of the app must appear
 * here (tests/integration/http-access.test.ts walks the router and fails otherwise); a write
 * without a rule is refused. Reads without a rule need a signed-in user.
 */
export type Access = 'public' | 'signed-in' | 'editor' | 'administrator';

export interface Rule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-style: `:name` matches one path segment. */
  path: string;
  access: Access;
  /** For editors: the units the request touches and the dates they are judged on, read before the body is validated. */
  scope?: (db: Db, req: Request) => Promise<ScopeClaim>;
}

export const RULES: Rule[] = [
  { method: 'GET', path: '/login', access: 'public' },
  { method: 'POST', path: '/login', access: 'public' },
  { method: 'POST', path: '/logout', access: 'signed-in' },
  { method: 'GET', path: '/account/password', access: 'signed-in' },
  { method: 'POST', path: '/account/password', access: 'signed-in' },

  { method: 'GET', path: '/changes/new', access: 'editor' },
  { method: 'POST', path: '/changes/preview', access: 'editor', scope: changeScope },
  { method: 'POST', path: '/changes/form', access: 'editor' },
  { method: 'POST', path: '/changes', access: 'editor', scope: changeScope },
  { method: 'GET', path: '/changes/:id/void', access: 'editor' },
  { method: 'POST', path: '/changes/:id/void', access: 'editor', scope: voidScope },
  { method: 'POST', path: '/api/changes', access: 'editor', scope: changeScope },
  { method: 'POST', path: '/api/changes/:id/void', access: 'editor', scope: voidScope },

  { method: 'GET', path: '/staffing/movements/new', access: 'editor' },
  { method: 'POST', path: '/staffing/movements', access: 'editor', scope: staffingScope },
  { method: 'GET', path: '/staffing/quotas/new', access: 'editor' },
  { method: 'POST', path: '/staffing/quotas', access: 'editor', scope: staffingScope },
  { method: 'GET', path: '/staffing/import', access: 'editor' },
  // Each row's unit is checked by the import itself (the CSV is parsed there).
  { method: 'POST', path: '/staffing/import', access: 'editor' },
  { method: 'POST', path: '/api/staffing/movements', access: 'editor', scope: staffingScope },
  { method: 'POST', path: '/api/staffing/quotas', access: 'editor', scope: staffingScope },

  { method: 'GET', path: '/targets/new', access: 'editor' },
  { method: 'POST', path: '/targets', access: 'editor', scope: targetScope },
  { method: 'GET', path: '/targets/:id/edit', access: 'editor' },
  { method: 'POST', path: '/targets/:id', access: 'editor', scope: targetScope },
  { method: 'POST', path: '/targets/:id/retirement', access: 'editor', scope: targetScope },
  { method: 'POST', path: '/api/targets', access: 'editor', scope: targetScope },

  // Standards and merger candidates (issue 7): the law's figures, so administrators only.
  { method: 'GET', path: '/standards/new', access: 'administrator' },
  { method: 'POST', path: '/standards', access: 'administrator' },
  { method: 'POST', path: '/standards/regions', access: 'administrator' },
  { method: 'GET', path: '/standards/:id/edit', access: 'administrator' },
  { method: 'POST', path: '/standards/:id', access: 'administrator' },
  { method: 'GET', path: '/standards/rules/new', access: 'administrator' },
  { method: 'POST', path: '/standards/rules', access: 'administrator' },
  { method: 'GET', path: '/standards/rules/:id/edit', access: 'administrator' },
  { method: 'POST', path: '/standards/rules/:id', access: 'administrator' },

  // Plans (issue 7): editors draft, edit, submit, withdraw and enact plans of their scope; administrators approve or reject.
  { method: 'GET', path: '/plans/new', access: 'editor' },
  { method: 'POST', path: '/plans', access: 'editor', scope: planScope },
  { method: 'GET', path: '/plans/:id/edit', access: 'editor' },
  { method: 'POST', path: '/plans/:id', access: 'editor', scope: planScope },
  { method: 'POST', path: '/plans/:id/submission', access: 'editor', scope: planScope },
  { method: 'POST', path: '/plans/:id/withdrawal', access: 'editor', scope: planScope },
  { method: 'POST', path: '/plans/:id/approval', access: 'administrator' },
  { method: 'POST', path: '/plans/:id/rejection', access: 'administrator' },
  { method: 'POST', path: '/plans/:id/rebase', access: 'editor', scope: planScope },
  { method: 'GET', path: '/plans/:id/enactment', access: 'editor' },
  { method: 'POST', path: '/plans/:id/enactment', access: 'editor', scope: enactmentScope },
  { method: 'GET', path: '/plans/:id/proposals/new', access: 'editor' },
  { method: 'POST', path: '/plans/:id/proposals', access: 'editor', scope: planScope },
  { method: 'GET', path: '/plans/:id/proposals/:pid/edit', access: 'editor' },
  { method: 'POST', path: '/plans/:id/proposals/:pid', access: 'editor', scope: planScope },
  { method: 'POST', path: '/plans/:id/proposals/:pid/removal', access: 'editor', scope: planScope },
  { method: 'POST', path: '/plans/:id/proposals/:pid/move', access: 'editor', scope: planScope },

  { method: 'GET', path: '/admin/users', access: 'administrator' },
  { method: 'POST', path: '/admin/users', access: 'administrator' },
  { method: 'POST', path: '/admin/users/:id', access: 'administrator' },
  { method: 'POST', path: '/admin/tokens/:id/revocation', access: 'administrator' },
  { method: 'GET', path: '/audit', access: 'administrator' },
  { method: 'GET', path: '/audit.csv', access: 'administrator' },
];

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function matches(pattern: string, path: string): boolean {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (path === '/') return pattern === '/';
  return p.length === s.length && p.every((seg, i) => (seg.startsWith(':') ? s[i] !== '' : seg === s[i]));
}

/** The rule for a request; literal paths win over parameters (`/admin/users` before `/admin/users/:id`). */
export function ruleFor(method: string, path: string): Rule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const found = RULES.filter((r) => r.method === m && matches(r.path, path));
  return found.find((r) => !r.path.includes(':')) ?? found[0];
}
