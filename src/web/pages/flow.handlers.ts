import type { Request, Response } from 'express';
import { z } from 'zod';
import { KINDS } from '../../domain/kinds.js';
import type { Flow, FlowLink, FlowNode } from '../../domain/flow.js';
import type { Db } from '../../db/connection.js';
import { flowBetween, type FlowResult } from '../../services/flow.service.js';
import { resolveUnitRef } from '../../services/query.service.js';
import type { Locale } from '../i18n.js';
import { formatNumber, scriptJson } from './locals.js';
import { pageQuery } from './compare.handlers.js';

const groupParam = z.enum(['unit', 'parent']).catch('unit');

export interface FlowRow { from: FlowNode; to: FlowNode; share: FlowLink['share']; units: number }

/** What the Sankey script draws (a JSON island) and the table beside it. */
export function flowView(r: FlowResult, locale: Locale, drill: (n: FlowNode) => string | null = () => null) {
  const f: Flow = r.flow;
  const n = (x: number) => formatNumber(locale, x);
  const byKey = new Map(f.nodes.map((x) => [x.key, x]));
  const label = (x: FlowNode) => (r.grouped === 'unit' || x.count === 0 ? x.label : `${x.label} (${n(x.count)})`);
  const side = (s: 'from' | 'to') => f.nodes.filter((x) => x.side === s).length;
  const chart = {
    links: f.links.map((l) => ({ from: l.from, to: l.to, flow: Math.round(l.flow * 1000) / 1000, share: l.share })),
    priority: priorities(f),
    labels: Object.fromEntries(f.nodes.map((x) => [x.key, label(x)])),
    column: Object.fromEntries(f.nodes.map((x) => [x.key, x.side === 'from' ? 0 : 1])),
    height: Math.max(320, Math.max(side('from'), side('to')) * 14 + 40),
    /** The country's province nodes open the province's own flow when clicked. */
    drill: Object.fromEntries(f.nodes.flatMap((x) => (drill(x) ? [[x.key, drill(x)]] : []))),
    words: locale === 'en' ? { whole: 'whole', part: 'part', units: 'units' } : { whole: 'toàn bộ', part: 'một phần', units: 'đơn vị' },
  };
  const rows: FlowRow[] = f.links
    .map((l) => ({ from: byKey.get(l.from)!, to: byKey.get(l.to)!, share: l.share, units: l.units }))
    .sort((x, y) => x.from.label.localeCompare(y.from.label, 'vi') || x.to.label.localeCompare(y.to.label, 'vi'));
  return { chart: scriptJson(chart), rows };
}

/**
 * The order of the nodes down each column: the later units by name, each earlier unit beside the
 * first unit it went to, so that the bands run across rather than cross.
 */
function priorities(f: Flow): Record<string, number> {
  const to = f.nodes.filter((x) => x.side === 'to').sort((a, b) => (a.key === 'to:none' ? 1 : b.key === 'to:none' ? -1 : a.label.localeCompare(b.label, 'vi')));
  const rank = new Map(to.map((x, i) => [x.key, i]));
  const first = new Map<string, number>();
  for (const l of f.links) first.set(l.from, Math.min(first.get(l.from) ?? Infinity, rank.get(l.to) ?? Infinity));
  const from = f.nodes.filter((x) => x.side === 'from').sort((a, b) => (first.get(a.key) ?? Infinity) - (first.get(b.key) ?? Infinity) || a.label.localeCompare(b.label, 'vi'));
  return Object.fromEntries([...from.map((x, i) => [x.key, i]), ...to.map((x, i) => [x.key, i])]);
}

export function flowHandlers(db: Db) {
  return {
    /** GET /compare/flow: the before/after flow of one kind of unit (communes by default) with its table. */
    async page(req: Request, res: Response) {
      const { q, errors } = pageQuery(req, res);
      const group = groupParam.parse(req.query.group);
      const kind = q.kind ?? 'commune';
      const view = { title: res.locals.L('Luồng trước – sau', 'Before/after flow'), q: { ...q, kind }, group, errors, kindList: KINDS };
      if (errors.length) return void res.status(422).render('pages/compare-flow', { ...view, result: null });
      const rootId = q.root ? await resolveUnitRef(db, q.root, [q.to, q.from]) : null;
      const none = res.locals.locale === 'en'
        ? { before: 'none before (newly established)', after: 'no successor (dissolved)' }
        : { before: 'không có đơn vị trước (thành lập mới)', after: 'không có đơn vị kế thừa (giải thể)' };
      const result = await flowBetween(db, { from: q.from, to: q.to, rootId, kind, group }, none);
      const params = { from: q.from, to: q.to, root: q.root ?? '', kind };
      const drill = (n: FlowNode) => (result.grouped === 'province' && n.code ? res.locals.href('/compare/flow', { ...params, root: n.code }) : null);
      res.render('pages/compare-flow', { ...view, result, ...flowView(result, res.locals.locale, drill), params });
    },
  };
}
