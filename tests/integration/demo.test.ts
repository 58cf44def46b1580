import { readFileSync } from 'node:fs';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode, findVersionOn } from '../../src/db/unit.repository.js';
import { parseCsv } from '../../src/services/csv.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { resolveUnitRef, summary, treeOn } from '../../src/services/query.service.js';
import { signedInApp } from '../support/auth.js';
import { seedDemo } from '../../seeds/index.js';
import { newDemoDb, newTestDb } from '../support/db.js';

let db: Db;

interface Listed {
  code: string;
  name: string;
  type: string;
  district: string;
}

const TYPE_WORD: Record<string, string> = { xa: 'Xã', phuong: 'Phường', thi_tran: 'Thị trấn' };

/** Commune-level units on a date, as the engine has them: code, name, type word, district code. */
async function communesOn(date: string): Promise<Listed[]> {
  const [province] = await treeOn(db, date, await resolveUnitRef(db, '10', [date]), 2);
  return province.children
    .filter((d) => d.kind === 'district')
    .flatMap((d) => d.children.filter((c) => c.kind === 'commune').map((c) => ({ code: c.code!, name: c.name, type: TYPE_WORD[c.subtype], district: d.code! })))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The official list of a date, derived by hand from the 01/12/2019 list and the real changes CSV. */
function officialList(date: string): Listed[] {
  const list = new Map(parseCsv(readFileSync('seeds/data/lao-cai-communes-2019-12-01.csv', 'utf8')).rows
    .map((r) => [r.code, { code: r.code, name: r.name, type: r.type, district: r.district_code }]));
  for (const c of parseCsv(readFileSync('seeds/data/lao-cai-changes-2019-2024.csv', 'utf8')).rows) {
    if (c.effective_date > date) continue;
    if (c.type === 'merge') {
      list.delete(c.from_code);
      list.get(c.to_code)!.name = c.to_name;
    }
    if (c.type === 'transfer') list.get(c.from_code)!.district = c.to_code;
    if (c.type === 'reclassify') Object.assign(list.get(c.from_code)!, { name: c.to_name, type: c.to_name.split(' ').slice(0, 2).join(' ') });
  }
  return [...list.values()].sort((a, b) => a.code.localeCompare(b.code));
}

describe('the Lào Cai demo', () => {
  beforeAll(async () => {
    db = await newDemoDb();
  });

  it('gives the four figures of the interview for 31/12/2015 → 02/09/2024', async () => {
    const res = await request(await signedInApp(db)).get('/api/summary?root=10&from=2015-12-31&to=2024-09-02');
    const total = (kind: string) => res.body.rows.find((r: { kind: string; subtype: string | null }) => r.kind === kind && r.subtype === null);
    expect(total('agency')).toMatchObject({ reduced: 46 });
    expect(total('public_service_unit')).toMatchObject({ from: 853, to: 720, reduced: 133, reducedPct: 15.6 });
    expect(total('commune')).toMatchObject({ from: 164, to: 152, reduced: 12 });
    expect(total('village')).toMatchObject({ from: 2852, to: 2205, reduced: 647 });
  });

  it('ends with 1,717 thôn and bản and 488 tổ dân phố', async () => {
    const { rows } = await summary(db, await resolveUnitRef(db, '10', ['2024-09-02']), '2015-12-31', '2024-09-02');
    const after = (subtype: string) => rows.find((r) => r.kind === 'village' && r.subtype === subtype)!.to;
    expect(after('thon') + after('ban')).toBe(1717);
    expect(after('to_dan_pho')).toBe(488);
  });

  it('meets the 19-NQ/TW −10 % of public service units in 2021', async () => {
    const { rows } = await summary(db, await resolveUnitRef(db, '10', ['2021-12-31']), '2015-12-31', '2021-12-31');
    const psu = rows.find((r) => r.kind === 'public_service_unit' && r.subtype === null)!;
    expect(psu.reducedPct).toBeGreaterThanOrEqual(10);
    expect((await summary(db, await resolveUnitRef(db, '10', ['2020-12-31']), '2015-12-31', '2020-12-31')).rows.find((r) => r.kind === 'public_service_unit' && r.subtype === null)!.reducedPct).toBeLessThan(10);
  });

  it.each(['2019-12-01', '2020-02-29', '2020-03-01', '2022-06-30', '2024-10-31', '2024-11-01'])(
    'matches the official list unit for unit on %s (code, name, type, district)',
    async (date) => {
      expect(await communesOn(date)).toEqual(officialList(date));
    },
  );

  it('counts 164 before Nghị quyết 767, 162 after, 152 after 896 and 151 after 1197', async () => {
    expect(await communesOn('2019-09-30')).toHaveLength(164);
    expect(await communesOn('2019-10-01')).toHaveLength(162);
    expect(await communesOn('2020-03-01')).toHaveLength(152);
    expect(await communesOn('2024-11-01')).toHaveLength(151);
  });

  it('records huyện Sa Pa becoming thị xã Sa Pa, with the reconstruction said in the note', async () => {
    const saPa = await findVersionOn(db, (await findUnitIdByCode(db, '088', '2019-10-01'))!, '2019-09-30');
    expect(saPa).toMatchObject({ name: 'Huyện Sa Pa', subtype: 'huyen' });
    const res = await request(await signedInApp(db)).get('/api/changes?from=2019-10-01&to=2019-10-01&root=088');
    const nq767 = res.body.changes.filter((c: { decision: string }) => c.decision === '767/NQ-UBTVQH14');
    expect(nq767.length).toBe(9);
    expect(nq767[0].note).toContain('Tái dựng giản lược');
  });

  it('sums the figures of Thị trấn Bắc Hà and Xã Tà Chải as published: 6.49 km², 12,203 people', async () => {
    const bacHa = await findVersionOn(db, (await findUnitIdByCode(db, '02839', '2024-11-01'))!, '2024-11-01');
    expect(bacHa).toMatchObject({ areaKm2: 6.49, population: 12203 });
  });

  it('rebuilds exactly the stored versions from the events', async () => {
    const report = await rebuildProjection(db, { write: false });
    expect(report.failed).toBeNull();
    expect(report.differences).toEqual([]);
    expect(report.changes).toBeGreaterThan(600);
  });

  it('loads the same ids, names and numbers every time', async () => {
    const other = await newTestDb();
    await seedDemo(other);
    const dump = async (d: Db) => JSON.stringify([
      await d.selectFrom('versions').selectAll().orderBy('id').execute(),
      await d.selectFrom('changes').selectAll().orderBy('id').execute(),
      await d.selectFrom('decisions').selectAll().orderBy('id').execute(),
    ]);
    expect(await dump(other)).toBe(await dump(db));
  });
});
