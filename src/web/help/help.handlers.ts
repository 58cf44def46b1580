import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import { t, type Locale } from '../i18n.js';
import { helpGuide, type HelpGuide } from './help-pages.js';

const HELP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../views/help');

/** The first pages are the guide for staff; from `api` on, the reference for IT staff. */
const FIRST_REFERENCE = 'api';

/**
 * /help and /help/:page. The page names are read once, when the app starts; an unknown name falls
 * through to the app's 404. Pages are rendered once and kept when Express caches views
 * (NODE_ENV=production); otherwise each request reads the file again, so an edit shows at once.
 */
export function helpHandlers(guide: HelpGuide = helpGuide(HELP_DIR)) {
  const entry = (name: string, locale: Locale, keep: boolean) => {
    const page = guide.page(name, locale, keep);
    return { name, href: `/help/${name}`, title: page.title, lang: page.lang, other: page.lang !== locale };
  };
  return {
    index(req: Request, res: Response) {
      const locale = res.locals.locale;
      const split = guide.names.indexOf(FIRST_REFERENCE);
      const all = guide.names.map((n) => entry(n, locale, req.app.enabled('view cache')));
      res.render('pages/help-index', {
        title: t(locale, 'HELP'),
        groups: [
          { heading: t(locale, 'HELP_USER_GUIDE'), pages: split < 0 ? all : all.slice(0, split) },
          { heading: t(locale, 'HELP_REFERENCE'), pages: split < 0 ? [] : all.slice(split) },
        ].filter((g) => g.pages.length),
        englishOnly: t(locale, 'HELP_ENGLISH_ONLY'),
      });
    },
    page(req: Request, res: Response, next: NextFunction) {
      const name = String(req.params.page);
      if (!guide.names.includes(name)) return next();
      const locale = res.locals.locale;
      const page = guide.page(name, locale, req.app.enabled('view cache'));
      res.render('pages/help', {
        title: `${page.title} · ${t(locale, 'HELP')}`,
        helpTitle: t(locale, 'HELP'),
        page,
        note: page.lang === locale ? null : t(locale, 'HELP_NOT_TRANSLATED'),
      });
    },
  };
}
