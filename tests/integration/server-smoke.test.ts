import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { killGroup, waitFor } from '../support/processes.js';

/** Boots `tsx src/server.ts` exactly as `npm start` does, on a fresh database file. */
describe('npm start', () => {
  it('creates and seeds a fresh database, answers health and summary, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'smoke-'));
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/server.ts'], {
      env: { ...process.env, PORT: '0', DATABASE_URL: `file:${dir}/app.sqlite`, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const port = await waitFor(() => /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1]);
      await waitFor(() => output.includes('ready') || undefined);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/api/summary?root=10&from=2019-12-01&to=2024-11-01`)).status).toBe(401);
      // First start: an administrator `admin` with a one-time password printed once; signing in with it works.
      const password = /one-time password (\S+)/.exec(output)?.[1];
      expect(password).toBeDefined();
      const cookie = await signIn(base, 'admin', password!);
      // The printed password is for the first sign-in only: nothing else opens until it is replaced.
      expect((await fetch(`${base}/tree`, { headers: { cookie }, redirect: 'manual' })).headers.get('location')).toBe('/account/password');
      const form = await fetch(`${base}/account/password`, { headers: { cookie } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
      const changed = await fetch(`${base}/account/password`, {
        method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, current: password!, next: 'mat-khau-cua-toi', again: 'mat-khau-cua-toi' }).toString(),
      });
      expect(changed.status).toBe(303);
      // A password change goes on under a new session id; the old one is ended.
      const renewed = changed.headers.get('set-cookie')!.split(';')[0];
      expect((await fetch(`${base}/tree`, { headers: { cookie }, redirect: 'manual' })).headers.get('location')).toBe('/login?next=%2Ftree');
      const summary = await (await fetch(`${base}/api/summary?root=10&from=2019-12-01&to=2024-11-01`, { headers: { cookie: renewed } })).json();
      expect(summary.rows).toContainEqual(expect.objectContaining({ kind: 'commune', subtype: null, from: 162, to: 151 }));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      killGroup(child.pid);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Signs in through the login form as a browser would; returns the session cookie. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const first = form.headers.get('set-cookie')!.split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie: first, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  expect(res.status).toBe(303);
  const rotated = res.headers.get('set-cookie')!.split(';')[0];
  expect([first.split('=')[0], rotated.split('=')[0]]).toEqual(['login_csrf', 'sid']); // no session until signed in
  return rotated;
}
