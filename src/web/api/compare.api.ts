import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { todayInVietnam } from '../../domain/dates.js';
import { KINDS } from '../../domain/kinds.js';
import type { Db } from '../../db/connection.js';
import { compareStructures, type Comparison } from '../../services/compare.service.js';
import { compareCountry, countryCorrespondence } from '../../services/country-compare.service.js';
import { correspondence } from '../../services/correspondence.js';
import { exportJsonLd } from '../../services/jsonld.service.js';
import { resolveUnitRef } from '../../services/query.service.js';
import { InputError } from '../errors.js';
import { isoDate, parseInput, unitRef } from '../validation.js';

/** The query every compare view and export takes: two dates (from before to), a scope, a kind. */
export const compareQuery = z
  .object({
    from: isoDate, to: isoDate, root: unitRef.optional(), kind: z.enum(KINDS).optional(),
    only: z.enum(['changes']).optional(), part: unitRef.optional(), lang: z.string().optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], params: { i18n: 'DATES_REVERSED' }, when: (p) => p.issues.length === 0 });

export type CompareParams = z.infer<typeof compareQuery>;

export function parseCompareQuery(data: unknown, res: Response): CompareParams {
  const r = parseInput(compareQuery, data, res.locals.locale);
  if (!r.ok) throw new InputError(r.errors);
  return r.value;
}

/** Every unit of the scope classified: what exports and correspondence tables need. */
export async function runCompare(db: Db, q: CompareParams): Promise<Comparison> {
  const rootId = q.root ? await resolveUnitRef(db, q.root, [q.to, q.from]) : null;
  return compareStructures(db, { from: q.from, to: q.to, rootId, kind: q.kind });
}

/** What a compare page, a report and /api/compare show: for the whole country, the units of one province (`part`) at a time, or none. */
export async function runOverview(db: Db, q: CompareParams, listUnits = true): Promise<Comparison> {
  if (q.root) return runCompare(db, q);
  const partId = q.part ? await resolveUnitRef(db, q.part, [q.from, q.to]) : null;
  return compareCountry(db, { from: q.from, to: q.to, kind: q.kind }, { partId, listUnits });
}

/** GET /api/compare and GET /api/compare/correspondence. */
export function compareApi(db: Db): Record<string, RequestHandler> {
  return {
    async compare(req, res) {
      const q = parseCompareQuery(req.query, res);
      const c = await runOverview(db, q);
      const units = q.only === 'changes' ? c.units.filter((u) => !u.statuses.includes('unchanged')) : c.units;
      res.json({
        from: c.from, to: c.to, root: c.root, kind: c.kind, counts: c.counts, byChild: c.byChild, statusCounts: c.statusCounts, part: c.part ?? null,
        units: units.map((u) => ({ id: u.unitId, statuses: u.statuses, before: u.before, after: u.after, successors: u.successors })),
        lineage: c.lineage,
        changes: Object.fromEntries(c.changes),
      });
    },

    /** The whole country's rows are written one province at a time, never all in memory. */
    async correspondence(req, res) {
      const q = parseCompareQuery(req.query, res);
      if (q.root) return void res.json({ from: q.from, to: q.to, root: q.root, rows: correspondence(await runCompare(db, q)) });
      const batches = countryCorrespondence(db, { from: q.from, to: q.to, kind: q.kind });
      const first = await batches.next(); // a failure before any byte is sent still answers as an error
      res.type('application/json');
      res.write(`{"from":${JSON.stringify(q.from)},"to":${JSON.stringify(q.to)},"root":null,"rows":[`);
      let sep = '';
      for (let b = first; !b.done; b = await batches.next()) {
        const text = b.value.map((r) => JSON.stringify(r)).join(',');
        if (text && !res.write(sep + text)) await new Promise((resolve) => res.once('drain', resolve));
        if (text) sep = ',';
      }
      res.end(']}');
    },
  };
}

export const jsonLdQuery = z.object({ at: isoDate.optional(), root: unitRef.optional(), lang: z.string().optional() });

/** GET /api/export.jsonld: the tree on a date and its change events, as open data. */
export function jsonLdApi(db: Db): RequestHandler {
  return async (req, res) => {
    const r = parseInput(jsonLdQuery, req.query, res.locals.locale);
    if (!r.ok) throw new InputError(r.errors);
    const at = r.value.at ?? todayInVietnam();
    const rootId = r.value.root ? await resolveUnitRef(db, r.value.root, [at]) : null;
    const doc = await exportJsonLd(db, at, rootId, `${req.protocol}://${req.get('host')}`);
    res.type('application/ld+json').send(JSON.stringify(doc));
  };
}
