import type { Transaction } from 'kysely';
import type { Outcome } from '../domain/changes/index.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import type { Db } from '../db/connection.js';
import { findChange, findFootprints, insertChange, markVoided, type StoredChange } from '../db/change.repository.js';
import { findOrCreateDecision, type Decision } from '../db/decision.repository.js';
import type { Database } from '../db/schema.js';
import type { ChangeRequest } from './change-request.js';
import { project } from './projection.js';
import { resolveRequest } from './resolve.js';
import { deleteStaffOfChange } from '../db/staffing.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import { moveStaffOfChange } from './staff-follow.js';
import { checkStaffOf } from './staffing.service.js';

type Trx = Transaction<Database>;

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
  const id = await insertChange(trx, {
    effectiveOn: req.effectiveOn, decisionId: decision.id, input, note: req.note ?? null, recordedAt: now, recordedBy: req.recordedBy ?? 'api',
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
