import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { createApp } from '../../src/web/app.js';
import { parseTrustProxy } from '../../src/web/transport-security.js';
import { newUser, TEST_SECRET } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { freePort, startServer, waitFor } from '../support/processes.js';

const CLIENT = '203.0.113.7';
const ELSEWHERE = '198.51.100.20';

/** Signs in through the real login form, every request carrying `headers` as a proxy would add them. */
async function signIn(app: ReturnType<typeof createApp>, username: string, password: string, headers: Record<string, string>) {
  const form = await request(app).get('/login').set(headers);
  const cookies = (form.headers['set-cookie'] as unknown as string[] | undefined ?? []).map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  return request(app).post('/login').set(headers).set('Cookie', cookies).type('form').send({ _csrf: csrf, username, password });
}

const sessionCookie = (res: request.Response) => ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith('sid='));
const addressesOf = async (db: Db, action: string) => (await db.selectFrom('audit_log').select('address').where('action', '=', action).execute()).map((r) => r.address);

describe('TRUST_PROXY', () => {
  let db: Db;
  beforeEach(async () => {
    db = await newTestDb();
    await newUser(db, 'quan-tri');
  });

  it('parses the values of Express’s trust proxy, unset meaning no proxy', () => {
    expect([undefined, '', 'false', ' FALSE '].map(parseTrustProxy)).toEqual([false, false, false, false]);
    expect([' 1', '2', 'true', 'loopback', '10.0.0.1, 10.0.0.2'].map(parseTrustProxy)).toEqual([1, 2, true, 'loopback', '10.0.0.1, 10.0.0.2']);
  });

  it('with one proxy trusted, the forwarded address goes to the audit and the sign-in failures, and HTTPS gives a Secure cookie and HSTS', async () => {
    const app = createApp(db, undefined, { sessionSecret: TEST_SECRET, trustProxy: 1 });
    const https = { 'X-Forwarded-For': CLIENT, 'X-Forwarded-Proto': 'https' };
    const res = await signIn(app, 'quan-tri', 'correct horse battery', https);
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).toMatch(/;\s*Secure/i);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(await addressesOf(db, 'session.login')).toEqual([CLIENT]);
    expect((await request(app).get('/login').set(https)).headers['content-security-policy']).toContain('upgrade-insecure-requests');
    await signIn(app, 'quan-tri', 'wrong password', https);
    expect((await db.selectFrom('login_failures').select('address').execute()).map((r) => r.address)).toEqual([CLIENT]);
  });

  it('with one proxy trusted, plain HTTP through it gets neither a Secure cookie nor HSTS nor upgrade-insecure-requests', async () => {
    const app = createApp(db, undefined, { sessionSecret: TEST_SECRET, trustProxy: 1 });
    const res = await signIn(app, 'quan-tri', 'correct horse battery', { 'X-Forwarded-For': CLIENT, 'X-Forwarded-Proto': 'http' });
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).toBeDefined();
    expect(sessionCookie(res)).not.toMatch(/Secure/i);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const page = await request(app).get('/login');
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('without TRUST_PROXY, X-Forwarded-For and -Proto are ignored: the connection’s address, no Secure cookie, no HSTS', async () => {
    const app = createApp(db, undefined, { sessionSecret: TEST_SECRET, trustProxy: false });
    const res = await signIn(app, 'quan-tri', 'correct horse battery', { 'X-Forwarded-For': CLIENT, 'X-Forwarded-Proto': 'https' });
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).not.toMatch(/Secure/i);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const [address] = await addressesOf(db, 'session.login');
    expect(address).not.toBe(CLIENT);
    expect(address).toMatch(/127\.0\.0\.1|::1/);
  });

  it('the per-address sign-in limit counts each forwarded client, not the proxy: 20 failures from one client do not lock out another', async () => {
    const trusted = createApp(db, undefined, { sessionSecret: TEST_SECRET, trustProxy: 1 });
    for (let i = 0; i < 20; i++) await signIn(trusted, `khach-${i}`, 'wrong', { 'X-Forwarded-For': CLIENT });
    expect((await signIn(trusted, 'khach-x', 'wrong', { 'X-Forwarded-For': CLIENT })).status).toBe(429);
    expect((await signIn(trusted, 'quan-tri', 'correct horse battery', { 'X-Forwarded-For': ELSEWHERE })).status).toBe(303);
    // Without the setting every client is the proxy's one address, so the same burst locks everyone out.
    const untrusted = createApp(await newTestDb(), undefined, { sessionSecret: TEST_SECRET, trustProxy: false });
    for (let i = 0; i < 20; i++) await signIn(untrusted, `khach-${i}`, 'wrong', { 'X-Forwarded-For': CLIENT });
    expect((await signIn(untrusted, 'quan-tri', 'correct horse battery', { 'X-Forwarded-For': ELSEWHERE })).status).toBe(429);
  });

  it('the real server reads TRUST_PROXY from its environment: HSTS and a Secure cookie only for a request the proxy says was HTTPS', async () => {
    const port = await freePort();
    const server = startServer({ PORT: String(port), TRUST_PROXY: '1' });
    try {
      await waitFor(() => server.output().includes('ready') || undefined);
      const base = `http://127.0.0.1:${port}`;
      const plain = await fetch(`${base}/login`, { headers: { 'X-Forwarded-Proto': 'http' } });
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      const form = await fetch(`${base}/login`, { headers: { 'X-Forwarded-Proto': 'https' } });
      expect(form.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
      const res = await fetch(`${base}/login`, {
        method: 'POST', redirect: 'manual',
        headers: { 'X-Forwarded-Proto': 'https', cookie: form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, username: 'admin', password: 'mat-khau-quan-tri' }).toString(),
      });
      expect(res.status).toBe(303);
      expect(res.headers.getSetCookie().find((c) => c.startsWith('sid='))).toMatch(/;\s*Secure/i);
    } finally {
      server.cleanUp();
    }
  });
});
