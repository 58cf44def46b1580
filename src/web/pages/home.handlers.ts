import type { Request, Response } from 'express';
import type { Db } from '../../db/connection.js';
import { scriptJson } from './locals.js';
import { isIsoDate } from '../../domain/dates.js';
import { summary } from '../../services/query.service.js';
import { scopeTimeline } from '../../services/timeline.service.js';
import { timelineView } from './timeline.view.js';
import { districtReductions, headlines, staffReductionChart, targetCharts } from './dashboard.model.js';
import { indicatorReports } from '../../services/indicator.service.js';
import { indicatorTables } from './indicator.view.js';

const BASELINE = '2015-12-31';

/**
 * GET /: the dashboard for the province and date in view — the headline reductions since a
 * baseline (31/12/2015 by default), each target against its path, reductions per district and
 * staff reductions per year. Every chart has its table; the charts' data travel as one JSON island.
 */
export function homeHandler(db: Db) {
  return async (req: Request, res: Response) => {
    const from = typeof req.query.from === 'string' && isIsoDate(req.query.from) ? req.query.from : BASELINE;
    const province = res.locals.province;
    const at: string = res.locals.at;
    if (!province) return void res.render('pages/home', { title: 'Tổng quan', from, province: null });
    const h = res.locals as never;
    const sum = await summary(db, province.id, from, at);
    const heads = sum.scope.before.heads;
    const cards = headlines(sum.rows);
    const [targets, districts, staff, timeline, reported] = await Promise.all([
      targetCharts(db, at, h), districtReductions(db, { before: heads, after: sum.scope.after.heads }, cards, from, at, h), staffReductionChart(db, [...new Set([province.id, ...heads])], from, at, h),
      scopeTimeline(db, province.id, at).then((t) => timelineView(t, h, '/', { from: from === BASELINE ? undefined : from })),
      indicatorReports(db, [province.id, ...heads, ...sum.scope.after.heads], at),
    ]);
    const indicators = indicatorTables(reported, h);
    const rows = sum.rows;
    const charts = [...targets.map((t) => t.chart), districts.chart, staff.chart, ...indicators.map((i) => i.chart)];
    res.render('pages/home', {
      title: province.name, from, rows, scope: sum.scope, totals: rows.filter((r) => r.subtype === null), cards,
      targets, districts, staff, timeline, indicators, chartData: scriptJson(charts),
    });
  };
}
