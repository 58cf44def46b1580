import express, { type NextFunction, type Request, type Response } from 'express';
import { FIRST_DATE, LAST_DATE, isIsoDate, isSupportedDate } from '../domain/dates.js';
import { BadRequestError } from './errors.js';

/** The query parameters that carry a date, on pages and in the API alike. */
const DATE_PARAMS = ['at', 'from', 'to'];

/**
 * A real date outside 1900–2100 in the query is a 400 before any work (a check of every route,
 * after its access is granted): pages step through years up to it. A malformed one is the handler's (pages fall back to today, the API answers 422).
 */
export function refuseOutOfRangeDates(req: Request, _res: Response, next: NextFunction): void {
  for (const name of DATE_PARAMS) {
    for (const value of [req.query[name]].flat()) {
      if (typeof value === 'string' && isIsoDate(value) && !isSupportedDate(value)) {
        return next(new BadRequestError('QUERY_DATE_OUT_OF_RANGE', { name, value, first: FIRST_DATE, last: LAST_DATE }));
      }
      // The date in view is read leniently by every page: one that is not a real date is said so, not
      // replaced by today. The API validates it as a field of its own (422 with the field's message).
      if (name === 'at' && typeof value === 'string' && value !== '' && !isIsoDate(value) && !req.originalUrl.startsWith('/api')) {
        return next(new BadRequestError('QUERY_DATE_INVALID', { name, value }));
      }
    }
  }
  next();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes that are not UTF-8 would be stored as U+FFFD ("�("): refused instead, before the body is parsed. */
function assertUtf8(bytes: Uint8Array): void {
  try {
    utf8.decode(bytes);
  } catch {
    throw new BadRequestError('INVALID_UTF8');
  }
}

/** A form's bytes are ASCII; its text hides in %-escapes, which must decode as UTF-8 too (%C3%28 is not). */
function assertUtf8Form(bytes: Uint8Array): void {
  assertUtf8(bytes);
  for (const escapes of Buffer.from(bytes).toString('latin1').match(/(?:%[0-9A-Fa-f]{2})+/g) ?? []) {
    try {
      decodeURIComponent(escapes);
    } catch {
      throw new BadRequestError('INVALID_UTF8');
    }
  }
}

const isUtf8Charset = (encoding: string) => /^utf-?8$/i.test(encoding);

/** The JSON body parser of every route (a body parsed once stays parsed): UTF-8 or a 400. */
export const jsonBody = express.json({ limit: '20mb', verify: (_req, _res, buf, encoding) => (isUtf8Charset(encoding) ? assertUtf8(buf) : undefined) });

/** The form body parser of every route: UTF-8, also inside %-escapes, or a 400. */
export const formBody = express.urlencoded({ extended: false, limit: '1mb', verify: (_req, _res, buf) => assertUtf8Form(buf) });
