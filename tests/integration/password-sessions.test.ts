import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { resetPassword } from '../../src/services/account.service.js';
import { csrfOf, loginAgent, newUser, sessionCookie, testApp, TEST_PASSWORD } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';

let db: Db;
let app: Express;

beforeAll(async () => {
  db = await newTestDb();
  await smallProvince(db);
  app = testApp(db);
});
afterAll(() => db.destroy());

const sessionRows = async () => (await db.selectFrom('sessions').select('sid').execute()).length;
const sidOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith('sid='))?.split(';')[0];
const auditOf = async (userId: number) => db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'user').where('entity_id', '=', String(userId)).orderBy('id').execute();
const apiStatus = (token: string) => request(app).get('/api/tree?root=99').set('Authorization', `Bearer ${token}`).then((r) => r.status);

/** Changes the password through the form of an agent's own session. */
async function changePassword(agent: ReturnType<typeof request.agent>, fields: Record<string, string>) {
  const page = await agent.get('/account/password');
  return agent.post('/account/password').type('form').send({ _csrf: csrfOf(page.text), current: TEST_PASSWORD, next: 'mat-khau-moi-123', again: 'mat-khau-moi-123', ...fields });
}

describe('changing one’s password', () => {
  it('ends the account’s other sessions and keeps this one signed in under a new session id; tokens keep working', async () => {
    const user = await newUser(db, 'doi-mat-khau', 'viewer');
    const other = await sessionCookie(db, user.id);
    expect((await request(app).get('/').set('Cookie', other)).status).toBe(200);
    const { agent, res: login } = await loginAgent(app, user.username);
    const before = sidOf(login)!;
    const changed = await changePassword(agent, {});
    expect([changed.status, changed.headers.location]).toEqual([303, '/']);
    expect(sidOf(changed)).toBeDefined();
    expect(sidOf(changed)).not.toBe(before);
    expect((await agent.get('/')).status).toBe(200); // this browser stays signed in
    expect((await request(app).get('/').set('Cookie', other)).headers.location).toBe('/login?next=%2F');
    expect((await request(app).get('/').set('Cookie', before)).headers.location).toBe('/login?next=%2F');
    expect(await apiStatus(user.token)).toBe(200);
    expect(await auditOf(user.id)).toContainEqual({ action: 'user.change-password', after: JSON.stringify({ sessionsEnded: 1, tokensRevoked: 0 }) });
  });

  it('revokes the account’s API tokens too when the box is ticked', async () => {
    const user = await newUser(db, 'thu-hoi-ma', 'viewer');
    const { agent } = await loginAgent(app, user.username);
    expect((await agent.get('/account/password')).text).toContain('name="revokeTokens"');
    expect((await changePassword(agent, { revokeTokens: 'on' })).status).toBe(303);
    expect(await apiStatus(user.token)).toBe(401);
    expect((await agent.get('/')).status).toBe(200);
    expect((await auditOf(user.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['token.revoke', 'user.change-password']));
  });

  it('ends nothing when the current password is wrong', async () => {
    const user = await newUser(db, 'sai-hien-tai', 'viewer');
    const other = await sessionCookie(db, user.id);
    const { agent } = await loginAgent(app, user.username);
    expect((await changePassword(agent, { current: 'khong-dung-dau', revokeTokens: 'on' })).status).toBe(422);
    expect((await request(app).get('/').set('Cookie', other)).status).toBe(200);
    expect(await apiStatus(user.token)).toBe(200);
  });
});

describe('an administrator’s reset', () => {
  it('on the users page ends every session of the account and revokes its tokens', async () => {
    const admin = await newUser(db, 'quan-tri-dat-lai', 'administrator');
    const user = await newUser(db, 'bi-dat-lai', 'viewer');
    const cookie = await sessionCookie(db, user.id);
    const { agent } = await loginAgent(app, admin.username);
    const page = await agent.get('/admin/users');
    expect(page.text).toContain(`action="/admin/users/${user.id}/password"`);
    const reset = await agent.post(`/admin/users/${user.id}/password`).type('form').send({ _csrf: csrfOf(page.text), password: 'mat-khau-tam-thoi' });
    expect([reset.status, reset.headers.location]).toEqual([303, '/admin/users']);
    expect((await request(app).get('/').set('Cookie', cookie)).headers.location).toBe('/login?next=%2F');
    expect(await apiStatus(user.token)).toBe(401);
    expect((await agent.get('/')).status).toBe(200); // the administrator's own session goes on
    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['token.revoke', 'user.reset-password']));
    // The new password works, and must be replaced at once.
    const { res } = await loginAgent(app, user.username, 'mat-khau-tam-thoi');
    expect(res.status).toBe(303);
    const short = await agent.post(`/admin/users/${user.id}/password`).type('form').send({ _csrf: csrfOf(page.text), password: 'ngan' });
    expect(short.status).toBe(422);
  });

  it('from the command line (resetPassword) ends every session and revokes the tokens as well', async () => {
    const user = await newUser(db, 'dat-lai-cli', 'viewer');
    const cookie = await sessionCookie(db, user.id);
    await resetPassword(db, user.username, 'mat-khau-dong-lenh', { username: 'operator' });
    expect((await request(app).get('/').set('Cookie', cookie)).headers.location).toBe('/login?next=%2F');
    expect(await apiStatus(user.token)).toBe(401);
    expect((await auditOf(user.id)).at(-1)).toMatchObject({ action: 'user.reset-password', after: JSON.stringify({ sessionsEnded: 1, tokensRevoked: 1 }) });
  });
});

describe('anonymous visitors', () => {
  it('store no session: the login page (in either language) leaves the sessions table empty', async () => {
    await db.deleteFrom('sessions').execute();
    for (const path of ['/login', '/login?lang=en', '/login?next=%2Ftree', '/', '/tree']) {
      const res = await request(app).get(path);
      expect(sidOf(res), path).toBeUndefined();
    }
    expect((await request(app).get('/login?lang=en')).text).toContain('Sign in');
    expect(await sessionRows()).toBe(0);
  });

  it('cannot sign in without the login form’s token and its cookie', async () => {
    await newUser(db, 'csrf-dang-nhap', 'viewer');
    const agent = request.agent(app);
    const form = await agent.get('/login');
    const token = csrfOf(form.text);
    const body = { username: 'csrf-dang-nhap', password: TEST_PASSWORD };
    expect((await agent.post('/login').type('form').send(body)).status).toBe(403);
    expect((await agent.post('/login').type('form').send({ ...body, _csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await request(app).post('/login').type('form').send({ ...body, _csrf: token })).status).toBe(403); // no cookie: another site's form
    expect(await sessionRows()).toBe(0);
    const ok = await agent.post('/login').type('form').send({ ...body, _csrf: token });
    expect(ok.status).toBe(303);
    expect(await sessionRows()).toBe(1);
  });
});
