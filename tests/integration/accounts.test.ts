import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { attemptLogin, createUser, ensureAdministrator, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from '../../src/services/account.service.js';
import { hashPassword, verifyPassword } from '../../src/services/password.js';
import { csrfOf, loginAgent, newUser, signedInApp, testApp, TEST_PASSWORD } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';

let db: Db;
let app: Express;

const count = async (table: 'users' | 'audit_log' | 'changes') => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0].n);
const sid = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith('sid='));

beforeAll(async () => {
  db = await newTestDb();
  await smallProvince(db);
  app = testApp(db);
  await newUser(db, 'chu-tich', 'administrator');
  await newUser(db, 'bien-tap', 'editor', '901');
});

describe('passwords', () => {
  it('hashes with scrypt and a salt of its own, and checks in constant time', async () => {
    const [a, b] = [await hashPassword('mật khẩu dài'), await hashPassword('mật khẩu dài')];
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dai', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('signing in and out', () => {
  it('signs in with a new session id (httpOnly, SameSite) and goes to the page asked for', async () => {
    const agent = request.agent(app);
    const form = await agent.get('/login?next=%2Ftree');
    const before = sid(form);
    const res = await agent.post('/login').type('form').send({ _csrf: csrfOf(form.text), username: 'Bien-Tap', password: TEST_PASSWORD, next: '/tree' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/tree');
    const after = sid(res)!;
    expect(after).toMatch(/HttpOnly/);
    expect(after).toMatch(/SameSite=Lax/);
    expect(after).toMatch(/Expires=/);
    expect(after.split(';')[0]).not.toBe(before?.split(';')[0]);
    const page = await agent.get('/tree');
    expect(page.text).toContain('bien-tap');
    expect(page.text).toContain('biên tập viên');
  });

  it('never goes on to another site after signing in', async () => {
    const { res } = await loginAgent(app, 'bien-tap');
    expect(res.headers.location).toBe('/');
    const agent = request.agent(app);
    const form = await agent.get('/login');
    const evil = await agent.post('/login').type('form').send({ _csrf: csrfOf(form.text), username: 'bien-tap', password: TEST_PASSWORD, next: '//evil.example/' });
    expect(evil.headers.location).toBe('/');
  });

  it('answers a wrong password and an unknown user with the same words', async () => {
    const wrong = await loginAgent(app, 'bien-tap', 'sai mật khẩu');
    const unknown = await loginAgent(app, 'khong-co-ai', 'sai mật khẩu');
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    const message = (html: string) => /<p class="error"[^>]*>([^<]*)</.exec(html)?.[1];
    expect(message(wrong.res.text)).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(message(unknown.res.text)).toBe(message(wrong.res.text));
    expect(wrong.res.text).toContain('value="bien-tap"');
  });

  it('signs out with a form (CSRF token), after which pages send to the login page again', async () => {
    const { agent } = await loginAgent(app, 'bien-tap');
    const home = await agent.get('/');
    expect(home.text).toContain('action="/logout"');
    expect((await agent.post('/logout').type('form').send({})).status).toBe(403);
    const out = await agent.post('/logout').type('form').send({ _csrf: csrfOf(home.text) });
    expect([out.status, out.headers.location]).toEqual([303, '/login']);
    expect((await agent.get('/')).headers.location).toBe('/login?next=%2F');
  });

  it('refuses even the right password after five failures for the account, or twenty from one address', async () => {
    await newUser(db, 'bi-khoa', 'viewer');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect((await attemptLogin(db, 'bi-khoa', 'sai', '10.0.0.1')).ok).toBe(false);
    expect(await attemptLogin(db, 'bi-khoa', TEST_PASSWORD, '10.0.0.2')).toEqual({ ok: false, reason: 'throttled' });
    expect((await attemptLogin(db, 'bi-khoa', TEST_PASSWORD, '10.0.0.2', Date.now() + 16 * 60_000)).ok).toBe(true);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await attemptLogin(db, `ai-do-${i}`, 'sai', '10.0.0.9');
    expect(await attemptLogin(db, 'chu-tich', TEST_PASSWORD, '10.0.0.9')).toEqual({ ok: false, reason: 'throttled' });
    expect((await attemptLogin(db, 'chu-tich', TEST_PASSWORD, '10.0.0.10')).ok).toBe(true);
  });

  it('says "too many attempts" in the page, for a name that exists or not alike', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await attemptLogin(db, 'khong-ton-tai', 'sai', '10.1.0.1');
    const res = await loginAgent(app, 'khong-ton-tai', 'sai');
    expect(res.res.status).toBe(429);
    expect(res.res.text).toContain('thử lại sau 15 phút');
  });
});

describe('API tokens', () => {
  it('authenticate scripts on /api; only the token’s hash is stored; a bad token is a 401', async () => {
    const user = await newUser(db, 'script', 'editor', '901');
    const ok = await request(app).get('/api/tree?root=99').set('Authorization', `Bearer ${user.token}`);
    expect(ok.status).toBe(200);
    const bad = await request(app).get('/api/tree?root=99').set('Authorization', 'Bearer rt_not-a-real-token-at-all');
    expect(bad.status).toBe(401);
    expect(bad.headers['www-authenticate']).toBe('Bearer');
    const rows = await db.selectFrom('api_tokens').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === user.token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('stop working when the user is disabled, and so does their session', async () => {
    const user = await newUser(db, 'sap-nghi', 'viewer');
    const { agent } = await loginAgent(app, 'sap-nghi');
    expect((await agent.get('/tree')).status).toBe(200);
    await db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', user.id).execute();
    expect((await request(app).get('/api/tree').set('Authorization', `Bearer ${user.token}`)).status).toBe(401);
    expect((await agent.get('/tree')).status).toBe(303);
    expect((await loginAgent(app, 'sap-nghi')).res.status).toBe(401);
  });

  it('are refused with a 403 in the request’s language while the account must replace a password someone else chose, and write nothing', async () => {
    await createUser(db, { username: 'mat-khau-tam', password: TEST_PASSWORD, role: 'administrator', scopeUnitId: null, mustChangePassword: true }, { username: 'test' });
    const user = await newUser(db, 'mat-khau-tam');
    const bearer = `Bearer ${user.token}`;
    const vi = await request(app).get('/api/tree?root=99').set('Authorization', bearer);
    expect([vi.status, vi.body]).toEqual([403, { errors: [{ path: '', message: 'Tài khoản phải đổi mật khẩu trước khi dùng mã truy cập API: hãy đăng nhập và đổi mật khẩu (trang Đổi mật khẩu).' }] }]);
    const en = await request(app).get('/api/tree?root=99&lang=en').set('Authorization', bearer);
    expect([en.status, en.body.errors[0].message]).toEqual([403, 'The account must change its password before its API tokens work: sign in and change it (the Change password page).']);
    expect((await request(app).get('/api/tree?root=99').set('Authorization', bearer).set('Accept-Language', 'en')).body.errors[0].message).toBe(en.body.errors[0].message);
    const [changes, audit] = [await count('changes'), await count('audit_log')];
    const write = await request(app).post('/api/changes').set('Authorization', bearer)
      .send({ type: 'rename', unit: { code: '90002' }, name: 'Tên Mới', effectiveOn: '2020-01-01', decision: { number: '1/QĐ-TEST' } });
    expect(write.status).toBe(403);
    expect([await count('changes'), await count('audit_log')]).toEqual([changes, audit]);
    // Once its owner has chosen a password, the same token works.
    const { agent } = await loginAgent(app, 'mat-khau-tam');
    const form = await agent.get('/account/password');
    const changed = await agent.post('/account/password').type('form').send({ _csrf: csrfOf(form.text), current: TEST_PASSWORD, next: 'mat-khau-cua-toi', again: 'mat-khau-cua-toi' });
    expect(changed.status).toBe(303);
    expect((await request(app).get('/api/tree?root=99').set('Authorization', bearer)).status).toBe(200);
  });

  it('of a disabled account are refused like its sessions (401, nothing said about the account), even while it must change its password', async () => {
    await createUser(db, { username: 'nghi-va-tam', password: TEST_PASSWORD, role: 'viewer', scopeUnitId: null, mustChangePassword: true }, { username: 'test' });
    const user = await newUser(db, 'nghi-va-tam', 'viewer');
    await db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', user.id).execute();
    const res = await request(app).get('/api/tree?lang=en').set('Authorization', `Bearer ${user.token}`);
    expect([res.status, res.body.errors[0].message]).toEqual([401, 'The API token is invalid or revoked.']);
  });
});

describe('the first administrator', () => {
  it('is created once, with ADMIN_PASSWORD or a generated password that must be replaced at the first sign-in', async () => {
    const fresh = await newTestDb();
    const first = await ensureAdministrator(fresh, undefined);
    expect(first?.username).toBe('admin');
    expect(first?.password).toMatch(/^[A-Za-z0-9]{20}$/);
    const signedIn = await attemptLogin(fresh, 'admin', first!.password!, '127.0.0.1');
    expect(signedIn.ok && signedIn.user.mustChangePassword).toBe(true);
    expect(await ensureAdministrator(fresh, 'anything')).toBeNull();
    const other = await newTestDb();
    expect(await ensureAdministrator(other, 'mat-khau-moi-truong')).toEqual({ username: 'admin', password: null });
    const chosen = await attemptLogin(other, 'admin', 'mat-khau-moi-truong', '127.0.0.1');
    expect(chosen.ok && chosen.user.mustChangePassword).toBe(false);
  });
});

describe('the users page', () => {
  let admin: Express;
  beforeAll(async () => {
    admin = await signedInApp(db, { username: 'chu-tich' });
  });

  async function post(path: string, fields: Record<string, string>) {
    const agent = request.agent(admin);
    const page = await agent.get('/admin/users');
    return agent.post(path).type('form').send({ _csrf: csrfOf(page.text), ...fields });
  }

  it('lists accounts and creates one; a bad input is refused beside its field with the input kept', async () => {
    const page = await request(admin).get('/admin/users');
    expect(page.text).toContain('bien-tap');
    expect(page.text).toContain('Huyện Một');
    const users = await count('users');
    const bad = await post('/admin/users', { username: 'a', password: 'ngan', role: 'editor', scope: '901' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="new-username-error"/);
    expect(bad.text).toMatch(/id="new-password-error"/);
    expect(bad.text).toContain('value="901"');
    const noScope = await post('/admin/users', { username: 'bien-tap-2', password: 'mat-khau-du-dai', role: 'editor', scope: '' });
    expect(noScope.status).toBe(422);
    expect(noScope.text).toContain('Biên tập viên cần có phạm vi');
    expect(await count('users')).toBe(users);
    const ok = await post('/admin/users', { username: 'bien-tap-2', password: 'mat-khau-du-dai', role: 'editor', scope: '902' });
    expect(ok.status).toBe(303);
    expect(await count('users')).toBe(users + 1);
    // The administrator chose that password: its owner replaces it before anything else opens.
    const { agent } = await loginAgent(testApp(db), 'bien-tap-2', 'mat-khau-du-dai');
    expect((await agent.get('/tree')).headers.location).toBe('/account/password');
    expect((await agent.get('/api/tree')).status).toBe(403);
    const form = await agent.get('/account/password');
    expect(form.text).toContain('do người khác đặt');
    const change = (fields: Record<string, string>) => agent.post('/account/password').type('form').send({ _csrf: csrfOf(form.text), ...fields });
    const wrong = await change({ current: 'sai', next: 'mat-khau-rieng-toi', again: 'mat-khau-rieng-toi' });
    expect([wrong.status, /id="pw-current-error"[^>]*>([^<]*)/.exec(wrong.text)?.[1]]).toEqual([422, 'Mật khẩu hiện tại không đúng.']);
    const differ = await change({ current: 'mat-khau-du-dai', next: 'mat-khau-rieng-toi', again: 'mat-khau-khac' });
    expect(differ.text).toContain('Hai lần nhập mật khẩu mới không giống nhau.');
    expect((await change({ current: 'mat-khau-du-dai', next: 'mat-khau-rieng-toi', again: 'mat-khau-rieng-toi' })).status).toBe(303);
    expect((await agent.get('/tree')).status).toBe(200);
    expect((await attemptLogin(db, 'bien-tap-2', 'mat-khau-rieng-toi', '10.2.0.1')).ok).toBe(true);
  });

  it('lists each account’s API tokens and revokes one, which stops working at once', async () => {
    const user = await newUser(db, 'script-2', 'viewer');
    const row = (await db.selectFrom('api_tokens').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    expect((await request(app).get('/api/tree').set('Authorization', `Bearer ${user.token}`)).status).toBe(200);
    expect((await request(admin).get('/admin/users')).text).toContain(`action="/admin/tokens/${row}/revocation"`);
    const asked = await post(`/admin/tokens/${row}/revocation`, {});
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(`Thu hồi mã truy cập #${row}?`);
    expect((await request(app).get('/api/tree').set('Authorization', `Bearer ${user.token}`)).status).toBe(200);
    const revoked = await post(`/admin/tokens/${row}/revocation`, { confirmed: 'yes' });
    expect(revoked.status).toBe(303);
    expect((await request(app).get('/api/tree').set('Authorization', `Bearer ${user.token}`)).status).toBe(401);
    expect((await request(admin).get('/admin/users')).text).not.toContain(`action="/admin/tokens/${row}/revocation"`);
    expect((await db.selectFrom('audit_log').select('action').orderBy('id', 'desc').executeTakeFirstOrThrow()).action).toBe('token.revoke');
  });

  it('changes a role and a scope, disables an account, and never leaves the app without an administrator', async () => {
    const target = (await db.selectFrom('users').select('id').where('username', '=', 'bien-tap-2').executeTakeFirstOrThrow()).id;
    expect((await post(`/admin/users/${target}`, { role: 'viewer', scope: '' })).status).toBe(303);
    expect((await db.selectFrom('users').selectAll().where('id', '=', target).executeTakeFirstOrThrow()).role).toBe('viewer');
    expect((await post(`/admin/users/${target}`, { role: 'viewer', scope: '', disabled: 'on' })).status).toBe(303);
    expect((await loginAgent(testApp(db), 'bien-tap-2', 'mat-khau-rieng-toi')).res.status).toBe(401);
    const admins = await db.selectFrom('users').select('id').where('role', '=', 'administrator').execute();
    for (const a of admins.slice(1)) await db.updateTable('users').set({ disabled_at: '2026-01-01' }).where('id', '=', a.id).execute();
    const last = await post(`/admin/users/${admins[0].id}`, { role: 'viewer', scope: '' });
    expect(last.status).toBe(422);
    expect(last.text).toContain('ít nhất một quản trị viên');
    expect((await db.selectFrom('users').select('role').where('id', '=', admins[0].id).executeTakeFirstOrThrow()).role).toBe('administrator');
    for (const a of admins.slice(1)) await db.updateTable('users').set({ disabled_at: null }).where('id', '=', a.id).execute();
  });
});

describe('command line', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'accounts-cli-'));
    url = `file:${dir}/app.sqlite`;
    const fileDb = openDatabase(url);
    await migrateToLatest(fileDb);
    await smallProvince(fileDb);
    await fileDb.destroy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (script: string, args: string[], stdin = '') => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', `scripts/${script}.ts`, ...args], { env: { ...process.env, DATABASE_URL: url } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });

  it('creates an editor with a scope (password on standard input), resets the password, and prints a token that works', async () => {
    const created = await run('user-create', ['--username', 'cli-editor', '--role', 'editor', '--scope', '901'], 'mat-khau-ban-dau\n');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toContain('created cli-editor (editor, scope 901)');
    const refused = await run('user-create', ['--username', 'cli-2', '--role', 'editor', '--scope', '77777'], 'mat-khau-ban-dau\n');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('77777');
    expect(refused.err).not.toMatch(/\n\s+at /);
    expect((await run('user-reset-password', ['--username', 'cli-editor'], 'mat-khau-moi-hon\n')).code).toBe(0);
    const token = await run('token-create', ['--username', 'cli-editor']);
    expect(token.code).toBe(0);
    const fileDb = openDatabase(url);
    try {
      expect((await attemptLogin(fileDb, 'cli-editor', 'mat-khau-moi-hon', '127.0.0.1')).ok).toBe(true);
      const res = await request(testApp(fileDb)).get('/api/tree?root=99').set('Authorization', `Bearer ${token.out.trim()}`);
      expect(res.status).toBe(200);
      const audit = await fileDb.selectFrom('audit_log').select(['action', 'username']).execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.create', 'user.reset-password', 'token.create']));
      expect(audit.every((a) => a.username.startsWith('cli:'))).toBe(true);
    } finally {
      await fileDb.destroy();
    }
  }, 60_000);
});
