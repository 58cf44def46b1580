import type { RequestHandler } from 'express';
import { z } from 'zod';
import { PLAN_STATUSES } from '../../domain/plan.js';
import type { Db } from '../../db/connection.js';
import { planOverview, plansWithScopes, type ScopeUnit } from '../../services/plan-overview.service.js';
import type { PlanRecord } from '../../services/plan.service.js';
import { describeRefusals, inputOf } from '../errors.js';
import { idPath } from '../params.js';

export const plansQuery = z.object({ status: z.enum(PLAN_STATUSES).optional(), lang: z.string().optional() });

const planJson = (p: PlanRecord, scope: ScopeUnit, proposalCount: number) => ({
  id: p.id, name: p.name, scope, baseOn: p.baseOn, status: p.status, author: p.author, description: p.description,
  enactedOn: p.enactedOn, createdAt: p.createdAt, updatedAt: p.updatedAt, proposalCount,
});

/** GET /api/plans and GET /api/plans/:id: read-only, every signed-in user sees every plan (as on /plans). */
export function plansApi(db: Db): Record<string, RequestHandler> {
  return {
    async list(req, res) {
      const q = inputOf(plansQuery, req.query, res);
      const plans = await plansWithScopes(db, q.status);
      res.json({ status: q.status ?? null, plans: plans.map((p) => planJson(p, p.scope, p.proposals)) });
    },

    /** Proposals evaluated on the plan's to-be tree, refusals with the engine's reason as the plan page words it. */
    async show(req, res) {
      const { id } = inputOf(idPath, req.params, res);
      const o = await planOverview(db, id);
      const reasons = await describeRefusals(db, o.toBe.results, res.locals.locale);
      res.json({
        ...planJson(o.plan, o.scope, o.proposals.length),
        proposals: o.proposals.map((p, i) => ({
          id: p.id, position: i + 1, type: p.type, request: p.request, applies: o.toBe.results[i].error === null,
          rule: o.toBe.results[i].error?.code ?? null, reason: reasons[i], changeId: p.changeId,
        })),
        history: o.transitions.map((t) => ({ step: t.action, fromStatus: t.fromStatus, toStatus: t.toStatus, by: t.by, at: t.at, comment: t.comment })),
        counts: o.counts,
      });
    },
  };
}
