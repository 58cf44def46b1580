import type { Request, Response } from 'express';
import { z } from 'zod';
import type { UnitId } from '../../domain/tree.js';
import type { Db } from '../../db/connection.js';
import { listPlans } from '../../services/plan.service.js';
import { findLatestVersions } from '../../services/query.service.js';
import { countStatuses, type Comparison } from '../../services/compare.service.js';
import { planSummary, type PlanSummary } from '../../services/plan-compare.service.js';
import { comparePages, legend } from './compare.view.js';
import { planNodes, STATUS_TEXT } from './plan.view.js';
import { changeTypeLabel } from '../ui-text.js';
import { writeXlsx } from '../../services/export.service.js';
import { describeRefusals } from '../errors.js';
import { planDocument } from './plan-document.js';
import type { Locale } from '../i18n.js';
import { idParam } from '../params.js';

const id = z.coerce.number().int().positive();

/** The plan as the compare view's input: the base date before, the to-be tree after, each proposal a "change". */
function asComparison(s: PlanSummary, locale: Locale): Comparison {
  const t = s.toBe;
  const names = (list: typeof t.before) => new Map(list.map((v) => [v.unitId, v.name]));
  const label = locale === 'en' ? 'proposal' : 'đề xuất';
  const root = t.before.find((v) => v.unitId === t.scopeId);
  return {
    from: t.base, to: t.date, kind: null, counts: s.counts, byChild: [], units: s.units, statusCounts: countStatuses(s.units), lineage: [],
    root: root ? { id: root.unitId, name: root.name, code: root.code } : null,
    changes: new Map(s.proposals.map((p, i) => [i + 1, { type: p.type, effectiveOn: t.date, decision: `${label} ${i + 1}` }])),
    names: { before: names(t.before), after: names(t.after) },
  };
}

/** "Thôn A + Thôn B → Thôn A (đề xuất 2)" for each unit a proposal produced from others. */
function lineageLines(s: PlanSummary, locale: Locale): { position: number; type: string; text: string }[] {
  const t = s.toBe;
  const name = (id: UnitId, d: string) => t.tree.on(id, d)?.name ?? t.tree.history(id).at(-1)?.name ?? `#${id}`;
  const out: { position: number; type: string; text: string }[] = [];
  for (const [i, r] of t.results.entries()) {
    if (!r.outcome) continue;
    const byTarget = new Map<UnitId, UnitId[]>();
    for (const [from, to] of r.outcome.lineage) byTarget.set(to, [...(byTarget.get(to) ?? []), from]);
    for (const [to, froms] of byTarget) {
      if (froms.length === 1 && froms[0] === to && name(to, t.base) === name(to, t.date)) continue;
      out.push({ position: i + 1, type: changeTypeLabel(locale, s.proposals[i].type), text: `${froms.map((f) => name(f, t.base)).join(' + ')} → ${name(to, t.date)}` });
    }
  }
  return out;
}

export function planViewHandlers(db: Db) {
  async function document(req: Request, res: Response) {
    const s = await planSummary(db, idParam(req));
    const errors = await describeRefusals(db, s.toBe.results, res.locals.locale);
    const issuer = `UBND ${res.locals.province?.name ?? ''}`.trim();
    return { s, doc: planDocument(s, errors, issuer, res.locals.locale) };
  }

  return {
    /** GET /plans/:id/print: the plan as a phương án, alone on the page for A4 landscape. */
    async print(req: Request, res: Response) {
      const { s, doc } = await document(req, res);
      res.render('pages/plan-print', { title: s.plan.name, plan: s.plan, report: doc });
    },

    /** GET /plans/:id.xlsx: the same tables, one sheet each, with the report title block. */
    async xlsx(req: Request, res: Response) {
      const { s, doc } = await document(req, res);
      res.attachment(`phuong-an-${s.plan.id}.xlsx`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeXlsx(res, doc.head, doc.tables);
    },

    /** GET /plans/:id/tree: the to-be tree, folding like the tree page, changed units and units still below standard marked. */
    async tree(req: Request, res: Response) {
      const s = await planSummary(db, idParam(req));
      const below = new Set(s.below.flatMap((b) => b.units.map((u) => u.unit.unitId)));
      const ended = s.toBe.results.flatMap((r) => r.outcome?.ended ?? []).map((u) => s.toBe.tree.history(u).at(-1)!).filter(Boolean);
      res.render('pages/plan-tree', { title: s.plan.name, plan: s.plan, nodes: planNodes(s.toBe, 'after'), below, ended, toBe: s.toBe, summary: s, statusText: STATUS_TEXT });
    },

    /** GET /plans/:id/compare: the compare view with the as-is tree (base date) before and the plan after. */
    async compare(req: Request, res: Response) {
      const s = await planSummary(db, idParam(req));
      const c = asComparison(s, res.locals.locale);
      const onlyChanges = req.query.only !== 'all';
      res.render('pages/plan-compare', {
        title: s.plan.name, plan: s.plan, summary: s, c, groups: comparePages(c, res.locals.locale, onlyChanges).flat(), legend: legend(c, res.locals.locale),
        lineage: lineageLines(s, res.locals.locale), onlyChanges, statusText: STATUS_TEXT,
      });
    },

    /** GET /plans/compare?a=1&b=2: two plans side by side: counts, units per kind, staff, units still below standard. */
    async compareTwo(req: Request, res: Response) {
      const plans = await listPlans(db);
      const pick = (v: unknown, fallback: number | undefined) => id.safeParse(v).data ?? fallback;
      const [a, b] = [pick(req.query.a, plans[1]?.id), pick(req.query.b, plans[0]?.id)];
      const options = a && b ? [await planSummary(db, a), await planSummary(db, b)] : [];
      const scopes = await findLatestVersions(db, options.map((o) => o.plan.scopeUnitId));
      res.render('pages/plan-compare-two', { title: res.locals.L('So sánh phương án', 'Compare plans'), plans, options, scopes, a, b, statusText: STATUS_TEXT });
    },
  };
}
