import type { RequestHandler } from 'express';
import { z } from 'zod';
import { todayInVietnam } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { findChange, type Recorded, type StoredChange } from '../../services/change.service.js';
import { findDecisionsByIds } from '../../services/register.service.js';
import { changesBetween, findLatestVersions, resolveUnitRef, summary, treeOn, unitDetail, unitsByCode } from '../../services/query.service.js';
import { recordChangeAs, reinstateChangeAs, voidChangeAs } from '../../services/attributed.service.js';
import { writerOf } from '../auth/access.js';
import { pickChildren, pickUnits } from '../../services/unit-search.service.js';
import { pickerChildrenSummary, pickerOption, pickerSummary, pickerWords } from '../unit-picker.js';
import { inputOf } from '../errors.js';
import { NotFoundError } from '../../domain/errors.js';
import { isoDate, unitRef } from '../validation.js';
import { changeRequestSchema, toChangeRequest, voidRequestSchema } from './change.schemas.js';
import { idPath } from '../params.js';

export const treeQuery = z.object({
  at: isoDate.optional(),
  root: unitRef.optional(),
  depth: z.coerce.number().int().min(0).max(4).default(3),
  lang: z.string().optional(),
});

export const unitsQuery = z.object({ code: z.string().trim().min(1).max(20), at: isoDate.optional(), lang: z.string().optional() });
export const changesQuery = z.object({
  from: isoDate.optional(), to: isoDate.optional(), root: unitRef.optional(),
  includeVoided: z.enum(['true', 'false']).optional(), lang: z.string().optional(),
});
export const searchQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  /** Instead of `q`: the units directly under this one (`top` for the top level), for picking from the tree. */
  under: z.union([z.literal('top'), unitRef]).optional(),
  at: isoDate.optional(), lang: z.string().optional(),
  offset: z.coerce.number().int().min(0).max(100_000).default(0), limit: z.coerce.number().int().min(1).max(50).default(20),
}).refine((v) => v.q !== undefined || v.under !== undefined, { params: { i18n: 'SEARCH_Q_OR_UNDER' }, path: ['q'] });
export const summaryQuery = z.object({ root: unitRef.optional(), from: isoDate, to: isoDate, lang: z.string().optional() });

export function apiHandlers(db: Db): Record<string, RequestHandler> {
  /** A change as the API answers it, with its decision's number. */
  async function withDecision(change: StoredChange) {
    const [decision] = await findDecisionsByIds(db, [change.decisionId]);
    return changeJson({ ...change, decisionNumber: decision.number });
  }

  return {
    async tree(req, res) {
      const q = inputOf(treeQuery, req.query, res);
      const at = q.at ?? todayInVietnam();
      const rootId = q.root ? await resolveUnitRef(db, q.root, [at]) : null;
      // The whole country is a quarter of a million units: without a root, the provinces only.
      const depth = rootId === null ? 0 : q.depth;
      res.json({ at, root: q.root ?? null, depth, nodes: await treeOn(db, at, rootId, depth) });
    },

    async units(req, res) {
      const q = inputOf(unitsQuery, req.query, res);
      const versions = await unitsByCode(db, q.code, q.at ?? null);
      res.json({ code: q.code, at: q.at ?? null, units: versions.map(({ unitId, ...v }) => ({ id: unitId, ...v })) });
    },

    async unit(req, res) {
      const { id } = inputOf(idPath, req.params, res);
      const d = await unitDetail(db, id);
      res.json({ ...d, changes: d.changes.map(changeJson) });
    },

    async changes(req, res) {
      const q = inputOf(changesQuery, req.query, res);
      const rootId = q.root ? await resolveUnitRef(db, q.root, [q.to ?? todayInVietnam(), ...(q.from ? [q.from] : [])]) : undefined;
      const list = await changesBetween(db, { from: q.from, to: q.to, rootId, includeVoided: q.includeVoided === 'true' });
      res.json({ from: q.from ?? null, to: q.to ?? null, root: q.root ?? null, changes: list.map(changeJson) });
    },

    async recordChange(req, res) {
      const body = inputOf(changeRequestSchema, req.body ?? {}, res);
      const recorded = await recordChangeAs(db, toChangeRequest(body), writerOf(req, res));
      res.status(201).location(`/api/changes/${recorded.change.id}`).json(await recordedJson(db, recorded));
    },

    /** One change as stored, voided or not (where POST /api/changes's Location points). */
    async change(req, res) {
      const { id } = inputOf(idPath, req.params, res);
      const change = await findChange(db, id);
      if (!change) throw new NotFoundError('change', String(id));
      res.json({ change: await withDecision(change) });
    },

    async voidChange(req, res) {
      const { id } = inputOf(idPath, req.params, res);
      const body = inputOf(voidRequestSchema, req.body ?? {}, res);
      res.json({ change: await withDecision(await voidChangeAs(db, id, body.reason, writerOf(req, res))) });
    },

    /** A voided change back in force, with a reason (refused whole, 409, when a later change no longer applies). */
    async reinstateChange(req, res) {
      const { id } = inputOf(idPath, req.params, res);
      const body = inputOf(voidRequestSchema, req.body ?? {}, res);
      res.json({ change: await withDecision(await reinstateChangeAs(db, id, body.reason, writerOf(req, res))) });
    },

    /** The forms' unit picker: units by name narrowed by their ancestors' names, by code or id:N, a page at a time, and how many matched. */
    async search(req, res) {
      const q = inputOf(searchQuery, req.query, res);
      const at = q.at ?? todayInVietnam();
      const locale = res.locals.locale;
      const page = { offset: q.offset, limit: q.limit };
      if (q.q === undefined) {
        const parentId = q.under === 'top' ? null : await resolveUnitRef(db, q.under!, [at]);
        const { total, units } = await pickChildren(db, parentId, at, page);
        const shown = q.offset + units.length;
        return void res.json({
          under: q.under, at, total, offset: q.offset, limit: q.limit, summary: pickerChildrenSummary(locale, total, shown),
          words: pickerWords(locale, Math.min(q.limit, total - shown)), hits: units.map((u) => ({ ...pickerOption(locale, u), children: u.children })),
        });
      }
      const { total, units } = await pickUnits(db, q.q, at, page);
      const shown = q.offset + units.length;
      res.json({
        q: q.q, at, total, offset: q.offset, limit: q.limit, summary: pickerSummary(locale, q.q, total, shown),
        words: pickerWords(locale, Math.min(q.limit, total - shown)), hits: units.map((u) => pickerOption(locale, u)),
      });
    },

    async summary(req, res) {
      const q = inputOf(summaryQuery, req.query, res);
      const rootId = q.root ? await resolveUnitRef(db, q.root, [q.to, q.from]) : null;
      const s = await summary(db, rootId, q.from, q.to);
      res.json({ root: q.root ?? null, rootId, from: q.from, to: q.to, rows: s.rows, scope: s.scope });
    },
  };
}

function changeJson(c: StoredChange & { decisionNumber: string }) {
  return {
    id: c.id, type: c.type, effectiveOn: c.effectiveOn, decision: c.decisionNumber, input: c.input, note: c.note,
    recordedAt: c.recordedAt, recordedBy: c.recordedBy,
    voided: c.voidedAt ? { at: c.voidedAt, by: c.voidedBy, reason: c.voidReason } : null,
  };
}

async function recordedJson(db: Db, r: Recorded) {
  const o = r.outcome;
  const names = await findLatestVersions(db, [...o.created, ...o.ended, ...o.changed, ...o.moved.map((m) => m.unitId)]);
  const unit = (id: number) => ({ id, name: names.get(id)?.name ?? null, code: names.get(id)?.code ?? null });
  return {
    change: changeJson({ ...r.change, decisionNumber: r.decision.number }),
    decision: r.decision,
    effects: {
      created: o.created.map(unit), ended: o.ended.map(unit), changed: o.changed.map(unit),
      moved: o.moved.map((m) => ({ ...unit(m.unitId), from: m.from, to: m.to })),
      lineage: o.lineage.map(([from, to]) => ({ from, to })),
    },
  };
}

