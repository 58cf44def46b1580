import type { RequestHandler } from 'express';
import { todayInVietnam } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { resolveUnitRef } from '../../services/query.service.js';
import { staffingReport } from '../../services/staffing.service.js';
import { targetsWithProgress, type TargetInput } from '../../services/target.service.js';
import { createTargetAs, recordMovementsAs, recordQuotasAs } from '../../services/attributed.service.js';
import { writerOf } from '../auth/access.js';
import { inputOf } from '../errors.js';
import { movementSchema, movementsListSchema, quotaSchema, staffingQuery, targetSchema, targetsQuery, type TargetBody } from './staffing.schemas.js';

/** The target as the service takes it, its scope resolved on the baseline date. */
export async function toTargetInput(db: Db, b: TargetBody): Promise<TargetInput> {
  const { scope, indicator, ...rest } = b;
  return { ...rest, kind: b.kind ?? null, categories: b.categories ?? null, indicatorId: indicator ?? null, scopeUnitId: await resolveUnitRef(db, scope, [b.baselineOn, b.deadlineOn]) };
}

export function staffingApi(db: Db): Record<string, RequestHandler> {
  return {
    async report(req, res) {
      const q = inputOf(staffingQuery, req.query, res);
      const at = q.at ?? todayInVietnam();
      const to = q.to ?? at;
      const from = q.from ?? `${Number(to.slice(0, 4)) - 1}-12-31`;
      const rootId = q.root ? await resolveUnitRef(db, q.root, [at, to, from]) : null;
      res.json({ root: q.root ?? null, ...(await staffingReport(db, rootId, at, from, to)) });
    },

    async movements(req, res) {
      const raw = req.body ?? {};
      const list = 'movements' in raw ? inputOf(movementsListSchema, raw, res).movements : [inputOf(movementSchema, raw, res)];
      const rows = await Promise.all(list.map(async (m) => ({ ...m, unitId: await resolveUnitRef(db, m.unit, [m.on]) })));
      res.status(201).json({ recorded: await recordMovementsAs(db, rows, writerOf(req, res)) });
    },

    async quotas(req, res) {
      const q = inputOf(quotaSchema, req.body ?? {}, res);
      res.status(201).json({ recorded: await recordQuotasAs(db, [{ ...q, unitId: await resolveUnitRef(db, q.unit, [q.on]) }], writerOf(req, res)) });
    },

    async targets(req, res) {
      const q = inputOf(targetsQuery, req.query, res);
      const at = q.at ?? todayInVietnam();
      res.json({ at, targets: await targetsWithProgress(db, at, q.includeRetired === 'true') });
    },

    async createTarget(req, res) {
      const body = inputOf(targetSchema, req.body ?? {}, res);
      const id = await createTargetAs(db, await toTargetInput(db, body), writerOf(req, res));
      res.status(201).location(`/targets/${id}`).json({ id });
    },
  };
}
