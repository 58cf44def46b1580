import type { Request } from 'express';
import { dayAfter, isIsoDate, todayInVietnam } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { findPlan } from '../../db/plan.repository.js';
import { resolveUnitRef } from '../../services/query.service.js';

/** The units a plan write touches, judged on the plan's base date (the shape of scope-claims.ts's ScopeClaim). */
type Claim = { unit: number; dates: string[] }[];

const REF_KEYS = new Set(['unit', 'units', 'absorbed', 'into', 'parent', 'childrenTo', 'toParent', 'from', 'to', 'children', 'staffTo']);

async function resolved(db: Db, refs: string[], dates: string[]): Promise<Claim> {
  const out: Claim = [];
  for (const ref of new Set(refs)) {
    const id = await resolveUnitRef(db, ref, dates).catch(() => undefined);
    if (id !== undefined) out.push({ unit: id, dates });
  }
  return out;
}

/** POST /plans: the scope the new plan covers. */
export async function newPlanScope(db: Db, req: Request): Promise<Claim> {
  const on = typeof req.body?.baseOn === 'string' && isIsoDate(req.body.baseOn) ? req.body.baseOn : todayInVietnam();
  return resolved(db, typeof req.body?.scope === 'string' ? [req.body.scope.trim()] : [], [on]);
}

/**
 * Writes to a plan (its details, its proposals, its workflow): the plan's scope, and for a
 * proposal the units its form names (`id:42` or a code; names are left to the service).
 */
export async function planScope(db: Db, req: Request): Promise<Claim> {
  const plan = await findPlan(db, Number(req.params.id) || 0);
  if (!plan) return [];
  const dates = [plan.baseOn, dayAfter(plan.baseOn)];
  const refs = Object.entries(req.body ?? {}).flatMap(([k, v]) => (REF_KEYS.has(k) ? ([] as unknown[]).concat(v) : []))
    .filter((v): v is string => typeof v === 'string' && /^(id:\d{1,12}|[0-9]{2,5})$/.test(v.trim())).map((v) => v.trim());
  const scope = typeof req.body?.scope === 'string' ? [req.body.scope.trim()] : [];
  return [{ unit: plan.scopeUnitId, dates: [plan.baseOn] }, ...(await resolved(db, [...refs, ...scope].slice(0, 200), dates))];
}
