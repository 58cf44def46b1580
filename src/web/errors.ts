import type { ErrorRequestHandler, Response } from 'express';
import { ZodError, type z } from 'zod';
import { DomainError, NotFoundError, ReplayConflict } from '../domain/errors.js';
import type { Db } from '../db/connection.js';
import { troubleOf } from '../db/database-errors.js';
import { findLatestVersions, whyAbsent } from '../services/query.service.js';
import { t, type Locale } from './i18n.js';
import { parseInput, type FieldError } from './validation.js';

/** Input that failed its schema: 422 with every field's message. */
export class InputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super('invalid input');
  }
}

/** What `schema` accepts of `data`, or an InputError: 422 with every field's message, in the user's language. */
export function inputOf<S extends z.ZodType>(schema: S, data: unknown, res: Response): z.infer<S> {
  const r = parseInput(schema, data, res.locals.locale);
  if (!r.ok) throw new InputError(r.errors);
  return r.value;
}

/**
 * A request refused before any work, with a message of the catalogue: a date outside 1900–2100,
 * a body that is not valid UTF-8. `status` lets body-parser's `verify` pass it on as a 400.
 */
export class BadRequestError extends Error {
  readonly status = 400;
  constructor(readonly code: string, readonly params: Record<string, string | number> = {}) {
    super(code);
  }
}

/** Domain errors that mean "your input names nothing" rather than "the tree refuses this". */
export const INPUT_CODES = new Set(['UNKNOWN_UNIT', 'UNKNOWN_CODE', 'FIELD_REQUIRED', 'INVALID_SUBTYPE', 'NOT_AN_OUTPUT', 'UNKNOWN_RULE']);
const UNIT_PARAMS = ['unit', 'child', 'parent', 'other'];

/** Unit ids in an error's params become "Xã Bản Già (02845)", so the message names what the user sees. */
export async function describeError(db: Db, err: DomainError, locale: Locale, explainAbsence = true): Promise<string> {
  const ids = UNIT_PARAMS.map((k) => err.params[k]).filter((v): v is number => typeof v === 'number');
  const names = await findLatestVersions(db, ids);
  const params: Record<string, string | number> = { ...err.params };
  for (const k of UNIT_PARAMS) {
    const v = names.get(err.params[k] as number);
    if (v) params[k] = v.code ? `${v.name} (${v.code})` : v.name;
  }
  // Inside "(…)."; a later change's reason is the change being recorded, not what the database holds.
  if (err instanceof ReplayConflict) params.reasonText = (await describeError(db, err.reason, locale, false)).replace(/\.$/, '');
  if (explainAbsence && err.code === 'UNIT_NOT_ALIVE' && typeof err.params.unit === 'number' && typeof err.params.date === 'string') {
    // The cause, not only the fact: "already merged into Thị trấn Bắc Hà by change #654 (1197/NQ-UBTVQH15) on 01/11/2024".
    const why = await whyAbsent(db, err.params.unit, err.params.date);
    if (why?.kind === 'not_yet') return t(locale, 'UNIT_NOT_YET', { ...params, from: why.from });
    if (why?.kind === 'ended' && why.changeId !== null) {
      const into = why.successors.length ? t(locale, 'UNIT_ENDED_INTO', { successors: why.successors.join(', ') }) : '';
      return t(locale, 'UNIT_ENDED', { ...params, end: why.end, changeId: why.changeId, decision: why.decision ?? '', into });
    }
  }
  return t(locale, err.code, params);
}

/** The message of each refused proposal of a plan's to-be tree (null for one that applies), in order. */
export function describeRefusals(db: Db, results: readonly { error?: DomainError | null }[], locale: Locale): Promise<(string | null)[]> {
  return Promise.all(results.map((r) => (r.error ? describeError(db, r.error, locale) : null)));
}

/**
 * How a refusal of the domain answers, the same on every page and in the API: outside the user's
 * scope 403, input that names nothing or lacks a field 422, a rule of the tree or a record's state 409.
 */
export function statusOf(err: DomainError): number {
  return err.code === 'OUT_OF_SCOPE' ? 403 : INPUT_CODES.has(err.code) ? 422 : 409;
}

/**
 * A write the domain refused, for the form it came from to show again: its status, the field it
 * concerns (`fallback` when it names none) and its message. Anything else is rethrown.
 */
export async function refusal(db: Db, err: unknown, locale: Locale, fallback = '_form'): Promise<{ status: number; field: string; message: string }> {
  if (!(err instanceof DomainError)) throw err;
  return { status: statusOf(err), field: err.path ?? fallback, message: await describeError(db, err, locale) };
}

/** The one place errors become HTTP answers (JSON under /api, a page elsewhere); no stack trace ever reaches the user. */
export function errorHandler(db: Db): ErrorRequestHandler {
  return async (err, req, res, _next) => {
    const locale: Locale = res.locals.locale ?? 'vi';
    const { status, errors, extra, headers } = await answer(db, err, locale);
    if (headers) res.set(headers);
    if (status >= 500) logError(res, err);
    // The request's id (also in the X-Request-Id header and on its log line), for the user to quote.
    if (req.originalUrl.startsWith('/api')) return void res.status(status).json({ ...extra, errors, requestId: res.locals.requestId });
    res.status(status).render('error', { locale, status, message: errors.map((e) => e.message).join(' ') });
  };
}

/** What a NotFoundError names, in the user's words ("Không tìm thấy đơn vị id:7", not "unit"). */
const WHAT: Record<string, Record<Locale, string>> = {
  unit: { vi: 'đơn vị', en: 'unit' }, change: { vi: 'thay đổi', en: 'change' }, decision: { vi: 'văn bản', en: 'decision' },
  plan: { vi: 'phương án', en: 'plan' }, proposal: { vi: 'đề xuất', en: 'proposal' }, target: { vi: 'mục tiêu', en: 'target' },
  standard: { vi: 'tiêu chuẩn', en: 'standard' }, rule: { vi: 'quy định', en: 'rule' },
};

async function answer(db: Db, err: unknown, locale: Locale): Promise<{ status: number; errors: FieldError[]; extra?: object; headers?: Record<string, string> }> {
  const one = (status: number, message: string) => ({ status, errors: [{ path: '', message }] });
  if (err instanceof InputError) return { status: 422, errors: err.errors };
  if (err instanceof BadRequestError) return one(400, t(locale, err.code, err.params));
  if (err instanceof NotFoundError) return one(404, t(locale, 'NOT_FOUND', { what: WHAT[err.what]?.[locale] ?? err.what, ref: err.ref }));
  // Input a handler parsed without its schema's words (a field it needs, malformed): the request is wrong, not a page missing.
  if (err instanceof ZodError) return one(400, t(locale, 'BAD_REQUEST'));
  if (err instanceof DomainError) {
    const message = await describeError(db, err, locale).catch(() => t(locale, err.code, err.params));
    const conflict = err instanceof ReplayConflict ? { conflictingChange: err.changeId } : {};
    return { status: statusOf(err), errors: [{ path: err.path ?? '', message }], extra: { rule: err.code, ...conflict } };
  }
  if (isBodyParseError(err)) return one(400, t(locale, 'INVALID_JSON'));
  const bodyStatus = requestErrorStatus(err);
  if (bodyStatus) return one(bodyStatus, t(locale, bodyStatus === 413 ? 'BODY_TOO_LARGE' : 'BAD_REQUEST'));
  if ((err as { code?: string })?.code === 'EBADCSRFTOKEN') return one(403, t(locale, 'FORM_EXPIRED'));
  // The server's trouble, not the user's: nothing was saved. Only a busy database is worth retrying soon.
  const trouble = troubleOf(err);
  if (trouble) return { ...one(503, t(locale, trouble)), extra: { rule: trouble }, headers: trouble === 'DATABASE_BUSY' ? { 'Retry-After': '2' } : undefined };
  return one(500, t(locale, 'INTERNAL'));
}

/** body-parser's and the router's own refusals (too large, too many fields, bad charset, bad %-encoding): their 4xx, never a 500. */
function requestErrorStatus(err: unknown): number | undefined {
  const e = err as { type?: unknown; status?: unknown } | null;
  const ours = typeof e?.type === 'string' || err instanceof URIError; // URIError: a route parameter that is not valid %-encoding
  return ours && typeof e?.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : undefined;
}

function isBodyParseError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: string }).type === 'entity.parse.failed';
}

/** The request's own log line (request-log.ts) then carries the error with its causes, at level error. */
function logError(res: Response, err: unknown): void {
  res.err = err instanceof Error ? err : new Error(String(err));
}
