import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { stdSerializers } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

/** A proxy's or a client's id is kept when it is a plain token (never a way to forge log lines). */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * One line per request with its id (`reqId`, also on every line a handler logs through `req.log`),
 * method, path, the address (`req.ip`: the forwarded one under TRUST_PROXY), the signed-in user,
 * the status and the duration; a 5xx line carries the error and its cause (errors.ts sets
 * `res.err`). Cookies, tokens and bodies are never logged.
 */
export function requestLog(logger: Logger) {
  const log = pinoHttp<Request, Response>({
    logger,
    genReqId: requestId,
    quietReqLogger: true,
    autoLogging: { ignore: (req) => req.url === '/healthz' }, // a load balancer's probe every few seconds
    customProps: (_req, res) => ({ user: res.locals?.user?.username }),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      // pino-http hands its serializer the error already flattened by pino's plain `err` (causes only as text): start again from the raw one.
      err: (e: Error & { raw?: Error }) => stdSerializers.errWithCause(e.raw ?? e),
      req: (req: { method: string; url: string; raw: Request }) => ({ method: req.method, url: req.raw.originalUrl ?? req.url, ip: req.raw.ip }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req: Request, res: Response, next: () => void) => {
    log(req, res);
    res.locals.requestId = req.id; // error.ejs shows it, so that a user can quote it
    next();
  };
}

/** After authentication: every later line a handler logs through `req.log` names the user too. */
export function logUser(req: Request, res: Response, next: () => void): void {
  if (res.locals.user) req.log = req.log.child({ user: res.locals.user.username });
  next();
}
