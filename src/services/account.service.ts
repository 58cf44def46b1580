import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { todayInVietnam } from '../domain/dates.js';
import type { Db, Trx } from '../db/connection.js';
import { writeTransaction } from '../db/write-transaction.js';
import { findUnitIdByCode, unitExists } from '../db/unit.repository.js';
import {
  findActiveTokens, revokeTokenRow, revokeUserTokens, type ApiToken,
  countActiveAdministrators, deleteLoginFailures, findUserById, findUserByName, findUserByTokenHash, findUsers,
  insertToken, insertUser, reserveLoginAttempt, updateUser, type Role, type User,
} from '../db/user.repository.js';
import { deleteUserSessions } from '../db/session.repository.js';
import { appendAudit, type Who } from './audit.service.js';
import { DUMMY_HASH, generatePassword, hashPassword, verifyPassword } from './password.js';

export const ROLES = ['administrator', 'editor', 'viewer'] as const;
export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/);
export const passwordSchema = z.string().min(10).max(200);

/**
 * Sign-in attempts in the last 15 minutes (a sliding window): 5 failures per account from
 * anywhere, so guessing one password is capped at 20 an hour however many addresses try (ASVS
 * 2.2.1), and 20 per address across accounts, against one address trying many accounts. The
 * address limit counts only that address: it never stops a right password from elsewhere. A
 * refused attempt is not counted, so a lock ends 15 minutes after the failure that caused it.
 * Counted in the database, so every worker shares them.
 */
const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type { Role, User };

/** A unit given as an official code (resolved today) or `id:42`. */
export async function resolveScope(db: Db, ref: string | null | undefined): Promise<number | null> {
  const s = ref?.trim();
  if (!s) return null;
  if (/^id:\d+$/.test(s) && (await unitExists(db, Number(s.slice(3))))) return Number(s.slice(3));
  const id = await findUnitIdByCode(db, s, todayInVietnam());
  if (id === undefined) throw new DomainError('UNKNOWN_UNIT', { ref: s }, 'scope');
  return id;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  scopeUnitId: number | null;
  /** Someone else chose the password (the users page, the first start): its owner replaces it at the first sign-in. */
  mustChangePassword?: boolean;
}

/** Editors need a scope; administrators and viewers have none (they see and, for administrators, change everything). */
function checkScope(role: Role, scopeUnitId: number | null): number | null {
  if (role === 'editor' && scopeUnitId === null) throw new DomainError('SCOPE_REQUIRED', {}, 'scope');
  return role === 'editor' ? scopeUnitId : null;
}

export async function createUser(db: Db, u: NewUser, who: Who, now = new Date().toISOString()): Promise<number> {
  const username = usernameSchema.parse(u.username);
  const scope = checkScope(u.role, u.scopeUnitId);
  const passwordHash = await hashPassword(passwordSchema.parse(u.password));
  return writeTransaction(db, async (trx) => {
    if (await findUserByName(trx, username)) throw new DomainError('USERNAME_TAKEN', { username }, 'username');
    const id = await insertUser(trx, { username, passwordHash, role: u.role, scopeUnitId: scope, createdAt: now, mustChangePassword: u.mustChangePassword });
    await appendAudit(trx, who, { action: 'user.create', entity: 'user', entityId: id, after: { username, role: u.role, scopeUnitId: scope } }, now);
    return id;
  });
}

/** Role, scope and disabling, by an administrator; the last active administrator cannot be demoted or disabled. */
export async function changeUser(db: Db, id: number, set: { role: Role; scopeUnitId: number | null; disabled: boolean }, who: Who, now = new Date().toISOString()): Promise<void> {
  const scope = checkScope(set.role, set.scopeUnitId);
  await writeTransaction(db, async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new DomainError('UNKNOWN_USER', { ref: id });
    const disabledAt = set.disabled ? (before.disabledAt ?? now) : null;
    await updateUser(trx, id, { role: set.role, scopeUnitId: scope, disabledAt });
    if ((await countActiveAdministrators(trx)) === 0) throw new DomainError('LAST_ADMINISTRATOR', {}, 'role');
    const summary = (u: { role: Role; scopeUnitId: number | null; disabledAt: string | null }) => ({ role: u.role, scopeUnitId: u.scopeUnitId, disabled: u.disabledAt !== null });
    await appendAudit(trx, who, { action: 'user.update', entity: 'user', entityId: id, before: summary(before), after: summary({ role: set.role, scopeUnitId: scope, disabledAt }) }, now);
  });
}

/**
 * An administrator (page or command line) sets someone's password: every session of the account
 * ends and its API tokens are revoked, since whoever held the old password may hold them too.
 */
export async function resetPassword(db: Db, username: string, password: string, who: Who, mustChangePassword = false, now = new Date().toISOString()): Promise<void> {
  const passwordHash = await hashPassword(passwordSchema.parse(password));
  await writeTransaction(db, async (trx) => {
    const user = await findUserByName(trx, usernameSchema.parse(username));
    if (!user) throw new DomainError('UNKNOWN_USER', { ref: username }, 'username');
    await updateUser(trx, user.id, { passwordHash, mustChangePassword });
    const ended = await endSessionsAndTokens(trx, user.id, { revokeTokens: true }, who, now);
    await appendAudit(trx, who, { action: 'user.reset-password', entity: 'user', entityId: user.id, after: ended }, now);
  });
}

/** The users page resets by id (and the owner must replace the password at the next sign-in); returns the username. */
export async function resetPasswordById(db: Db, id: number, password: string, who: Who): Promise<string> {
  const user = await findUserById(db, id);
  if (!user) throw new DomainError('UNKNOWN_USER', { ref: id });
  await resetPassword(db, user.username, password, who, true);
  return user.username;
}

/** Ends the user's sessions (but `keepSession`) and, when asked, revokes their tokens, each revocation audited. */
async function endSessionsAndTokens(trx: Trx, userId: number, o: { revokeTokens: boolean; keepSession?: string }, who: Who, now: string) {
  const sessionsEnded = await deleteUserSessions(trx, userId, o.keepSession);
  const revoked = o.revokeTokens ? await revokeUserTokens(trx, userId, now) : [];
  for (const token of revoked) {
    await appendAudit(trx, who, { action: 'token.revoke', entity: 'user', entityId: userId, before: { tokenId: token.id, label: token.label }, after: { revoked: true } }, now);
  }
  return { sessionsEnded, tokensRevoked: revoked.length };
}

export type PasswordChange = { ok: true } | { ok: false; field: 'current' | 'next'; code: 'WRONG_PASSWORD' | 'LOGIN_THROTTLED' | 'SAME_PASSWORD' };

/** What else a password change ends: the account's other sessions always (all but `keepSession`), its API tokens when asked. */
export interface PasswordChangeOptions {
  keepSession?: string;
  revokeTokens?: boolean;
}

/**
 * A user replaces their own password, giving the current one (a wrong one counts as a failed
 * sign-in, so the page cannot be used to guess). Clears the duty to change it and ends the
 * account's other sessions, so a stolen session dies with the old password.
 */
export async function changeOwnPassword(db: Db, userId: number, current: string, next: string, address: string, o: PasswordChangeOptions = {}, now = Date.now()): Promise<PasswordChange> {
  const user = await findUserById(db, userId);
  if (!user) throw new DomainError('UNKNOWN_USER', { ref: userId });
  const checked = await attemptLogin(db, user.username, current, address, now);
  if (!checked.ok) return { ok: false, field: 'current', code: checked.reason === 'throttled' ? 'LOGIN_THROTTLED' : 'WRONG_PASSWORD' };
  if (current === next) return { ok: false, field: 'next', code: 'SAME_PASSWORD' };
  const passwordHash = await hashPassword(passwordSchema.parse(next));
  const who = { username: user.username, address };
  const at = new Date(now).toISOString();
  await writeTransaction(db, async (trx) => {
    await updateUser(trx, userId, { passwordHash, mustChangePassword: false });
    const ended = await endSessionsAndTokens(trx, userId, { revokeTokens: o.revokeTokens ?? false, keepSession: o.keepSession }, who, at);
    await appendAudit(trx, who, { action: 'user.change-password', entity: 'user', entityId: userId, after: ended }, at);
  });
  return { ok: true };
}

export type LoginResult = { ok: true; user: User } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Checks a password; unknown users, wrong passwords and disabled accounts give the same answer
 * after the same work, and too many recent failures (per account or per address) refuse even a
 * right password, so that guessing cannot go on. The attempt is reserved before the slow check,
 * so a burst of parallel requests cannot all be checked against the same count.
 */
export async function attemptLogin(db: Db, rawUsername: string, password: string, address: string, now = Date.now()): Promise<LoginResult> {
  const username = rawUsername.trim().toLowerCase().slice(0, 100);
  const since = now - LOGIN_WINDOW_MS;
  const reserved = await reserveLoginAttempt(db, { username, address, at: now, since, maxPerAccount: MAX_FAILURES_PER_ACCOUNT, maxPerAddress: MAX_FAILURES_PER_ADDRESS });
  if (!reserved) return { ok: false, reason: 'throttled' };
  const user = await findUserByName(db, username);
  const matches = await verifyPassword(password.slice(0, 200), user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches || user.disabledAt) return { ok: false, reason: 'invalid' }; // the reservation stays, as the failure
  await deleteLoginFailures(db, username, since);
  const { passwordHash: _, ...plain } = user;
  return { ok: true, user: plain };
}

/** The signed-in user of a session, unless disabled since. */
export async function activeUser(db: Db, id: unknown): Promise<User | undefined> {
  if (typeof id !== 'number') return undefined;
  const user = await findUserById(db, id);
  return user && !user.disabledAt ? user : undefined;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new API token for scripts, shown once; only its hash is kept. */
export async function createToken(db: Db, username: string, label: string | null, who: Who, now = new Date().toISOString()): Promise<string> {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  await writeTransaction(db, async (trx) => {
    const user = await findUserByName(trx, usernameSchema.parse(username));
    if (!user) throw new DomainError('UNKNOWN_USER', { ref: username }, 'username');
    const id = await insertToken(trx, { userId: user.id, tokenHash: sha256(token), label, createdAt: now });
    await appendAudit(trx, who, { action: 'token.create', entity: 'user', entityId: user.id, after: { tokenId: id, label } }, now);
  });
  return token;
}

export async function userByToken(db: Db, token: string): Promise<User | undefined> {
  const user = await findUserByTokenHash(db, sha256(token));
  return user && !user.disabledAt ? user : undefined;
}

export async function listUsers(db: Db): Promise<User[]> {
  return findUsers(db);
}

export async function listTokens(db: Db): Promise<ApiToken[]> {
  return findActiveTokens(db);
}

/** An administrator revokes a token (a leaked script's key); it stops working at the next request. */
export async function revokeToken(db: Db, id: number, who: Who, now = new Date().toISOString()): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const token = await revokeTokenRow(trx, id, now);
    if (!token) throw new DomainError('UNKNOWN_TOKEN', { ref: id });
    await appendAudit(trx, who, { action: 'token.revoke', entity: 'user', entityId: token.userId, before: { tokenId: id, label: token.label }, after: { revoked: true } }, now);
  });
}

/**
 * First start: when no active administrator exists, creates `admin` with ADMIN_PASSWORD or a
 * generated password, returned so that start-up prints it once. Nothing when one exists.
 */
export async function ensureAdministrator(db: Db, envPassword: string | undefined): Promise<{ username: string; password: string | null } | null> {
  if ((await countActiveAdministrators(db)) > 0) return null;
  const password = envPassword || generatePassword();
  const existing = await findUserByName(db, 'admin');
  const who = { username: 'system' };
  const mustChangePassword = !envPassword; // a printed password is for the first sign-in only
  if (existing) {
    await resetPassword(db, 'admin', password, who, mustChangePassword);
    await changeUser(db, existing.id, { role: 'administrator', scopeUnitId: null, disabled: false }, who);
  } else await createUser(db, { username: 'admin', password, role: 'administrator', scopeUnitId: null, mustChangePassword }, who);
  return { username: 'admin', password: envPassword ? null : password };
}
