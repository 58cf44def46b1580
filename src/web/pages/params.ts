import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Route parameters that name a record (`:id`, `:pid`) are validated once, for every page: anything but a positive integer is a 404. */
export function validateIdParams(r: Router): void {
  for (const name of ['id', 'pid']) {
    r.param(name, (_req, _res, next, value: string) => next(/^\d{1,16}$/.test(value) && id.safeParse(value).success ? undefined : new NotFoundError('', value)));
  }
}
