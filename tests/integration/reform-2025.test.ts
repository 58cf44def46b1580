import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode, findVersionOn } from '../../src/db/unit.repository.js';
import { parseCsv } from '../../src/services/csv.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { importReform } from '../../src/services/reform-import.service.js';
import { ImportError } from '../../src/services/import.service.js';
import { resolveUnitRef, summary, treeOn } from '../../src/services/query.service.js';
import { targetsWithProgress } from '../../src/services/target.service.js';
import { findMovements } from '../../src/db/staffing.repository.js';
import { headcountOn } from '../../src/domain/staffing.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

const ON = '2025-07-01';
const TYPE_WORD: Record<string, string> = { xa: 'Xã', phuong: 'Phường' };
const table = parseCsv(readFileSync('seeds/data/lao-cai-2025-07-01-communes.csv', 'utf8')).rows;

let db: Db;
beforeAll(async () => {
  db = await newDemoDb();
}, 120_000);

describe('the 2025 reform in the demo (NQ 202/2025/QH15, NQ 1673/NQ-UBTVQH15, the end of the district level)', () => {
  it('has on 01/07/2025 exactly the 99 units of the table under the new Lào Cai (code, name, type, parent)', async () => {
    const [province] = await treeOn(db, ON, await resolveUnitRef(db, '15', [ON]), 1);
    expect(province).toMatchObject({ name: 'Tỉnh Lào Cai', code: '15' });
    const communes = province.children.filter((c) => c.kind === 'commune')
      .map((c) => ({ code: c.code, name: c.name, type: TYPE_WORD[c.subtype] })).sort((a, b) => a.code!.localeCompare(b.code!));
    const expected = [...new Map(table.map((r) => [r.new_code, { code: r.new_code, name: r.new_name, type: r.new_name.split(' ')[0] }])).values()]
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(communes).toHaveLength(99);
    expect(communes).toEqual(expected);
    expect(province.children.filter((c) => c.kind === 'district')).toEqual([]);
    expect(await findUnitIdByCode(db, '10', ON)).toBeUndefined();
  });

  it('gives each new unit exactly its constituents as lineage, and keeps the 8 communes not rearranged as the same units', async () => {
    const change = await db.selectFrom('changes').innerJoin('decisions', 'decisions.id', 'changes.decision_id')
      .select('changes.id').where('decisions.number', '=', '1673/NQ-UBTVQH15').executeTakeFirstOrThrow();
    const pairs = await db.selectFrom('lineage').select(['from_unit_id', 'to_unit_id', 'share']).where('change_id', '=', change.id).execute();
    const codeOf = async (id: number, date: string) => (await findVersionOn(db, id, date))!.code;
    const recorded = (await Promise.all(pairs.map(async (p) => `${await codeOf(p.to_unit_id, ON)}<${await codeOf(p.from_unit_id, '2025-06-30')}:${p.share}`))).sort();
    const continuing = table.filter((r) => r.old_code === r.new_code && table.filter((x) => x.new_code === r.new_code).length === 1);
    expect(new Set(continuing.map((r) => r.new_name))).toEqual(new Set([
      'Xã Cát Thịnh', 'Xã Chế Tạo', 'Xã Lao Chải', 'Xã Nậm Có', 'Xã Nậm Xé', 'Xã Ngũ Chỉ Sơn', 'Xã Phong Dụ Thượng', 'Xã Tà Xi Láng',
    ]));
    const expected = table.filter((r) => !continuing.includes(r)).map((r) => `${r.new_code}<${r.old_code}:whole`).sort();
    expect(recorded).toEqual(expected);
    for (const r of continuing) {
      const id = (await findUnitIdByCode(db, r.old_code, '2025-06-30'))!;
      expect(await findUnitIdByCode(db, r.new_code, ON)).toBe(id);
    }
    expect((await findVersionOn(db, (await findUnitIdByCode(db, '04603', ON))!, ON))?.name).toBe('Xã Tà Xi Láng');
    expect((await findVersionOn(db, (await findUnitIdByCode(db, '04603', ON))!, '2025-06-30'))?.name).toBe('Xã Tà Si Láng');
  });

  it('hands each old commune\'s staff to the new commune it went into, not all to one', async () => {
    const total = async (code: string, on: string) => {
      const id = (await findUnitIdByCode(db, code, on))!;
      return Object.values(headcountOn(await findMovements(db, [id]), on)).reduce((a, n) => a + (n ?? 0), 0);
    };
    for (const newCode of ['02647', '02683']) {
      const olds = table.filter((r) => r.new_code === newCode).map((r) => r.old_code);
      const before = (await Promise.all(olds.map((c) => total(c, '2025-06-30')))).reduce((a, n) => a + n, 0);
      expect(before).toBeGreaterThan(0);
      expect(await total(newCode, ON)).toBe(before);
    }
  });

  it('counts the new Lào Cai 01/03/2025 → 01/07/2025 through its predecessors: provinces 2 → 1, districts 18 → 0, communes 319 → 99', async () => {
    const res = await request(await signedInApp(db)).get('/api/summary?root=15&from=2025-03-01&to=2025-07-01');
    expect(res.status).toBe(200);
    const total = (kind: string, subtype: string | null = null) => res.body.rows.find((r: { kind: string; subtype: string | null }) => r.kind === kind && r.subtype === subtype);
    expect(total('province')).toMatchObject({ from: 2, to: 1 });
    expect(total('district')).toMatchObject({ from: 18, to: 0 });
    expect(total('commune')).toMatchObject({ from: 319, to: 99, reduced: 220, reducedPct: 69 });
    expect(total('commune', 'phuong')).toMatchObject({ from: 28, to: 10 });
    expect(total('commune', 'thi_tran')).toMatchObject({ from: 19, to: 0 });
    expect(total('commune', 'xa')).toMatchObject({ from: 272, to: 89 });
    expect(res.body.scope.before.unrecorded).toEqual([]);
  });

  it('says that Yên Bái is recorded from 01/03/2025 when a period reaches before it', async () => {
    const s = await summary(db, await resolveUnitRef(db, '15', [ON]), '2024-09-02', ON);
    expect(s.scope.before.unrecorded).toMatchObject([{ name: 'Tỉnh Yên Bái', from: '2025-03-01' }]);
    expect(s.rows.find((r) => r.kind === 'commune' && r.subtype === null)).toMatchObject({ from: 152, to: 99 });
  });

  it('still gives the 2024 headline figures of the old Lào Cai on 02/09/2024', async () => {
    const { rows } = await summary(db, await resolveUnitRef(db, '10', ['2024-09-02']), '2015-12-31', '2024-09-02');
    expect(rows.find((r) => r.kind === 'commune' && r.subtype === null)).toMatchObject({ from: 164, to: 152, reduced: 12 });
  });

  it('shows the same figures on /reports and /compare for the new Lào Cai', async () => {
    const app = await signedInApp(db);
    const csv = await request(app).get('/reports/summary.csv?root=15&from=2025-03-01&to=2025-07-01');
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/319[^\n]*99[^\n]*220/);
    const page = await request(app).get('/compare?root=15&from=2025-03-01&to=2025-07-01');
    expect(page.status).toBe(200);
    expect(page.text).toContain('319');
    // Code 15 named Yên Bái until the reform: the page offers that unit too.
    expect(page.text).toContain('cũng đã là mã của Tỉnh Yên Bái (01/03/2025 – 01/07/2025)');
  });

  it('measures a target of the old Lào Cai up to the day before its scope ended, not the units that went on elsewhere', async () => {
    const list = await targetsWithProgress(db, '2026-12-03');
    const staff = list.find((t) => t.target.metric === 'headcount')!;
    expect(staff.scopeEndedOn).toBe(ON);
    expect(staff.progress.at).toBe('2025-06-30');
    const before = await targetsWithProgress(db, '2025-06-30');
    expect(staff.progress.current).toBe(before.find((t) => t.target.id === staff.target.id)!.progress.current);
    const page = await request(await signedInApp(db)).get('/?at=2026-12-03');
    expect(page.text).toContain('kết thúc ngày 01/07/2025');
    // The districts of the old province on the baseline, each counted while it existed, named as they were then.
    expect(page.text).toContain('Huyện Bát Xát');
    expect(page.text).toContain('Thị xã Sa Pa');
    expect(page.text).toMatch(/Thị xã Sa Pa<\/a> <span class="muted">\(Huyện Sa Pa\)/); // the name at the period's end, the earlier one in brackets
    expect(page.text).toContain('Tỉnh Yên Bái: số liệu chỉ được ghi nhận từ ngày 01/03/2025');
  });

  it('gives the country comparison one row for the new province with its predecessors, and each new commune its origins', async () => {
    const app = await signedInApp(db);
    const country = await request(app).get('/reports/by-district.csv?root=&from=2025-03-01&to=2025-07-01');
    expect(country.status).toBe(200);
    const communes = country.text.split('\n').find((l) => l.startsWith('Tỉnh Lào Cai (← Tỉnh Lào Cai + Tỉnh Yên Bái)') && l.includes('319'));
    expect(communes).toMatch(/,319,99,220,/);
    const province = await request(app).get('/reports/by-district.csv?root=15&from=2025-03-01&to=2025-07-01');
    const phuong = province.text.split('\n').filter((l) => l.includes('Phường Lào Cai (← '));
    const n = table.filter((r) => r.new_code === '02647').length;
    expect(phuong.find((l) => l.includes(`,Xã,${n},1,${n - 1},`))).toBeDefined();
  });

  it('says why a unit is not there: the change that ended it and what it became', async () => {
    const app = await signedInApp(db);
    const again = await request(app).post('/api/changes').send({
      type: 'merge', effectiveOn: '2024-11-01', decision: { number: '1197/NQ-UBTVQH15' }, absorbed: [{ code: '02872' }], into: { code: '02839' },
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].message).toMatch(/^Xã Tà Chải \(02872\) không còn tồn tại vào ngày 01\/11\/2024: đã kết thúc từ ngày 01\/11\/2024, chuyển thành Thị trấn Bắc Hà \(02839\) theo thay đổi #\d+ \(1197\/NQ-UBTVQH15\)\.$/);
    const yenBai = await request(app).post('/api/changes').send({
      type: 'rename', effectiveOn: '2024-01-01', decision: { number: '1/QĐ-THỬ' }, unit: { id: (await findUnitIdByCode(db, '04603', ON))! }, name: 'Xã Tà Xi Láng',
    });
    expect(yenBai.body.errors[0].message).toContain('chưa tồn tại vào ngày 01/01/2024: đơn vị chỉ có từ ngày 01/03/2025');
  });

  it('makes the two provinces\' departments one (illustrative), staff following, after the 01/03/2025 reorganisation and the 178/2024 reductions', async () => {
    const [province] = await treeOn(db, ON, await resolveUnitRef(db, '15', [ON]), 1);
    const names = province.children.filter((c) => c.kind === 'agency' && /^(Sở|Thanh tra tỉnh|Văn phòng Ủy ban)/.test(c.name)).map((c) => c.name);
    expect(names.filter((n) => n === 'Sở Nội vụ')).toHaveLength(1);
    expect(names).toContain('Sở Nông nghiệp và Môi trường');
    expect(names).not.toContain('Sở Kế hoạch và Đầu tư');
    const merged = await db.selectFrom('changes').innerJoin('decisions', 'decisions.id', 'changes.decision_id')
      .select((eb) => eb.fn.countAll().as('n')).where('changes.type', '=', 'merge').where('changes.effective_on', '=', ON).executeTakeFirstOrThrow();
    expect(Number(merged.n)).toBe(14);
    const early = await db.selectFrom('staff_movements').select((eb) => eb.fn.sum<number>('delta').as('n')).where('decision', '=', '178/2024/NĐ-CP').executeTakeFirstOrThrow();
    expect(Number(early.n)).toBeLessThan(0);
    // Nobody is left on a department that ended: each Yên Bái department's staff went to its successor.
    const ended = await db.selectFrom('versions').select('unit_id').where('kind', '=', 'agency').where('valid_to', '=', ON)
      .where('unit_id', 'not in', (eb) => eb.selectFrom('versions').select('unit_id').where('valid_from', '=', ON)).execute();
    expect(ended.length).toBe(14);
    const left = headcountOn(await findMovements(db, ended.map((v) => v.unit_id)), ON);
    expect(Object.values(left).every((n) => n === 0)).toBe(true);
  });

  it('shows the figures in the XLSX report and on the dashboard for the new Lào Cai, with Yên Bái\'s note where the period reaches before its record', async () => {
    const app = await signedInApp(db);
    const res = await request(app).get('/reports.xlsx?root=15&from=2025-03-01&to=2025-07-01').buffer(true)
      .parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1).join('|') : ''));
    expect(rows.some((r) => /^Xã\|319\|99\|220\|69/.test(r) || /\|319\|99\|220\|69/.test(r))).toBe(true);
    const home = await request(app).get('/?province=15&from=2025-03-01&at=2025-07-01');
    expect(home.text).toMatch(/319 → 99/);
    expect(home.text).not.toContain('Tỉnh Yên Bái: số liệu chỉ được ghi nhận');
    const earlier = await request(app).get('/reports?root=15&from=2024-09-02&to=2025-07-01');
    expect(earlier.text).toContain('Tỉnh Yên Bái: ghi nhận từ 01/03/2025');
  });

  it('rebuilds exactly the stored versions and lineage from the events', async () => {
    const report = await rebuildProjection(db, { write: false });
    expect(report.failed).toBeNull();
    expect(report.differences).toEqual([]);
  });

  it('refuses the same reform a second time with the row the engine stopped at, and writes nothing', async () => {
    const before = await db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const run = importReform(db, {
      communes: readFileSync('seeds/data/lao-cai-2025-07-01-communes.csv'), at: '2025-07-01',
      decisions: { communes: { number: '1673/NQ-UBTVQH15' } }, who: { username: 'test' },
    }, (e) => e.code);
    const err = await run.catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).errors).toEqual([{ row: 2, column: 'old_code', message: 'UNIT_NOT_ALIVE' }]);
    const after = await db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
