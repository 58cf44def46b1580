import { sql } from 'kysely';
import type { Db, Executor } from './connection.js';
import { isPostgres } from './dialect.js';
import type { UsersTable } from './schema.js';

export type Role = UsersTable['role'];

export interface User {
  id: number;
  username: string;
  role: Role;
  scopeUnitId: number | null;
  disabledAt: string | null;
  createdAt: string;
  /** The password was chosen by someone else: its owner must replace it before anything else. */
  mustChangePassword: boolean;
}

const columns = ['id', 'username', 'role', 'scope_unit_id', 'disabled_at', 'created_at', 'must_change_password'] as const;
type UserRow = Pick<UsersTable, 'username' | 'role' | 'scope_unit_id' | 'disabled_at' | 'created_at'> & { id: number; must_change_password: number };
const toUser = (r: UserRow): User => ({
  id: r.id, username: r.username, role: r.role, scopeUnitId: r.scope_unit_id, disabledAt: r.disabled_at, createdAt: r.created_at, mustChangePassword: r.must_change_password === 1,
});

export async function insertUser(db: Executor, u: { username: string; passwordHash: string; role: Role; scopeUnitId: number | null; createdAt: string; mustChangePassword?: boolean }): Promise<number> {
  const row = await db.insertInto('users')
    .values({ username: u.username, password_hash: u.passwordHash, role: u.role, scope_unit_id: u.scopeUnitId, created_at: u.createdAt, must_change_password: u.mustChangePassword ? 1 : 0 })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserById(db: Executor, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserByName(db: Executor, username: string): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').select([...columns, 'password_hash']).where('username', '=', username).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function findUsers(db: Executor): Promise<User[]> {
  return (await db.selectFrom('users').select(columns).orderBy('username').execute()).map(toUser);
}

export async function countActiveAdministrators(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'administrator').where('disabled_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateUser(db: Executor, id: number, set: { role?: Role; scopeUnitId?: number | null; disabledAt?: string | null; passwordHash?: string; mustChangePassword?: boolean }): Promise<void> {
  await db.updateTable('users').set({
    ...(set.role !== undefined && { role: set.role }),
    ...(set.scopeUnitId !== undefined && { scope_unit_id: set.scopeUnitId }),
    ...(set.disabledAt !== undefined && { disabled_at: set.disabledAt }),
    ...(set.passwordHash !== undefined && { password_hash: set.passwordHash }),
    ...(set.mustChangePassword !== undefined && { must_change_password: set.mustChangePassword ? 1 : 0 }),
  }).where('id', '=', id).execute();
}

export async function insertToken(db: Executor, t: { userId: number; tokenHash: string; label: string | null; createdAt: string }): Promise<number> {
  const row = await db.insertInto('api_tokens').values({ user_id: t.userId, token_hash: t.tokenHash, label: t.label, created_at: t.createdAt }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserByTokenHash(db: Executor, tokenHash: string): Promise<User | undefined> {
  const row = await db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.username', 'users.role', 'users.scope_unit_id', 'users.disabled_at', 'users.created_at', 'users.must_change_password'])
    .where('api_tokens.token_hash', '=', tokenHash).where('api_tokens.revoked_at', 'is', null).executeTakeFirst();
  return row && toUser(row);
}

export interface ApiToken {
  id: number;
  userId: number;
  label: string | null;
  createdAt: string;
}

const tokenColumns = ['id', 'user_id', 'label', 'created_at'] as const;
const toToken = (r: { id: number; user_id: number; label: string | null; created_at: string }): ApiToken => ({ id: r.id, userId: r.user_id, label: r.label, createdAt: r.created_at });

/** Tokens not revoked, oldest first. */
export async function findActiveTokens(db: Executor): Promise<ApiToken[]> {
  return (await db.selectFrom('api_tokens').select(tokenColumns).where('revoked_at', 'is', null).orderBy('id').execute()).map(toToken);
}

/** Revokes every active token of a user (a password changed or reset); returns those revoked. */
export async function revokeUserTokens(db: Executor, userId: number, now: string): Promise<ApiToken[]> {
  const rows = await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null)
    .returning(tokenColumns).execute();
  return rows.map(toToken);
}

/** Marks a token revoked (kept for the record); undefined when there was no such active token. */
export async function revokeTokenRow(db: Executor, id: number, now: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').select(tokenColumns).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
  return toToken(row);
}

/**
 * Reserves a sign-in attempt: one row, inserted only while the account and the address are both
 * under their limits in the window. A single INSERT … SELECT takes SQLite's write lock before it
 * counts; on PostgreSQL the count and the insert hold an advisory lock of their own (not the
 * history writers' lock, so a long import does not hold up sign-in). Either way parallel requests,
 * worker processes and servers cannot all pass the same count. The row stays as the failure unless
 * the password is right.
 */
export async function reserveLoginAttempt(
  db: Executor, a: { username: string; address: string; at: number; since: number; maxPerAccount: number; maxPerAddress: number },
): Promise<boolean> {
  if (!isPostgres(db)) return insertAttempt(db, a);
  if (db.isTransaction) {
    await sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK})`.execute(db);
    return insertAttempt(db, a);
  }
  return (db as Db).transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK})`.execute(trx);
    return insertAttempt(trx, a);
  });
}

/** The advisory lock of sign-in attempts on PostgreSQL ("sign" in ASCII). */
const SIGN_IN_LOCK = 0x7369676e;

async function insertAttempt(
  db: Executor, a: { username: string; address: string; at: number; since: number; maxPerAccount: number; maxPerAddress: number },
): Promise<boolean> {
  const recent = (by: 'username' | 'address', value: string) => db.selectFrom('login_failures')
    .select((eb) => eb.fn.countAll().as('n')).where(by, '=', value).where('at', '>', a.since);
  const row = await db.insertInto('login_failures').columns(['username', 'address', 'at'])
    .expression(db.selectNoFrom((eb) => [eb.val(a.username).as('username'), eb.val(a.address).as('address'), eb.val(a.at).as('at')])
      .where((eb) => eb.and([eb(recent('username', a.username), '<', a.maxPerAccount), eb(recent('address', a.address), '<', a.maxPerAddress)])))
    .returning('id').executeTakeFirst();
  return row !== undefined;
}

export async function deleteLoginFailures(db: Executor, username: string, before: number): Promise<void> {
  await db.deleteFrom('login_failures').where((eb) => eb.or([eb('username', '=', username), eb('at', '<', before)])).execute();
}
