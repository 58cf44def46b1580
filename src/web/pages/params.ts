import type { RequestHandler } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Route parameters that name a record (`:id`, `:pid`) are validated once, for every page, after the
 * route's access is granted (so an anonymous visitor learns nothing): anything but a positive integer is a 404.
 */
export const validIdParams: RequestHandler = (req, _res, next) => {
  for (const name of ['id', 'pid']) {
    const value: unknown = req.params[name];
    if (value !== undefined && !(typeof value === 'string' && /^\d{1,16}$/.test(value) && id.safeParse(value).success)) return next(new NotFoundError('', String(value)));
  }
  next();
};
