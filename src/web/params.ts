import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../domain/errors.js';

/** A record's id as a route writes it: a positive integer JavaScript holds exactly. */
const isId = (value: unknown): value is string => typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value));

/**
 * Route parameters that name a record (`:id`, `:pid`) are validated once, for every page, after the
 * route's access is granted (so an anonymous visitor learns nothing): anything but a positive integer is a 404.
 */
export const validIdParams: RequestHandler = (req, _res, next) => {
  for (const name of ['id', 'pid']) {
    const value: unknown = req.params[name];
    if (value !== undefined && !isId(value)) return next(new NotFoundError('', String(value)));
  }
  next();
};

/** The record a route parameter names (`:id`, `:pid`), as a number; anything else names nothing (404). */
export function idParam(req: Request, name: 'id' | 'pid' = 'id'): number {
  const value: unknown = req.params[name];
  if (!isId(value)) throw new NotFoundError('', String(value));
  return Number(value);
}

/** `:id` as the API reads and describes it (src/web/api/openapi.ts): a malformed id there is bad input (422), where a page answers 404 (idParam). */
export const idPath = z.object({ id: z.coerce.number().int().positive() });
