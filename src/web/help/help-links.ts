import type { NextFunction, Request, Response } from 'express';
import { t, type Locale } from '../i18n.js';

/**
 * Which part of the guide explains a screen, by the route that drew it (Express's `req.route.path`),
 * so the layout links every page to its help from this one table instead of from forty views.
 */
export const HELP_FOR_ROUTE: Record<string, string> = {
  '/': 'staffing#the-dashboard',
  '/tree': 'pages',
  '/search': 'pages',
  '/units/:id': 'model',
  '/units/:id/chart': 'compare#org-chart-and-before-after-flow',
  '/decisions': 'model',
  '/decisions/:id': 'model',
  '/changes': 'model',
  '/changes/:id': 'model',
  '/changes/new': 'model#change-types',
  '/changes/preview': 'model#change-types',
  '/changes/form': 'model#change-types',
  '/changes/:id/void': 'pages#corrections-voiding-and-reinstating',
  '/changes/:id/reinstate': 'pages#corrections-voiding-and-reinstating',
  '/units/:id/correction': 'pages#corrections-voiding-and-reinstating',
  '/staffing': 'staffing#staffing',
  '/staffing/units/:id': 'staffing#staffing',
  '/staffing/movements/new': 'staffing#staffing',
  '/staffing/quotas/new': 'staffing#staffing',
  '/staffing/import': 'imports#staffing-movements',
  '/targets': 'staffing#targets',
  '/targets/new': 'staffing#targets',
  '/targets/:id/edit': 'staffing#targets',
  '/indicators': 'staffing#reported-indicators',
  '/indicators/new': 'staffing#reported-indicators',
  '/indicators/:id/edit': 'staffing#reported-indicators',
  '/indicators/:id/values/new': 'staffing#reported-indicators',
  '/standards': 'standards',
  '/standards/new': 'standards',
  '/standards/rules/new': 'standards#rules',
  '/standards/rules/:id/edit': 'standards#rules',
  '/standards/:id/edit': 'standards',
  '/standards/candidates': 'standards#candidates',
  '/plans': 'plans',
  '/plans/new': 'plans',
  '/plans/compare': 'plans',
  '/plans/:id': 'plans#workflow',
  '/plans/:id/edit': 'plans',
  '/plans/:id/tree': 'plans#the-to-be-tree',
  '/plans/:id/compare': 'plans#the-to-be-tree',
  '/plans/:id/chart': 'compare#org-chart-and-before-after-flow',
  '/plans/:id/enactment': 'plans#enacting',
  '/plans/:id/proposals/new': 'plans',
  '/plans/:id/proposals/:pid/edit': 'plans',
  '/compare': 'compare',
  '/compare/correspondence': 'compare#the-correspondence-table',
  '/compare/flow': 'compare#org-chart-and-before-after-flow',
  '/reports': 'compare#reports',
  '/admin/users': 'accounts#roles',
  '/audit': 'accounts#the-audit-trail',
  '/account/password': 'accounts#passwords-and-sign-in',
};

export interface HelpLink {
  /** The guide's index, for the header. */
  index: { href: string; text: string };
  /** The part of the guide about this screen, if the table names one. */
  page?: { href: string; text: string };
}

export function helpLinkFor(routePath: string | undefined, locale: Locale): HelpLink {
  const target = routePath === undefined ? undefined : HELP_FOR_ROUTE[routePath];
  return {
    index: { href: '/help', text: t(locale, 'HELP') },
    ...(target ? { page: { href: `/help/${target}`, text: t(locale, 'HELP_ON_THIS_PAGE') } } : {}),
  };
}

/** `help` for the layout, read when the view is drawn: only then is the matched route known. */
export function helpLinks(req: Request, res: Response, next: NextFunction): void {
  Object.defineProperty(res.locals, 'help', {
    get: () => helpLinkFor(req.route?.path as string | undefined, res.locals.locale),
    enumerable: true,
    configurable: true,
  });
  next();
}
