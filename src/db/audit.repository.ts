import type { Executor } from './connection.js';

export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  address: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

export interface AuditFilter {
  username?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  /** Inclusive calendar dates (UTC) of `at`. */
  from?: string;
  to?: string;
}

/** The only write on the audit table: there is no update or delete here, and triggers refuse them. */
export async function insertAuditEntry(db: Executor, e: Omit<AuditEntry, 'id'>): Promise<void> {
  await db.insertInto('audit_log').values({
    at: e.at, username: e.username, address: e.address, action: e.action, entity: e.entity, entity_id: e.entityId, before: e.before, after: e.after,
  }).execute();
}

export async function findAuditEntries(db: Executor, f: AuditFilter, limit: number, offset: number): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.username) q = q.where('username', '=', f.username);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', `${f.to}T99`);
  const rows = await q.orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => ({ id: r.id, at: r.at, username: r.username, address: r.address, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after }));
}
