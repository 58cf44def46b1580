import type { Db } from '../db/connection.js';
import { findAuditEntries, insertAuditEntry, type AuditEntry, type AuditFilter } from '../db/audit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import type { Trx } from '../db/connection.js';

/** What a write says about itself: the action, the entity and a short before/after summary. */
export interface AuditNote {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface Who {
  username: string;
  address?: string | null;
}

/** Appends one entry inside the caller's transaction, so a write and its entry commit together. */
export async function appendAudit(trx: Trx | Db, who: Who, note: AuditNote, now = new Date().toISOString()): Promise<void> {
  await insertAuditEntry(trx, {
    at: now, username: who.username, address: who.address ?? null, action: note.action, entity: note.entity,
    entityId: note.entityId == null ? null : String(note.entityId),
    before: note.before === undefined ? null : JSON.stringify(note.before),
    after: note.after === undefined ? null : JSON.stringify(note.after),
  });
}

/** Runs `work` and appends what `describe` says about its result, all in one transaction. */
export async function audited<T>(db: Db, who: Who, work: (trx: Trx) => Promise<T>, describe: (result: T) => AuditNote | AuditNote[]): Promise<T> {
  return writeTransaction(db, async (trx) => {
    const result = await work(trx);
    for (const note of [describe(result)].flat()) await appendAudit(trx, who, note);
    return result;
  });
}

export async function auditTrail(db: Db, f: AuditFilter, limit: number, offset = 0): Promise<AuditEntry[]> {
  return findAuditEntries(db, f, limit, offset);
}

export type { AuditEntry, AuditFilter };
