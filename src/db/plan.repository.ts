import type { IsoDate } from '../domain/dates.js';
import type { PlanStatus, Proposal } from '../domain/plan.js';
import type { UnitId } from '../domain/tree.js';
import type { Executor } from './connection.js';

export interface PlanRecord {
  id: number;
  name: string;
  scopeUnitId: UnitId;
  baseOn: IsoDate;
  author: string;
  description: string | null;
  status: PlanStatus;
  enactedOn: IsoDate | null;
  decisionId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProposalRecord {
  id: number;
  planId: number;
  position: number;
  type: string;
  request: Proposal;
  form: Record<string, string | string[]>;
  changeId: number | null;
}

export interface TransitionRecord {
  id: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  by: string;
  at: string;
  comment: string | null;
}

export type PlanFields = Pick<PlanRecord, 'name' | 'scopeUnitId' | 'baseOn' | 'author' | 'description'>;

const planColumns = [
  'id', 'name', 'scope_unit_id as scopeUnitId', 'base_on as baseOn', 'author', 'description', 'status',
  'enacted_on as enactedOn', 'decision_id as decisionId', 'created_at as createdAt', 'updated_at as updatedAt',
] as const;

export async function insertPlan(trx: Executor, p: PlanFields, now: string): Promise<number> {
  const row = await trx.insertInto('plans').values({
    name: p.name, scope_unit_id: p.scopeUnitId, base_on: p.baseOn, author: p.author, description: p.description,
    status: 'draft', created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlanFields(trx: Executor, id: number, p: Partial<PlanFields>, now: string): Promise<void> {
  await trx.updateTable('plans').set({
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.scopeUnitId !== undefined ? { scope_unit_id: p.scopeUnitId } : {}),
    ...(p.baseOn !== undefined ? { base_on: p.baseOn } : {}),
    ...(p.author !== undefined ? { author: p.author } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
    updated_at: now,
  }).where('id', '=', id).execute();
}

export async function setPlanStatus(trx: Executor, id: number, status: PlanStatus, now: string, enacted?: { on: IsoDate; decisionId: number }): Promise<void> {
  await trx.updateTable('plans').set({
    status, updated_at: now, ...(enacted ? { enacted_on: enacted.on, decision_id: enacted.decisionId } : {}),
  }).where('id', '=', id).execute();
}

export async function findPlan(db: Executor, id: number): Promise<PlanRecord | undefined> {
  return (await db.selectFrom('plans').select(planColumns).where('id', '=', id).executeTakeFirst()) as PlanRecord | undefined;
}

export async function listPlans(db: Executor, status?: PlanStatus): Promise<(PlanRecord & { proposals: number })[]> {
  let query = db.selectFrom('plans').select(planColumns)
    .select((eb) => eb.selectFrom('plan_proposals').select(eb.fn.countAll<number>().as('n')).whereRef('plan_proposals.plan_id', '=', 'plans.id').as('proposals'));
  if (status) query = query.where('status', '=', status);
  const rows = await query.orderBy('id', 'desc').execute();
  return rows.map((r) => ({ ...(r as PlanRecord), proposals: Number(r.proposals ?? 0) }));
}

export async function findProposals(db: Executor, planId: number): Promise<ProposalRecord[]> {
  const rows = await db.selectFrom('plan_proposals').selectAll().where('plan_id', '=', planId).orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id, planId: r.plan_id, position: r.position, type: r.type, request: JSON.parse(r.request), form: JSON.parse(r.form), changeId: r.change_id,
  }));
}

export async function insertProposal(trx: Executor, planId: number, request: Proposal, form: object): Promise<number> {
  const last = await trx.selectFrom('plan_proposals').select((eb) => eb.fn.max('position').as('p')).where('plan_id', '=', planId).executeTakeFirst();
  const row = await trx.insertInto('plan_proposals').values({
    plan_id: planId, position: Number(last?.p ?? 0) + 1, type: request.type, request: JSON.stringify(request), form: JSON.stringify(form),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProposal(trx: Executor, id: number, request: Proposal, form: object): Promise<void> {
  await trx.updateTable('plan_proposals').set({ type: request.type, request: JSON.stringify(request), form: JSON.stringify(form) }).where('id', '=', id).execute();
}

export async function deleteProposal(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('plan_proposals').where('id', '=', id).execute();
}

export async function setProposalPosition(trx: Executor, id: number, position: number): Promise<void> {
  await trx.updateTable('plan_proposals').set({ position }).where('id', '=', id).execute();
}

export async function setProposalChange(trx: Executor, id: number, changeId: number): Promise<void> {
  await trx.updateTable('plan_proposals').set({ change_id: changeId }).where('id', '=', id).execute();
}

export async function insertTransition(trx: Executor, planId: number, t: Omit<TransitionRecord, 'id'>): Promise<void> {
  await trx.insertInto('plan_transitions').values({
    plan_id: planId, action: t.action, from_status: t.fromStatus, to_status: t.toStatus, by: t.by, at: t.at, comment: t.comment,
  }).execute();
}

export async function findTransitions(db: Executor, planId: number): Promise<TransitionRecord[]> {
  return db.selectFrom('plan_transitions')
    .select(['id', 'action', 'from_status as fromStatus', 'to_status as toStatus', 'by', 'at', 'comment'])
    .where('plan_id', '=', planId).orderBy('id').execute();
}
