import { dayAfter, formatDateVi, type IsoDate } from '../domain/dates.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import { nextStatus, type PlanAction } from '../domain/plan.js';
import type { Db } from '../db/connection.js';
import {
  findPlan, findProposals, findTransitions, insertPlan, insertTransition, setPlanStatus, updatePlanFields, type PlanFields, type PlanRecord,
} from '../db/plan.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import { appendAudit, type AuditNote } from './audit.service.js';
import { evaluatePlan, type ToBe } from './plan-evaluation.js';
import { assertWithinScope, type Writer } from './scope.service.js';
import type { Trx } from '../db/connection.js';

/** Which proposals no longer apply, each with the engine's reason (1-based positions, as shown). */
export class PlanConflicts extends DomainError {
  /** `action`: what was refused, so the message uses the verb of the button (Trình, Ban hành). */
  constructor(readonly conflicts: { position: number; proposalId: number; error: DomainError }[], action: 'submit' | 'enact' = 'enact') {
    super(action === 'submit' ? 'PLAN_CONFLICTS_SUBMIT' : 'PLAN_CONFLICTS', { count: conflicts.length });
  }
}

export async function getPlan(db: Db | Trx, id: number): Promise<PlanRecord> {
  const plan = await findPlan(db, id);
  if (!plan) throw new NotFoundError('plan', String(id));
  return plan;
}

/** A draft plan, else PLAN_NOT_DRAFT: only a draft's fields and proposals may change. */
export async function draft(trx: Trx, id: number): Promise<PlanRecord> {
  const plan = await getPlan(trx, id);
  if (plan.status !== 'draft') throw new DomainError('PLAN_NOT_DRAFT', { status: plan.status });
  return plan;
}

/**
 * Every plan write names its writer: an editor's scope is checked inside the transaction on what
 * the write touches (the last word, whatever the route declared), and the audit entry commits with it.
 */
export async function attribute(trx: Trx, who: Writer, plan: { scopeUnitId: number; baseOn: IsoDate }, note: AuditNote, units: number[] = []): Promise<void> {
  await assertWithinScope(trx, who, [plan.scopeUnitId, ...units], [plan.baseOn, dayAfter(plan.baseOn)]);
  await appendAudit(trx, who, note);
}

export async function createPlan(db: Db, fields: PlanFields, who: Writer, now = new Date().toISOString()): Promise<number> {
  return writeTransaction(db, async (trx) => {
    const id = await insertPlan(trx, { ...fields, author: who.username }, now);
    await insertTransition(trx, id, { action: 'create', fromStatus: null, toStatus: 'draft', by: who.username, at: now, comment: null });
    await attribute(trx, who, fields, { action: 'plan.create', entity: 'plan', entityId: id, after: { name: fields.name, scopeUnitId: fields.scopeUnitId, baseOn: fields.baseOn } });
    return id;
  });
}

export async function editPlan(db: Db, id: number, fields: Partial<PlanFields>, who: Writer, now = new Date().toISOString()): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const before = await draft(trx, id);
    await updatePlanFields(trx, id, { ...fields, author: before.author }, now);
    const after = await getPlan(trx, id);
    await attribute(trx, who, before, { action: 'plan.update', entity: 'plan', entityId: id, before: { name: before.name, scopeUnitId: before.scopeUnitId, baseOn: before.baseOn }, after: { name: after.name, scopeUnitId: after.scopeUnitId, baseOn: after.baseOn } }, [after.scopeUnitId]);
  });
}

/** Submit, approve, reject or withdraw, with who and why. A plan is submitted only when every proposal applies. */
export async function transitionPlan(db: Db, id: number, action: Exclude<PlanAction, 'enact'>, who: Writer, comment: string | null, now = new Date().toISOString()): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const plan = await getPlan(trx, id);
    const to = nextStatus(plan.status, action);
    if (action === 'submit') await mustApply(trx, plan, plan.baseOn, 'submit');
    await setPlanStatus(trx, id, to, now);
    await insertTransition(trx, id, { action, fromStatus: plan.status, toStatus: to, by: who.username, at: now, comment });
    await attribute(trx, who, plan, { action: `plan.${action}`, entity: 'plan', entityId: id, before: { status: plan.status }, after: { status: to, comment } });
  });
}

/** A draft moved onto a later (or earlier) base date; its proposals are evaluated again on the page. */
export async function rebasePlan(db: Db, id: number, baseOn: IsoDate, who: Writer, now = new Date().toISOString()): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const plan = await draft(trx, id);
    await updatePlanFields(trx, id, { baseOn }, now);
    await insertTransition(trx, id, { action: 'rebase', fromStatus: plan.status, toStatus: plan.status, by: who.username, at: now, comment: `${formatDateVi(plan.baseOn)} → ${formatDateVi(baseOn)}` });
    await attribute(trx, who, { ...plan, baseOn }, { action: 'plan.rebase', entity: 'plan', entityId: id, before: { baseOn: plan.baseOn }, after: { baseOn } });
  });
}

/** The proposals, if every one applies to the tree as it stood on `base`; else the conflicts. */
export async function mustApply(trx: Trx, plan: PlanRecord, base: IsoDate, action: 'submit' | 'enact' = 'enact') {
  const proposals = await findProposals(trx, plan.id);
  if (proposals.length === 0) throw new DomainError('PLAN_EMPTY');
  const toBe = await evaluatePlan(trx, plan.scopeUnitId, base, proposals.map((p) => p.request));
  const conflicts = toBe.results.flatMap((r, i) => (r.error ? [{ position: i + 1, proposalId: proposals[i].id, error: r.error }] : []));
  if (conflicts.length) throw new PlanConflicts(conflicts, action);
  return proposals;
}

export interface PlanDetail {
  plan: PlanRecord;
  proposals: Awaited<ReturnType<typeof findProposals>>;
  transitions: Awaited<ReturnType<typeof findTransitions>>;
  toBe: ToBe;
}

/** A plan with its proposals evaluated on its base date, and its history. */
export async function planDetail(db: Db, id: number): Promise<PlanDetail> {
  const plan = await getPlan(db, id);
  const proposals = await findProposals(db, id);
  const toBe = await evaluatePlan(db, plan.scopeUnitId, plan.baseOn, proposals.map((p) => p.request));
  return { plan, proposals, transitions: await findTransitions(db, id), toBe };
}

/** Plans and proposals as stored, for lists and the pages' access checks. */
export { findPlan, findProposals, listPlans, type PlanRecord, type ProposalRecord } from '../db/plan.repository.js';
