import type { Transaction } from 'kysely';
import { unitsTouched } from '../domain/changes/touched.js';
import { dayAfter, dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import { nextStatus, refsOf, type PlanAction, type Proposal } from '../domain/plan.js';
import type { Db } from '../db/connection.js';
import {
  deleteProposal, findPlan, findProposals, findTransitions, insertPlan, insertProposal, insertTransition, setPlanStatus,
  setProposalChange, setProposalPosition, updatePlanFields, updateProposal, type PlanFields, type PlanRecord,
} from '../db/plan.repository.js';
import type { Database } from '../db/schema.js';
import { findUnitIdByCode } from '../db/unit.repository.js';
import { appendAudit, type AuditNote } from './audit.service.js';
import type { DecisionRequest } from './change-request.js';
import { recordChangeIn } from './change.service.js';
import { evaluatePlan, type ToBe } from './plan-evaluation.js';
import { assertWithinScope, type Writer } from './scope.service.js';

type Trx = Transaction<Database>;

/** Which proposals no longer apply, each with the engine's reason (1-based positions, as shown). */
export class PlanConflicts extends DomainError {
  constructor(readonly conflicts: { position: number; proposalId: number; error: DomainError }[]) {
    super('PLAN_CONFLICTS', { count: conflicts.length });
  }
}

export async function getPlan(db: Db | Trx, id: number): Promise<PlanRecord> {
  const plan = await findPlan(db, id);
  if (!plan) throw new NotFoundError('plan', String(id));
  return plan;
}

async function draft(trx: Trx, id: number): Promise<PlanRecord> {
  const plan = await getPlan(trx, id);
  if (plan.status !== 'draft') throw new DomainError('PLAN_NOT_DRAFT', { status: plan.status });
  return plan;
}

/**
 * For a signed-in writer (the web passes one, scripts and tests may not): an editor's scope is
 * checked inside the transaction on what the write touches, and the audit entry commits with it.
 */
async function attribute(trx: Trx, who: Writer | undefined, plan: { scopeUnitId: number; baseOn: IsoDate }, note: AuditNote, units: number[] = []): Promise<void> {
  if (!who) return;
  await assertWithinScope(trx, who, [plan.scopeUnitId, ...units], [plan.baseOn, dayAfter(plan.baseOn)]);
  await appendAudit(trx, who, note);
}

/** The recorded units a proposal names (codes looked up on the base date; a code an earlier proposal gives is not one). */
async function namedUnits(trx: Trx, p: Proposal, baseOn: IsoDate): Promise<number[]> {
  const ids: number[] = [];
  for (const r of refsOf(p)) {
    const id = 'id' in r ? r.id : await findUnitIdByCode(trx, r.code, baseOn);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

export async function createPlan(db: Db, fields: PlanFields, now = new Date().toISOString(), who?: Writer): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await insertPlan(trx, { ...fields, author: who?.username ?? fields.author }, now);
    await insertTransition(trx, id, { action: 'create', fromStatus: null, toStatus: 'draft', by: who?.username ?? fields.author, at: now, comment: null });
    await attribute(trx, who, fields, { action: 'plan.create', entity: 'plan', entityId: id, after: { name: fields.name, scopeUnitId: fields.scopeUnitId, baseOn: fields.baseOn } });
    return id;
  });
}

export async function editPlan(db: Db, id: number, fields: Partial<PlanFields>, now = new Date().toISOString(), who?: Writer): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await draft(trx, id);
    await updatePlanFields(trx, id, who ? { ...fields, author: before.author } : fields, now);
    const after = await getPlan(trx, id);
    await attribute(trx, who, before, { action: 'plan.update', entity: 'plan', entityId: id, before: { name: before.name, scopeUnitId: before.scopeUnitId, baseOn: before.baseOn }, after: { name: after.name, scopeUnitId: after.scopeUnitId, baseOn: after.baseOn } }, [after.scopeUnitId]);
  });
}

/** The proposal is kept even when the engine refuses it: the plan page shows why. */
export async function addProposal(db: Db, planId: number, p: Proposal, form: object, who?: Writer): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const plan = await draft(trx, planId);
    const id = await insertProposal(trx, planId, p, form);
    await attribute(trx, who, plan, { action: 'plan.proposal.add', entity: 'plan', entityId: planId, after: { proposal: id, request: p } }, await namedUnits(trx, p, plan.baseOn));
    return id;
  });
}

export async function editProposal(db: Db, planId: number, proposalId: number, p: Proposal, form: object, who?: Writer): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await draft(trx, planId);
    const before = await proposalOf(trx, planId, proposalId);
    await updateProposal(trx, proposalId, p, form);
    await attribute(trx, who, plan, { action: 'plan.proposal.update', entity: 'plan', entityId: planId, before: { proposal: proposalId, request: before.request }, after: { proposal: proposalId, request: p } }, await namedUnits(trx, p, plan.baseOn));
  });
}

export async function removeProposal(db: Db, planId: number, proposalId: number, who?: Writer): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await draft(trx, planId);
    const before = await proposalOf(trx, planId, proposalId);
    await deleteProposal(trx, proposalId);
    await attribute(trx, who, plan, { action: 'plan.proposal.remove', entity: 'plan', entityId: planId, before: { proposal: proposalId, request: before.request } });
  });
}

/** Swaps a proposal with its neighbour above (-1) or below (+1). */
export async function moveProposal(db: Db, planId: number, proposalId: number, by: -1 | 1, who?: Writer): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await draft(trx, planId);
    const list = await findProposals(trx, planId);
    const i = list.findIndex((p) => p.id === proposalId);
    if (i < 0) throw new NotFoundError('proposal', String(proposalId));
    const j = i + by;
    if (j < 0 || j >= list.length) return;
    await setProposalPosition(trx, list[i].id, list[j].position);
    await setProposalPosition(trx, list[j].id, list[i].position);
    await attribute(trx, who, plan, { action: 'plan.proposal.move', entity: 'plan', entityId: planId, before: { proposal: proposalId, position: i + 1 }, after: { proposal: proposalId, position: j + 1 } });
  });
}

async function proposalOf(trx: Trx, planId: number, proposalId: number) {
  const p = (await findProposals(trx, planId)).find((x) => x.id === proposalId);
  if (!p) throw new NotFoundError('proposal', String(proposalId));
  return p;
}

/** Submit, approve, reject or withdraw, with who and why. A plan is submitted only when every proposal applies. */
export async function transitionPlan(db: Db, id: number, action: Exclude<PlanAction, 'enact'>, by: string, comment: string | null, now = new Date().toISOString(), who?: Writer): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await getPlan(trx, id);
    const to = nextStatus(plan.status, action);
    if (action === 'submit') await mustApply(trx, plan, plan.baseOn);
    await setPlanStatus(trx, id, to, now);
    await insertTransition(trx, id, { action, fromStatus: plan.status, toStatus: to, by: who?.username ?? by, at: now, comment });
    await attribute(trx, who, plan, { action: `plan.${action}`, entity: 'plan', entityId: id, before: { status: plan.status }, after: { status: to, comment } });
  });
}

/** A draft moved onto a later (or earlier) base date; its proposals are evaluated again on the page. */
export async function rebasePlan(db: Db, id: number, baseOn: IsoDate, by: string, now = new Date().toISOString(), who?: Writer): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await draft(trx, id);
    await updatePlanFields(trx, id, { baseOn }, now);
    await insertTransition(trx, id, { action: 'rebase', fromStatus: plan.status, toStatus: plan.status, by: who?.username ?? by, at: now, comment: `${plan.baseOn} → ${baseOn}` });
    await attribute(trx, who, { ...plan, baseOn }, { action: 'plan.rebase', entity: 'plan', entityId: id, before: { baseOn: plan.baseOn }, after: { baseOn } });
  });
}

export interface Enactment {
  effectiveOn: IsoDate;
  decision: DecisionRequest;
  by: string;
  comment: string | null;
}

/**
 * Every proposal becomes a real change, in order, in one transaction: all or nothing. First the
 * plan is evaluated on the real tree as it stands the day before the effective date, so that every
 * proposal that no longer applies is listed at once; recording can still meet a conflict with a
 * change recorded after that date, which is reported the same way.
 */
export async function enactPlan(db: Db, id: number, e: Enactment, now = new Date().toISOString(), who?: Writer): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const plan = await getPlan(trx, id);
    nextStatus(plan.status, 'enact');
    const proposals = await mustApply(trx, plan, dayBefore(e.effectiveOn));
    const changeIds: number[] = [];
    let decisionId = 0;
    for (const [i, p] of proposals.entries()) {
      const { note, ...request } = p.request;
      try {
        const r = await recordChangeIn(trx, { ...request, effectiveOn: e.effectiveOn, decision: e.decision, note: note ?? `${plan.name} (#${plan.id})`, recordedBy: who?.username ?? e.by } as never, now);
        await assertWithinScope(trx, who, unitsTouched(r.change.input), [dayBefore(e.effectiveOn), e.effectiveOn]);
        await setProposalChange(trx, p.id, r.change.id);
        changeIds.push(r.change.id);
        decisionId = r.decision.id;
      } catch (err) {
        if (err instanceof DomainError) throw new PlanConflicts([{ position: i + 1, proposalId: p.id, error: err }]);
        throw err;
      }
    }
    await setPlanStatus(trx, id, 'enacted', now, { on: e.effectiveOn, decisionId });
    await insertTransition(trx, id, { action: 'enact', fromStatus: plan.status, toStatus: 'enacted', by: who?.username ?? e.by, at: now, comment: e.comment });
    await attribute(trx, who, plan, { action: 'plan.enact', entity: 'plan', entityId: id, before: { status: plan.status }, after: { status: 'enacted', effectiveOn: e.effectiveOn, decision: e.decision.number, changes: changeIds } });
    return changeIds;
  });
}

/** The proposals, if every one applies to the tree as it stood on `base`; else the conflicts. */
async function mustApply(trx: Trx, plan: PlanRecord, base: IsoDate) {
  const proposals = await findProposals(trx, plan.id);
  if (proposals.length === 0) throw new DomainError('PLAN_EMPTY');
  const toBe = await evaluatePlan(trx, plan.scopeUnitId, base, proposals.map((p) => p.request));
  const conflicts = toBe.results.flatMap((r, i) => (r.error ? [{ position: i + 1, proposalId: proposals[i].id, error: r.error }] : []));
  if (conflicts.length) throw new PlanConflicts(conflicts);
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
