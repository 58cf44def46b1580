import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createToken } from '../../src/services/account.service.js';
import type { ChangeRequest } from '../../src/services/change-request.js';
import { recordChange } from '../../src/services/change.service.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { newPostgresUrl, onPostgres } from '../support/db.js';
import { establish } from '../support/factories.js';
import { freePort, killGroup, waitFor } from '../support/processes.js';

/**
 * Issue 15, item 8: writes arriving at the same moment at real server processes on one database.
 * On PostgreSQL, two app servers (separate processes, separate ports); on SQLite, one server with
 * two workers (WEB_CONCURRENCY=2) on one file. No answer is a 500, each race ends as if the
 * requests had come one after another, and replaying the register gives the stored versions.
 */
describe(`writes racing on ${onPostgres ? 'two servers on one PostgreSQL database' : 'two workers on one SQLite file'}`, () => {
  let dir = '';
  let db: Db;
  let url = '';
  const children: ChildProcess[] = [];
  let ports: number[] = [];
  let token = '';
  let t: Awaited<ReturnType<typeof territory>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'races-'));
    url = onPostgres ? await newPostgresUrl() : `file:${dir}/app.sqlite`;
    db = openDatabase(url);
    await migrateToLatest(db);
    t = await territory(db);
    const servers = onPostgres ? 2 : 1;
    ports = await Promise.all(Array.from({ length: servers }, freePort));
    const outputs = ports.map((port) => {
      const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/server.ts'], {
        env: {
          ...process.env, PORT: String(port), DATABASE_URL: url, NODE_ENV: 'production', SEED: 'none', LOG_LEVEL: 'warn',
          WEB_CONCURRENCY: onPostgres ? '1' : '2', SESSION_SECRET: 'bi-mat-chung-cua-cac-may-chu', ADMIN_PASSWORD: 'mat-khau-quan-tri',
        },
        stdio: ['ignore', 'pipe', 'pipe'], detached: true,
      });
      children.push(child);
      const out = { text: '' };
      child.stdout!.on('data', (d) => (out.text += d));
      child.stderr!.on('data', (d) => (out.text += d));
      return out;
    });
    const workers = onPostgres ? 1 : 2;
    await waitFor(() => (outputs.every((o) => (o.text.match(/^ready$/gm)?.length ?? 0) >= workers) ? true : undefined), 120_000)
      .catch((err) => { throw new Error(`servers did not start: ${outputs.map((o) => o.text).join('\n---\n')}`, { cause: err }); });
    token = await createToken(db, 'admin', 'races', { username: 'test' });
  }, 180_000);

  afterAll(async () => {
    for (const c of children) killGroup(c.pid);
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The servers in turn: request i goes to server i mod n. */
  const post = (i: number, body: object) => fetch(`http://127.0.0.1:${ports[i % ports.length]}/api/changes`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: { number: `${100 + i}/NQ-HĐND`, signedOn: '2025-12-01' }, ...body }),
  }).then(async (res) => ({ status: res.status, body: await res.text() }));

  const noServerErrors = (answers: { status: number; body: string }[]) => {
    const unexpected = answers.filter((r) => !(r.status < 300 || r.status === 409));
    expect(unexpected, JSON.stringify(unexpected.slice(0, 2))).toEqual([]);
  };

  const replayMatches = async () => {
    const report = await rebuildProjection(db, { write: false });
    expect(report.failed).toBeNull();
    expect(report.differences).toEqual([]);
  };

  it('records exactly one of 20 conflicting merges of one commune; the others get 409', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      post(i, { type: 'merge', effectiveOn: '2026-01-01', absorbed: [{ id: t.commune }], into: { id: t.neighbours[i % t.neighbours.length] } })));
    noServerErrors(answers);
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(19);
    const ended = await db.selectFrom('versions').select('valid_to').where('unit_id', '=', t.commune).where('valid_to', 'is not', null).execute();
    expect(ended.map((v) => v.valid_to)).toEqual(['2026-01-01']);
    await replayMatches();
  }, 120_000);

  it('records all of 20 renames of different units', async () => {
    const answers = await Promise.all(t.villages.map((id, i) => post(i, { type: 'rename', effectiveOn: '2026-02-01', unit: { id }, name: `Thôn Đổi Tên ${i + 1}` })));
    noServerErrors(answers);
    expect(answers.map((r) => r.status)).toEqual(t.villages.map(() => 201));
    const names = await db.selectFrom('versions').select(['unit_id', 'name']).where('unit_id', 'in', t.villages).where('valid_to', 'is', null).execute();
    expect(new Set(names.map((n) => n.name)).size).toBe(20);
    expect(names.every((n) => n.name.startsWith('Thôn Đổi Tên'))).toBe(true);
    await replayMatches();
  }, 120_000);

  it('keeps one history when a back-dated change races a current one on the same unit', async () => {
    const unit = t.villages[0];
    const answers = await Promise.all([
      post(0, { type: 'rename', effectiveOn: '2021-03-01', unit: { id: unit }, name: 'Thôn Tên Cũ Sửa Lại' }),
      post(1, { type: 'rename', effectiveOn: '2026-03-01', unit: { id: unit }, name: 'Thôn Tên Mới Nhất' }),
    ]);
    noServerErrors(answers);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const history = await db.selectFrom('versions').select(['name', 'valid_from', 'valid_to']).where('unit_id', '=', unit).orderBy('valid_from').execute();
    for (let i = 1; i < history.length; i++) expect(history[i].valid_from).toBe(history[i - 1].valid_to);
    expect(history.find((v) => v.valid_from === '2021-03-01')?.name).toBe('Thôn Tên Cũ Sửa Lại');
    expect(history.at(-1)).toMatchObject({ name: 'Thôn Tên Mới Nhất', valid_to: null });
    await replayMatches();
  }, 120_000);

  it('serialises 20 writes of one unit from one process’s connection pool, back-dated and current mixed', async () => {
    const unit = t.villages[1];
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => recordChange(db, {
      type: 'rename', effectiveOn: i % 2 ? `2022-0${1 + (i % 9)}-01` : `2026-0${1 + (i % 9)}-15`, unit: { id: unit }, name: `Thôn Lần ${i + 1}`,
      decision: { number: `${200 + i}/QĐ-UBND` },
    } as ChangeRequest)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    await replayMatches();
  }, 120_000);
});

/** A province with one district of nine communes, and 20 villages in the neighbours of the first. */
async function territory(db: Db) {
  const on = '2020-01-01';
  const province = await establish(db, on, { name: 'Tỉnh Đua', code: '98', kind: 'province', subtype: 'tinh', parent: null });
  const district = await establish(db, on, { name: 'Huyện Đua', code: '981', kind: 'district', subtype: 'huyen', parent: { id: province } });
  const communes: number[] = [];
  for (let i = 1; i <= 9; i++) communes.push(await establish(db, on, { name: `Xã Đua ${i}`, code: `9800${i}`, kind: 'commune', subtype: 'xa', parent: { id: district } }));
  const [commune, ...neighbours] = communes;
  const villages: number[] = [];
  for (let i = 1; i <= 20; i++) villages.push(await establish(db, on, { name: `Thôn Đua ${i}`, kind: 'village', subtype: 'thon', parent: { id: neighbours[i % neighbours.length] } }));
  return { commune, neighbours, villages };
}
