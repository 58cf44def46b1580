import type { RequestHandler } from 'express';

const UNRESERVED = /^[A-Za-z0-9._~-]$/;

/**
 * RFC 3986 §6.2.2.2: a %-encoded unreserved character is that character, so `/%61udit` is
 * `/audit` and reaches the route (and the declared access) of `/audit`, never a 404 that a
 * handler further on might read differently.
 */
export const canonicalPath: RequestHandler = (req, _res, next) => {
  const q = req.url.indexOf('?');
  const path = q === -1 ? req.url : req.url.slice(0, q);
  if (path.includes('%')) {
    const decoded = path.replace(/%([0-9A-Fa-f]{2})/g, (m, hex: string) => {
      const c = String.fromCharCode(parseInt(hex, 16));
      return UNRESERVED.test(c) ? c : m;
    });
    req.url = decoded + (q === -1 ? '' : req.url.slice(q));
  }
  next();
};
