import { spawn } from 'node:child_process';
import { waitFor } from '../support/processes.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { createToken } from '../../src/services/account.service.js';

const decision = { number: '99/NQ-HĐND', issuer: 'HĐND tỉnh Lào Cai', signedOn: '2025-12-01' };

/**
 * Issue 14, item 3: two real worker processes over one SQLite file. Every writer must get an
 * answer (2xx, or 409 for a refused change), never a 500 for "database is locked".
 */
describe('parallel writes across two workers', () => {
  it('answers 20 renames of 20 villages and conflicting merges of one commune without a 500', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'contention-'));
    const url = `file:${dir}/app.sqlite`;
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/server.ts'], {
      env: { ...process.env, PORT: '0', DATABASE_URL: url, NODE_ENV: 'production', WEB_CONCURRENCY: '2', ADMIN_PASSWORD: 'mat-khau-thu-nghiem' },
      stdio: ['ignore', 'pipe', 'pipe'], detached: true, // its own process group: tsx, the primary and the workers end together
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const db = openDatabase(url);
    try {
      await waitFor(() => (output.match(/^ready$/gm)?.length === 2 ? true : undefined), 120_000);
      const port = /listening on http:\/\/localhost:(\d+)/.exec(output)![1];
      const token = await createToken(db, 'admin', 'contention', { username: 'test' });
      const { villages, commune, neighbours } = await targets(db);
      const post = (body: object) => fetch(`http://127.0.0.1:${port}/api/changes`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ decision, effectiveOn: '2026-01-01', ...body }),
      }).then(async (res) => ({ status: res.status, body: await res.text() }));
      const renames = villages.map((id, i) => post({ type: 'rename', unit: { id }, name: `Thôn Đổi Tên ${i + 1}` }));
      const merges = neighbours.map((into) => post({ type: 'merge', absorbed: [{ id: commune }], into: { id: into } }));
      const [renamed, merged] = await Promise.all([Promise.all(renames), Promise.all(merges)]);
      const unexpected = [...renamed, ...merged].filter((r) => !(r.status < 300 || r.status === 409));
      expect(unexpected, `${unexpected.length} of ${renamed.length + merged.length}: ${JSON.stringify(unexpected.slice(0, 2))}`).toEqual([]);
      expect(renamed.map((r) => r.status)).toEqual(villages.map(() => 201));
      expect(merged.filter((r) => r.status === 201)).toHaveLength(1);
    } finally {
      await db.destroy();
      process.kill(-child.pid!, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

/** 20 current villages outside one commune that has at least four current sibling communes. */
async function targets(db: ReturnType<typeof openDatabase>) {
  const communes = await db.selectFrom('versions').select(['unit_id', 'parent_id'])
    .where('kind', '=', 'commune').where('valid_to', 'is', null).orderBy('unit_id').execute();
  const byParent = new Map<number | null, typeof communes>();
  for (const c of communes) byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c]);
  const [first, ...rest] = [...byParent.values()].find((group) => group.length >= 5)!;
  const villages = await db.selectFrom('versions').select('unit_id').where('kind', '=', 'village')
    .where('valid_to', 'is', null).where('parent_id', '!=', first.unit_id).orderBy('unit_id').limit(20).execute();
  expect(villages).toHaveLength(20);
  return { villages: villages.map((v) => v.unit_id), commune: first.unit_id, neighbours: rest.slice(0, 8).map((c) => c.unit_id) };
}
