import type { Outcome } from '../domain/changes/index.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import type { Db } from '../db/connection.js';
import { findChange, findChangesOfUnit, findFootprints, insertChange, markVoided, unmarkVoided, type StoredChange } from '../db/change.repository.js';
import { findDecision, findOrCreateDecision, type Decision } from '../db/decision.repository.js';
import { findHistories } from '../db/unit.repository.js';
import type { ChangeRequest } from './change-request.js';
import { project } from './projection.js';
import { resolveRequest } from './resolve.js';
import { deleteStaffOfChange } from '../db/staffing.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import { moveStaffOfChange, type StaffField } from './staff-follow.js';
import type { IsoDate } from '../domain/dates.js';
import type { UnitId } from '../domain/tree.js';
import { checkStaffOf } from './staffing.service.js';
import type { Trx } from '../db/connection.js';

export interface Recorded {
  change: StoredChange;
  decision: Decision;
  outcome: Outcome;
}

/** Records one change and its effects in one transaction: nothing is written unless everything is. */
export async function recordChange(db: Db, req: ChangeRequest, now = new Date().toISOString()): Promise<Recorded> {
  return writeTransaction(db, (trx) => recordChangeIn(trx, req, now));
}

/** Records a change inside the caller's transaction (imports record many all-or-nothing). */
export async function recordChangeIn(trx: Trx, req: ChangeRequest, now = new Date().toISOString()): Promise<Recorded> {
  const input = await resolveRequest(trx, req, now);
  const decision = await findOrCreateDecision(trx, {
    number: req.decision.number, issuer: req.decision.issuer ?? null, signedOn: req.decision.signedOn ?? null, title: req.decision.title ?? null,
  });
  // The staff's fate is kept with the event, so that reinstating a voided change moves them again.
  const staff = (req as ChangeRequest & StaffField).staff;
  const id = await insertChange(trx, {
    effectiveOn: req.effectiveOn, decisionId: decision.id, input: staff ? { ...input, staff } : input,
    note: req.note ?? null, recordedAt: now, recordedBy: req.recordedBy ?? 'api',
  });
  const outcome = await project(trx, req.effectiveOn, { id, effectiveOn: req.effectiveOn, input }, { versions: [], children: [] });
  // Staffing (issue 5): the staff of units this change ends follow them to their successors.
  await moveStaffOfChange(trx, req, input, outcome!, id, decision.number, now);
  await checkStaffOf(trx, [...outcome!.footprint.versions]);
  return { change: (await findChange(trx, id))!, decision, outcome: outcome! };
}

/** Voids a change (kept, marked, with who and why) and replays what came after it. */
export async function voidChange(db: Db, id: number, by: string, reason: string, now = new Date().toISOString()): Promise<StoredChange> {
  return writeTransaction(db, (trx) => voidChangeIn(trx, id, by, reason, now));
}

/** Voids a change inside the caller's transaction (the audit entry joins it). */
export async function voidChangeIn(trx: Trx, id: number, by: string, reason: string, now = new Date().toISOString()): Promise<StoredChange> {
  const change = await findChange(trx, id);
  if (!change) throw new NotFoundError('change', String(id));
  if (change.voidedAt) throw new DomainError('ALREADY_VOIDED', { changeId: id });
  await markVoided(trx, id, by, reason, now);
  await deleteStaffOfChange(trx, id); // staffing (issue 5): the transfers it generated go with it
  const touched = await findFootprints(trx, [id]);
  const versions = touched.filter((t) => t.role === 'v').map((t) => t.unitId);
  await project(trx, change.effectiveOn, null, { versions, children: touched.filter((t) => t.role === 'c').map((t) => t.unitId) });
  await checkStaffOf(trx, versions);
  return (await findChange(trx, id))!;
}

/** Puts a voided change back in force: replayed in its place, its staff moved again, or refused whole if it no longer applies. */
export async function reinstateChangeIn(trx: Trx, id: number, now = new Date().toISOString()): Promise<StoredChange> {
  const change = await findChange(trx, id);
  if (!change) throw new NotFoundError('change', String(id));
  if (!change.voidedAt) throw new DomainError('NOT_VOIDED', { changeId: id });
  await unmarkVoided(trx, id);
  const outcome = (await project(trx, change.effectiveOn, { id, effectiveOn: change.effectiveOn, input: change.input }, { versions: [], children: [] }))!;
  const decision = (await findDecision(trx, change.decisionId))!;
  const staff = (change.input as StaffField).staff;
  await moveStaffOfChange(trx, { effectiveOn: change.effectiveOn, ...(staff ? { staff } : {}) } as ChangeRequest, change.input, outcome, id, decision.number, now);
  await checkStaffOf(trx, [...outcome.footprint.versions]);
  return (await findChange(trx, id))!;
}

/** The name a unit bore on `on`, from the day it began, and the live change that gave it that name. */
export interface NameToCorrect {
  unitId: UnitId;
  name: string;
  since: IsoDate;
  source: StoredChange & { decisionNumber: string };
}

export async function nameToCorrect(db: Trx | Db, unitId: UnitId, on: IsoDate): Promise<NameToCorrect> {
  const history = (await findHistories(db, [unitId])).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  let i = history.findIndex((v) => v.validFrom <= on && (v.validTo === null || on < v.validTo));
  if (i < 0) {
    if (history.length === 0) throw new NotFoundError('unit', String(unitId));
    throw new DomainError('UNIT_NOT_ALIVE', { unit: unitId, date: on }, 'unit');
  }
  while (i > 0 && history[i - 1].validTo === history[i].validFrom && history[i - 1].name === history[i].name) i--;
  const since = history[i].validFrom;
  const source = (await findChangesOfUnit(db, unitId)).filter((c) => !c.voidedAt && c.effectiveOn === since && c.type !== 'correct').at(-1);
  if (!source) throw new DomainError('UNIT_NOT_ALIVE', { unit: unitId, date: on }, 'unit');
  return { unitId, name: history[i].name, since, source };
}

/**
 * sửa lỗi nhập liệu: the name a unit bore on `on` is put right from the day it began, filed under
 * the decision that gave it; no new version, nothing counted as a rename (domain/changes/correct.ts).
 */
export async function correctNameIn(trx: Trx, unitId: UnitId, on: IsoDate, name: string, note: string | null, by: string, now = new Date().toISOString()): Promise<Recorded> {
  const target = await nameToCorrect(trx, unitId, on);
  const decision = (await findDecision(trx, target.source.decisionId))!;
  return recordChangeIn(trx, {
    type: 'correct', unit: { id: unitId }, from: target.name, name, effectiveOn: target.since,
    decision: { number: decision.number, signedOn: decision.signedOn, issuer: decision.issuer, title: decision.title },
    note, recordedBy: by,
  }, now);
}

/** The stored event as it is (the pages' access checks read the units it names). */
export { findChange, type StoredChange } from '../db/change.repository.js';
