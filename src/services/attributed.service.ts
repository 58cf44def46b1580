import { unitsTouched } from '../domain/changes/touched.js';
import { dayBefore } from '../domain/dates.js';
import type { Db } from '../db/connection.js';
import { findChange } from '../db/change.repository.js';
import { audited } from './audit.service.js';
import type { ChangeRequest } from './change-request.js';
import { correctNameIn, recordChangeIn, reinstateChangeIn, voidChangeIn, type Recorded } from './change.service.js';
import type { IsoDate } from '../domain/dates.js';
import { assertRowsWithinScope, assertWithinScope, type Writer } from './scope.service.js';
import { recordMovementsIn, recordQuotasIn, type MovementInput, type QuotaInput } from './staffing.service.js';
import { createTargetIn, editTargetIn, retireTargetIn, type TargetInput } from './target.service.js';

/**
 * Writes on behalf of a signed-in user: the user's name is recorded (never a name typed in a form),
 * an editor's scope is checked on what the write resolved to, and the audit entry commits in the
 * same transaction as the write, so neither exists without the other.
 */

export async function recordChangeAs(db: Db, req: ChangeRequest, who: Writer): Promise<Recorded> {
  return audited(db, who, async (trx) => {
    const recorded = await recordChangeIn(trx, { ...req, recordedBy: who.username });
    const on = recorded.change.effectiveOn;
    await assertWithinScope(trx, who, unitsTouched(recorded.change.input), [dayBefore(on), on]);
    return recorded;
  }, (r) => ({
    action: 'change.record', entity: 'change', entityId: r.change.id,
    after: { type: r.change.type, effectiveOn: r.change.effectiveOn, decision: r.decision.number, note: r.change.note, created: r.outcome.created, ended: r.outcome.ended, changed: r.outcome.changed },
  }));
}

export async function voidChangeAs(db: Db, id: number, reason: string, who: Writer) {
  return audited(db, who, async (trx) => {
    const before = await findChange(trx, id);
    if (before) await assertWithinScope(trx, who, unitsTouched(before.input), [dayBefore(before.effectiveOn), before.effectiveOn]);
    return voidChangeIn(trx, id, who.username, reason);
  }, (c) => ({ action: 'change.void', entity: 'change', entityId: c.id, before: { voided: false }, after: { voided: true, reason } }));
}

export async function reinstateChangeAs(db: Db, id: number, reason: string, who: Writer) {
  const { after } = await audited(db, who, async (trx) => {
    const before = await findChange(trx, id);
    if (before) await assertWithinScope(trx, who, unitsTouched(before.input), [dayBefore(before.effectiveOn), before.effectiveOn]);
    return { before, after: await reinstateChangeIn(trx, id) };
  }, ({ before, after }) => ({
    // The void it undoes, as the change recorded it (the row's marks go): nothing of the record is lost.
    action: 'change.reinstate', entity: 'change', entityId: after.id,
    before: { voided: true, voidedAt: before?.voidedAt, voidedBy: before?.voidedBy, reason: before?.voidReason }, after: { voided: false, reason },
  }));
  return after;
}

/** sửa lỗi nhập liệu: a mistyped name put right, with no decision of its own (services/change.service.ts correctNameIn). */
export async function correctNameAs(db: Db, unitId: number, on: IsoDate, name: string, note: string | null, who: Writer): Promise<Recorded> {
  return audited(db, who, async (trx) => {
    await assertWithinScope(trx, who, [unitId], [on]);
    return correctNameIn(trx, unitId, on, name, note, who.username);
  }, (r) => ({
    action: 'change.correct', entity: 'change', entityId: r.change.id,
    after: { type: 'correct', unit: unitId, effectiveOn: r.change.effectiveOn, decision: r.decision.number, from: (r.change.input as { from: string }).from, name },
  }));
}

export async function recordMovementsAs(db: Db, rows: MovementInput[], who: Writer, action = 'staffing.movement'): Promise<number> {
  return audited(db, who, async (trx) => {
    await assertRowsWithinScope(trx, who, rows);
    return recordMovementsIn(trx, rows);
  }, () => ({ action, entity: 'staff_movement', after: rows.slice(0, 200).map(({ unitId, category, on, count, reason, decision }) => ({ unitId, category, on, count, reason, decision })) }));
}

export async function recordQuotasAs(db: Db, rows: QuotaInput[], who: Writer): Promise<number> {
  return audited(db, who, async (trx) => {
    await assertRowsWithinScope(trx, who, rows);
    return recordQuotasIn(trx, rows);
  }, () => ({ action: 'staffing.quota', entity: 'staff_quota', after: rows.map(({ unitId, category, on, quota, decision }) => ({ unitId, category, on, quota, decision })) }));
}

const targetSummary = (t: TargetInput) => ({ name: t.name, metric: t.metric, scopeUnitId: t.scopeUnitId, baselineOn: t.baselineOn, deadlineOn: t.deadlineOn, goal: t.goal, goalValue: t.goalValue });

export async function createTargetAs(db: Db, t: TargetInput, who: Writer): Promise<number> {
  return audited(db, who, async (trx) => {
    await assertWithinScope(trx, who, [t.scopeUnitId], [t.baselineOn, t.deadlineOn]);
    return createTargetIn(trx, t);
  }, (id) => ({ action: 'target.create', entity: 'target', entityId: id, after: targetSummary(t) }));
}

export async function editTargetAs(db: Db, id: number, t: TargetInput, who: Writer): Promise<void> {
  await audited(db, who, async (trx) => {
    await assertWithinScope(trx, who, [t.scopeUnitId], [t.baselineOn, t.deadlineOn]);
    const before = await editTargetIn(trx, id, t);
    await assertWithinScope(trx, who, [before.scope_unit_id], [before.baseline_on, before.deadline_on]);
    return before;
  }, (b) => ({
    action: 'target.update', entity: 'target', entityId: id, after: targetSummary(t),
    before: { name: b.name, metric: b.metric, scopeUnitId: b.scope_unit_id, baselineOn: b.baseline_on, deadlineOn: b.deadline_on, goal: b.goal, goalValue: b.goal_value },
  }));
}

export async function retireTargetAs(db: Db, id: number, who: Writer): Promise<void> {
  await audited(db, who, async (trx) => {
    await retireTargetIn(trx, id);
  }, () => ({ action: 'target.retire', entity: 'target', entityId: id, before: { retired: false }, after: { retired: true } }));
}
