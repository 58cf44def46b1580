import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { voidChange } from '../../src/services/change.service.js';
import { compareStructures } from '../../src/services/compare.service.js';
import { compareCountry } from '../../src/services/country-compare.service.js';
import { countryVersions } from '../../src/services/country-versions.service.js';
import { keptLineageBetween } from '../../src/services/country-lineage.service.js';
import { findLineageBetween } from '../../src/db/compare.repository.js';
import { registerRevision } from '../../src/db/change.repository.js';
import { keptVersions, storedVersions } from '../support/country-versions.js';
import { newPostgresUrl, newTestDb, onPostgres } from '../support/db.js';
import { record, smallProvince } from '../support/factories.js';

const journal = (db: Db) => db.selectFrom('versions_journal').select(['seq', 'unit_id']).orderBy('seq').execute();

describe('the versions journal', () => {
  it('names the unit of every version written or removed, in order', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const start = (await journal(db)).at(-1)!.seq;
    await record(db, { type: 'rename', effectiveOn: '2020-01-01', unit: { id: u.c1 }, name: 'Xã Bản Mế Mới' });
    const entries = (await journal(db)).filter((e) => e.seq > start);
    // the open version is replaced by a closed one and the renamed one
    expect(entries.map((e) => e.unit_id)).toEqual([u.c1, u.c1, u.c1]);
    await db.destroy();
  });

  it('keeps its last 50,000 entries', async () => {
    const db = await newTestDb();
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 60500)
      insert into versions_journal(unit_id) select i from n`.execute(db);
    const r = await db.selectFrom('versions_journal').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('seq').as('oldest'), eb.fn.max('seq').as('latest')]).executeTakeFirstOrThrow();
    expect(r.latest).toBe(60500);
    expect(r.oldest).toBe(60000 - 50000 + 1);
    expect(r.n).toBe(60500 - 10000);
    await db.destroy();
  });
});

describe('the country\'s versions kept in memory', () => {
  it('re-reads only the units a change wrote, keeping the same index, and equals the stored versions', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const first = await countryVersions(db);
    const r = await record(db, { type: 'merge', effectiveOn: '2020-03-01', absorbed: [{ id: u.c1 }], into: { id: u.c2 } });
    expect(await countryVersions(db)).toBe(first);
    expect(keptVersions(first)).toEqual(await storedVersions(db));
    await voidChange(db, r.change.id, 'test', 'thử');
    expect(await countryVersions(db)).toBe(first);
    expect(keptVersions(first)).toEqual(await storedVersions(db));
    await db.destroy();
  });

  it('reads everything again when the journal no longer reaches back to what it holds', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const first = await countryVersions(db);
    await record(db, { type: 'rename', effectiveOn: '2020-01-01', unit: { id: u.c3 }, name: 'Xã Cán Cấu Mới' });
    const latest = (await journal(db)).at(-1)!.seq;
    await db.deleteFrom('versions_journal').where('seq', '<', latest).execute(); // as if 50,000 entries had been written since
    const second = await countryVersions(db);
    expect(second).not.toBe(first);
    expect(keptVersions(second)).toEqual(await storedVersions(db));
    await db.destroy();
  });

  it('shows a change in the next comparison under a root, although the dates\' views are kept', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const q = { from: '2019-06-01', to: '2021-01-01', rootId: u.province };
    expect((await compareStructures(db, q)).statusCounts.renamed).toBe(0);
    const r = await record(db, { type: 'rename', effectiveOn: '2020-01-01', unit: { id: u.v2 }, name: 'Thôn Hai Mới' });
    const renamed = await compareStructures(db, q);
    expect(renamed.statusCounts.renamed).toBe(1);
    expect(renamed.units.find((x) => x.unitId === u.v2)?.after?.name).toBe('Thôn Hai Mới');
    await voidChange(db, r.change.id, 'test', 'thử');
    expect((await compareStructures(db, q)).statusCounts.renamed).toBe(0);
    await db.destroy();
  });

  it('lets concurrent requests share one read', async () => {
    const db = await newTestDb();
    await smallProvince(db);
    const [a, b] = await Promise.all([countryVersions(db), countryVersions(db)]);
    expect(a).toBe(b);
    await db.destroy();
  });
});

describe('the register\'s lineage kept in memory', () => {
  it('gives the pairs SQL gives for any period, a change on `from` left out and one on `to` kept, and follows voids', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    await record(db, { type: 'merge', effectiveOn: '2020-03-01', absorbed: [{ id: u.c1 }], into: { id: u.c2 } });
    const r = await record(db, { type: 'merge', effectiveOn: '2021-01-01', absorbed: [{ id: u.v1 }], into: { id: u.v2 } });
    await record(db, { type: 'rename', effectiveOn: '2022-07-01', unit: { id: u.c3 }, name: 'Xã Cán Cấu Mới' });
    const periods = [['2019-01-01', '2030-01-01'], ['2020-03-01', '2021-01-01'], ['2020-02-29', '2020-03-01'], ['2021-01-01', '2022-06-30'], ['2023-01-01', '2024-01-01']] as const;
    const check = async () => {
      const revision = await registerRevision(db);
      for (const [from, to] of periods) expect(await keptLineageBetween(db, from, to, revision)).toEqual(await findLineageBetween(db, from, to));
    };
    await check();
    expect((await keptLineageBetween(db, '2020-03-01', '2021-01-01')).map((p) => p.changeId)).toEqual([r.change.id, r.change.id]);
    await voidChange(db, r.change.id, 'test', 'thử');
    await check();
    expect(await keptLineageBetween(db, '2020-03-01', '2021-01-01')).toEqual([]);
    await db.destroy();
  });
});

describe('a change written by another process', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows in the next national comparison', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'journal-'));
    const url = onPostgres ? await newPostgresUrl() : `file:${path.join(dir, 'app.sqlite')}`;
    const server = openDatabase(url);
    await migrateToLatest(server);
    const u = await smallProvince(server);
    const period = { from: '2019-06-01', to: '2021-01-01' };
    expect((await compareCountry(server, period)).statusCounts.renamed).toBe(0);
    const other = openDatabase(url);
    await record(other, { type: 'rename', effectiveOn: '2020-01-01', unit: { id: u.v1 }, name: 'Thôn Một Mới' });
    await other.destroy();
    const after = await compareCountry(server, period);
    expect(after.statusCounts.renamed).toBe(1);
    expect(after.units.find((x) => x.unitId === u.v1)?.after?.name).toBe('Thôn Một Mới');
    expect(keptVersions(await countryVersions(server))).toEqual(await storedVersions(server));
    await server.destroy();
  });
});
