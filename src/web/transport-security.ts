import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Express's `trust proxy` value. */
export type TrustProxy = boolean | number | string;

/**
 * TRUST_PROXY, read once at start, as Express's `trust proxy`: unset or `false` trusts no proxy
 * (X-Forwarded-For and -Proto are ignored); a number is how many proxies stand in front (`1` for
 * one nginx); `loopback`, `uniquelocal` or a comma-separated list of addresses and subnets names
 * them. `true` trusts every hop, so a client could choose its own address: only behind a proxy
 * that overwrites X-Forwarded-For. An invalid address makes the server refuse to start.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

const everyResponse = helmet({ contentSecurityPolicy: false, strictTransportSecurity: false });
const plainCsp = helmet.contentSecurityPolicy({ directives: { upgradeInsecureRequests: null } });
const httpsCsp = helmet.contentSecurityPolicy();
const hsts = helmet.strictTransportSecurity();

/**
 * helmet's headers, but HSTS and CSP's upgrade-insecure-requests only on a request that came over
 * HTTPS (`req.secure`: the proxy's X-Forwarded-Proto under TRUST_PROXY): sent over plain HTTP they
 * would pin a site that has no certificate to HTTPS and break it.
 */
export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction) =>
    everyResponse(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!req.secure) return plainCsp(req, res, next);
      hsts(req, res, () => httpsCsp(req, res, next));
    });
}
