import type { NextFunction, Request, Response } from 'express';
import { formatDateVi, formatMomentVi, isIsoDate, todayInVietnam } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { provincesOn } from '../../services/query.service.js';
import { cookieValue } from '../cookies.js';
import { kindLabel, type Locale } from '../i18n.js';
import { changeTypeLabel, kindsLabel, subtypeLabel } from '../ui-text.js';

declare module 'express-session' {
  interface SessionData {
    lang?: Locale;
    province?: string;
    flash?: { kind: 'ok' | 'error'; text: string };
  }
}

const formats = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/**
 * 1.234,5 in Vietnamese, 1,234.5 in English, for reading only: a negative number takes the minus
 * sign (−12, U+2212) as the dashboard prints it, not Intl's hyphen. Exports keep real numbers.
 */
/** Data for a `<script type="application/json">` block: `<` escaped, so no text in it can close the element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export function formatNumber(locale: Locale, n: number): string {
  const text = formats[locale].format(Math.abs(n));
  return n < 0 && text !== '0' ? `\u2212${text}` : text;
}

/** A change as the pages show it: +3, −12, 0. */
export const formatSigned = (locale: Locale, n: number) => (n > 0 ? '+' : '') + formatNumber(locale, n);

/** Formatting helpers every view gets: dates as dd/mm/yyyy, numbers as 1.234,5 in Vietnamese. */
export function viewHelpers(locale: Locale, at: string) {
  return {
    locale,
    at,
    L: (vi: string, en: string) => (locale === 'en' ? en : vi),
    date: (d: string | null | undefined) => (d ? formatDateVi(d) : ''),
    /** A stored UTC timestamp in Việt Nam's time, dd/mm/yyyy hh:mm (never its UTC date). */
    moment: (ts: string | null | undefined) => (ts ? formatMomentVi(ts) : ''),
    num: (n: number | null | undefined) => (n === null || n === undefined ? '' : formatNumber(locale, n)),
    signed: (n: number) => formatSigned(locale, n),
    kind: (k: string) => kindLabel(locale, k),
    kinds: (k: string) => kindsLabel(locale, k),
    subtype: (k: string, s: string) => subtypeLabel(locale, k, s),
    changeType: (t: string) => changeTypeLabel(locale, t),
    /** A link that keeps the date in view (and adds `params`). */
    href(path: string, params: Record<string, string | number | undefined | null> = {}) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries({ at, ...params })) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
      const s = q.toString();
      return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
    },
  };
}

/**
 * Per request: the language (?lang= sticks in the session, or in a cookie before signing in), the
 * date in view (?at=, today by default), the province in view, the flash message of a redirect,
 * and the helpers above.
 */
export function pageLocals(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const lang = req.query.lang;
    if ((lang === 'vi' || lang === 'en') && chosenLang(req) !== lang) rememberLang(req, res, lang);
    const locale: Locale = (lang === 'vi' || lang === 'en' ? lang : chosenLang(req)) ?? 'vi';
    res.locals.locale = locale;
    const at = typeof req.query.at === 'string' && isIsoDate(req.query.at) ? req.query.at : todayInVietnam();
    Object.assign(res.locals, viewHelpers(locale, at), { currentPath: req.path, query: req.query, today: todayInVietnam() });
    res.locals.flash = req.session.flash;
    delete req.session.flash;
    res.locals.provinces = await provincesOn(db, at);
    const province = typeof req.query.province === 'string' ? req.query.province : req.session.province;
    if (province !== req.session.province && req.session.userId !== undefined) req.session.province = province;
    const chosen = res.locals.provinces.find((p: { code: string | null }) => p.code === province);
    res.locals.province = chosen ?? res.locals.provinces[0] ?? null;
    next();
  };
}

const LANG_COOKIE = 'lang';

/** The language chosen: in the session once signed in; before that in a cookie, so that an anonymous visitor stores no session. */
export function chosenLang(req: Request): Locale | undefined {
  const lang = req.session?.lang ?? cookieValue(req, LANG_COOKIE);
  return lang === 'vi' || lang === 'en' ? lang : undefined;
}

function rememberLang(req: Request, res: Response, lang: Locale): void {
  if (req.session.userId !== undefined) req.session.lang = lang;
  else res.cookie(LANG_COOKIE, lang, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: 365 * 86_400_000 });
}

export function flash(req: Request, kind: 'ok' | 'error', text: string): void {
  req.session.flash = { kind, text };
}

type Province = Awaited<ReturnType<typeof provincesOn>>[number];

declare global {
  namespace Express {
    /** What every page's locals carry (pageLocals, access, request-log, help-links); a view reads them by these names. */
    interface Locals extends ReturnType<typeof viewHelpers> {
      locale: Locale;
      /** pino-http's id of the request (a UUID, or the X-Request-Id it came with). */
      requestId?: unknown;
      // `user` and `viaToken` (auth/access.ts) stay untyped here: tests set a bare user on the locals.
      canWrite?: boolean;
      loginCsrf?: string;
      flash?: { kind: 'ok' | 'error'; text: string };
      provinces?: Province[];
      province?: Province | null;
      currentPath?: string;
      today?: string;
    }
  }
}
