import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Status } from '../../domain/compare.js';
import { formatDateVi, type IsoDate } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { chartData, chartStatuses, MAX_BOXES, planChart, type ChartData } from '../../services/org-chart.service.js';
import { ancestorsOn } from '../../services/query.service.js';
import { scopeTimeline } from '../../services/timeline.service.js';
import { InputError } from '../errors.js';
import { isoDate, parseInput, type FieldError } from '../validation.js';
import { drawChart, type DrawnChart } from './org-chart.view.js';
import { timelineView } from './timeline.view.js';
import type { Locale } from '../i18n.js';
import { idParam } from '../params.js';


/** ?at= one date, or ?from=&to= two side by side; ?depth= levels below the unit (1–6). */
const chartQuery = z
  .object({
    at: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional(),
    depth: z.coerce.number().int().min(1).max(6).default(2),
    side: z.enum(['from', 'to']).default('to'),
    show: z.enum(['all', 'territorial', 'agency', 'public_service_unit']).default('all'),
    lang: z.string().optional(),
  })
  .refine((q) => !q.from === !q.to, { path: ['to'], params: { i18n: 'FIELD_REQUIRED' } })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], params: { i18n: 'DATES_REVERSED' } });

type ChartQuery = z.infer<typeof chartQuery>;

interface Side { date: IsoDate; chart: DrawnChart | null; depth: number; asked: number }

async function side(db: Db, unitId: number, date: IsoDate, q: ChartQuery, locale: Locale, prefix: string, statuses?: Map<number, Status[]>): Promise<Side> {
  return drawn(await chartData(db, unitId, date, q.depth, q.show), unitId, date, locale, prefix, statuses);
}

function drawn(d: ChartData, unitId: number, date: IsoDate, locale: Locale, prefix: string, statuses?: Map<number, Status[]>): Side {
  const title = (name: string) => `${name} · ${formatDateVi(date)}`;
  const rootName = d.rows.find((r) => r.unitId === d.rootId)?.name ?? `#${unitId}`;
  const chart = drawChart(d, locale, { title: title(rootName), idPrefix: prefix, statuses, href: (u) => `/units/${u}?at=${date}` });
  return { date, chart, depth: d.depth, asked: d.asked };
}

function parse(req: Request, res: Response): { q: ChartQuery | null; errors: FieldError[] } {
  const r = parseInput(chartQuery, req.query, res.locals.locale);
  return r.ok ? { q: r.value, errors: [] } : { q: null, errors: r.errors };
}

export function orgChartHandlers(db: Db) {
  return {
    /** GET /units/:id/chart: the subtree on the date in view as an org chart, or on two dates side by side. */
    async page(req: Request, res: Response) {
      const unitId = idParam(req);
      const { q, errors } = parse(req, res);
      const view = { title: 'Sơ đồ tổ chức', unitId, errors, maxBoxes: MAX_BOXES };
      if (!q) return void res.status(422).render('pages/org-chart', { ...view, q: { depth: 2 }, sides: [], path: [], params: {} });
      const locale: Locale = res.locals.locale;
      const pair = q.from && q.to ? [q.from, q.to] as const : null;
      const statuses = pair ? await chartStatuses(db, unitId, pair[0], pair[1]) : undefined;
      const sides = pair
        ? [await side(db, unitId, pair[0], q, locale, 'oc-from', statuses), await side(db, unitId, pair[1], q, locale, 'oc-to', statuses)]
        : [await side(db, unitId, res.locals.at, q, locale, 'oc-at')];
      const name = [...sides].reverse().find((s) => s.chart)?.chart?.name ?? `#${unitId}`;
      const timeline = pair ? null : timelineView(await scopeTimeline(db, unitId, res.locals.at), res.locals as never, `/units/${unitId}/chart`, { depth: q.depth, show: q.show });
      res.render('pages/org-chart', {
        ...view, title: name, q, sides, name, compared: pair !== null, timeline,
        path: await ancestorsOn(db, unitId, pair ? pair[1] : res.locals.at),
        params: pair ? { from: pair[0], to: pair[1], depth: q.depth, show: q.show } : { depth: q.depth, show: q.show },
      });
    },

    /** GET /plans/:id/chart: the plan's scope on its base date beside its to-be tree, what the proposals do coloured. */
    async plan(req: Request, res: Response) {
      const planId = idParam(req);
      const { q, errors } = parse(req, res);
      if (!q) throw new InputError(errors);
      const p = await planChart(db, planId, q.depth, q.show);
      const locale: Locale = res.locals.locale;
      const sides = [drawn(p.base, p.base.rootId, p.base.at, locale, 'oc-from', p.statuses), drawn(p.toBe, p.toBe.rootId, p.toBe.at, locale, 'oc-to', p.statuses)];
      res.render('pages/org-chart', {
        title: p.plan.name, unitId: p.base.rootId, errors: [], maxBoxes: MAX_BOXES, q, sides, compared: true, path: [],
        name: p.plan.name, plan: p.plan, params: { depth: q.depth, show: q.show },
      });
    },

    /** GET /units/:id/chart.svg: the same chart as a file (the later date of a pair unless ?side=from). */
    async svg(req: Request, res: Response) {
      const unitId = idParam(req);
      const { q, errors } = parse(req, res);
      if (!q) throw new InputError(errors);
      const date: IsoDate = q.from && q.to ? (q.side === 'from' ? q.from : q.to) : res.locals.at;
      const statuses = q.from && q.to ? await chartStatuses(db, unitId, q.from, q.to) : undefined;
      const s = await side(db, unitId, date, q, res.locals.locale, 'oc', statuses);
      if (!s.chart) return void res.status(404).type('text/plain').send(res.locals.L('Đơn vị không tồn tại vào ngày này.', 'The unit does not exist on this date.'));
      res.attachment(`so-do-to-chuc-${unitId}-${date}.svg`).type('image/svg+xml; charset=utf-8');
      res.send(`<?xml version="1.0" encoding="UTF-8"?>\n${s.chart.svg}\n`);
    },
  };
}
