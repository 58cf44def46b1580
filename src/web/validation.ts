import { z } from 'zod';
import { FIRST_DATE, LAST_DATE, isIsoDate, isSupportedDate } from '../domain/dates.js';
import { t, type Locale } from './i18n.js';

/** A calendar date as `YYYY-MM-DD` that exists (no 2023-02-29), between 1900 and 2100 (see FIRST_DATE). */
export const isoDate = z.string()
  .refine(isIsoDate, { params: { i18n: 'INVALID_DATE' }, abort: true })
  .refine(isSupportedDate, { params: { i18n: 'DATE_OUT_OF_RANGE', first: FIRST_DATE, last: LAST_DATE } });

/** A unit reference in a query string: an official code, or `id:42`. */
export const unitRef = z.string().refine((s) => /^(id:\d+|[0-9A-Za-z._-]{1,20})$/.test(s), { params: { i18n: 'INVALID_REF' } });

export interface FieldError {
  path: string;
  message: string;
}

/** Parses with messages in the user's language; our own checks carry an `i18n` key into the catalogue. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, locale: Locale): { ok: true; value: z.infer<S> } | { ok: false; errors: FieldError[] } {
  const fallback = (locale === 'en' ? z.locales.en() : z.locales.vi()).localeError;
  const result = schema.safeParse(data, {
    error: (issue) => {
      const params = (issue as { params?: { i18n?: string } & Record<string, string> }).params;
      if (params?.i18n) return t(locale, params.i18n, params);
      // A field left empty, or not sent at all, is "required", not zod's type words.
      if ((issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) || (issue.code === 'invalid_type' && issue.input === undefined)) return t(locale, 'FIELD_REQUIRED');
      return fallback(issue);
    },
  });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

/** The first message of each field (the path's first name), for the form to show beside it; a message about the whole input goes under `fallback`. */
export function errorsByField(errors: FieldError[], fallback: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.path.split('.')[0] || fallback] ??= e.message;
  return out;
}

/** Form fields as a schema takes them: empty fields left out, the CSRF token dropped. */
export function filledFields(body: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && v !== ''));
}
