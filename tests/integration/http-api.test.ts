import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../src/db/connection.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;

async function counts() {
  const n = async (t: 'versions' | 'changes' | 'units' | 'decisions') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { versions: await n('versions'), changes: await n('changes'), units: await n('units'), decisions: await n('decisions') };
}

const decision = { number: '12/NQ-HĐND', issuer: 'HĐND tỉnh Lào Cai', signedOn: '2024-12-10' };

describe('HTTP API on the demo', () => {
  beforeAll(async () => {
    db = await newDemoDb();
    app = await signedInApp(db);
  });

  it('answers health once ready, 503 before', async () => {
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    const starting = await signedInApp(db, { state: { ready: false } });
    expect((await request(starting).get('/healthz')).status).toBe(503);
    expect((await request(starting).get('/api/tree')).status).toBe(503);
  });

  it('serves the tree of a province on a date, to a depth, in Vietnamese order', async () => {
    const res = await request(app).get('/api/tree?at=2020-03-01&root=10&depth=2');
    expect(res.status).toBe(200);
    const [province] = res.body.nodes;
    expect(province).toMatchObject({ name: 'Tỉnh Lào Cai', code: '10' });
    const districts = province.children.filter((d: { kind: string }) => d.kind === 'district');
    expect(districts).toHaveLength(9);
    const communes = districts.flatMap((d: { children: { kind: string }[] }) => d.children.filter((c) => c.kind === 'commune'));
    expect(communes).toHaveLength(152);
    const names = districts.map((d: { name: string }) => d.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(names.slice(0, 4)).toEqual(['Huyện Bảo Thắng', 'Huyện Bảo Yên', 'Huyện Bát Xát', 'Huyện Bắc Hà']);
    const kinds = province.children.map((d: { kind: string }) => d.kind);
    expect(kinds.indexOf('agency')).toBeGreaterThan(kinds.lastIndexOf('district'));
    const shallow = await request(app).get('/api/tree?at=2020-03-01&root=10&depth=1');
    expect(shallow.body.nodes[0].children[0].children).toEqual([]);
    expect(shallow.body.nodes[0].children[0].childCount).toBeGreaterThan(0);
  });

  it('refuses an impossible date with a message in Vietnamese, or in English on request', async () => {
    const vi = await request(app).get('/api/tree?at=2023-02-29');
    expect(vi.status).toBe(422);
    expect(vi.body.errors[0]).toMatchObject({ path: 'at', message: expect.stringContaining('Ngày không hợp lệ') });
    const en = await request(app).get('/api/tree?at=2023-02-29&lang=en');
    expect(en.body.errors[0].message).toContain('Not a valid date');
    const header = await request(app).get('/api/tree?at=2023-13-01').set('Accept-Language', 'en-GB,en;q=0.9');
    expect(header.body.errors[0].message).toContain('Not a valid date');
  });

  it('finds units by code on a date, and a unit with its history and lineage by id', async () => {
    const byCode = await request(app).get('/api/units?code=02854&at=2020-03-01');
    expect(byCode.body.units).toHaveLength(1);
    const id = byCode.body.units[0].id;
    expect(byCode.body.units[0].name).toBe('Xã Tả Củ Tỷ');
    const unit = await request(app).get(`/api/units/${id}`);
    expect(unit.status).toBe(200);
    expect(unit.body.versions.map((v: { validFrom: string }) => v.validFrom)).toEqual(['2015-01-01', '2020-03-01']);
    expect(unit.body.changes.map((c: { decision: string }) => c.decision)).toContain('896/NQ-UBTVQH14');
    expect(unit.body.predecessors.map((p: { name: string }) => p.name)).toEqual(['Xã Bản Già']);
    expect((await request(app).get('/api/units/999999')).status).toBe(404);
    expect((await request(app).get('/api/units/abc')).status).toBe(422);
  });

  it('lists the changes between two dates under a root', async () => {
    const res = await request(app).get('/api/changes?from=2020-01-01&to=2020-12-31&root=10');
    expect(res.status).toBe(200);
    const real = res.body.changes.filter((c: { decision: string }) => c.decision === '896/NQ-UBTVQH14');
    expect(real).toHaveLength(11);
    expect(new Set(real.map((c: { type: string }) => c.type))).toEqual(new Set(['merge', 'transfer', 'reclassify']));
    const district = await request(app).get('/api/changes?from=2020-03-01&to=2020-03-01&root=084');
    expect(district.body.changes.map((c: { type: string }) => c.type)).toEqual(['merge', 'merge', 'reclassify']);
    const none = await request(app).get('/api/changes?from=2025-01-01&to=2025-02-28&root=10');
    expect(none.body.changes).toEqual([]);
    const reform = await request(app).get('/api/changes?from=2025-06-30&to=2025-07-01&root=10');
    // The reform's three decisions, and the 14 illustrative merges of Yên Bái's departments into Lào Cai's.
    const decisions = reform.body.changes.map((c: { decision: string }) => c.decision);
    expect(decisions).toEqual(expect.arrayContaining(['202/2025/QH15', '1673/NQ-UBTVQH15', '72/2025/QH15']));
    expect(decisions).toHaveLength(17);
  });

  it('summarises a root between two dates', async () => {
    const res = await request(app).get('/api/summary?root=10&from=2019-12-01&to=2024-11-01');
    expect(res.status).toBe(200);
    expect(res.body.rows).toContainEqual({ kind: 'commune', subtype: null, from: 162, to: 151, reduced: 11, reducedPct: 6.8 });
    expect(res.body.rows).toContainEqual({ kind: 'commune', subtype: 'thi_tran', from: 8, to: 9, reduced: -1, reducedPct: -12.5 });
    expect((await request(app).get('/api/summary?root=10&from=2019-12-01')).status).toBe(422);
    expect((await request(app).get('/api/summary?root=99&from=2019-12-01&to=2024-11-01')).status).toBe(404);
  });

  it('records a change of each type and answers 201 with its effects', async () => {
    const post = (body: object) => request(app).post('/api/changes').send({ decision, ...body });
    const est = await post({
      type: 'establish', effectiveOn: '2025-01-01',
      units: [{ name: 'Thôn Nậm Cang', kind: 'village', subtype: 'thon', parent: { code: '02854' }, figures: { households: 90 } },
        { name: 'Thôn Sín Chải', kind: 'village', subtype: 'thon', parent: { code: '02854' }, figures: { households: 60 } }],
    });
    expect(est.status).toBe(201);
    expect(est.headers.location).toBe(`/api/changes/${est.body.change.id}`);
    const [nc, sc] = est.body.effects.created.map((u: { id: number }) => u.id);
    const ok = async (body: object) => {
      const res = await post(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    expect((await ok({ type: 'merge', effectiveOn: '2025-02-01', absorbed: [{ id: sc }], into: { id: nc } })).effects.ended[0].id).toBe(sc);
    expect((await ok({ type: 'rename', effectiveOn: '2025-03-01', unit: { code: '02854' }, name: 'Xã Tả Củ Tỷ Mới' })).effects.changed[0].name).toBe('Xã Tả Củ Tỷ Mới');
    await ok({ type: 'reclassify', effectiveOn: '2025-03-01', unit: { code: '02857' }, subtype: 'thi_tran', name: 'Thị trấn Lùng Cải' });
    await ok({ type: 'amend', effectiveOn: '2025-03-01', unit: { code: '02854' }, figures: { areaKm2: 61.2, population: 4100 } });
    await ok({ type: 'transfer', effectiveOn: '2025-04-01', unit: { id: nc }, toParent: { code: '02857' } });
    await ok({ type: 'transfer', effectiveOn: '2025-04-01', from: { code: '02857' }, to: { code: '02854' }, children: [{ id: nc }], figures: { areaKm2: 1.5 } });
    const sep = await ok({ type: 'separate', effectiveOn: '2025-05-01', unit: { code: '02854' }, parts: [{ name: 'Xã Tả Thàng', code: '02999', figures: { areaKm2: 20, population: 1000 } }] });
    const split = await ok({ type: 'split', effectiveOn: '2025-06-01', unit: { code: '02999' }, into: [{ name: 'Xã Tả Thàng Bắc', code: '03901' }, { name: 'Xã Tả Thàng Nam', code: '03902' }] });
    expect(split.effects.created).toHaveLength(2);
    const cons = await ok({ type: 'consolidate', effectiveOn: '2025-07-01', units: [{ code: '03901' }, { code: '03902' }], result: { name: 'Xã Tả Thàng', code: '03901' } });
    expect(cons.effects.created[0].code).toBe('03901');
    await ok({ type: 'dissolve', effectiveOn: '2025-08-01', unit: { id: nc }, childrenTo: null });
    expect(sep.effects.created[0].name).toBe('Xã Tả Thàng');
  });

  it('answers 422 for invalid input and 409 for a refused change, writing nothing', async () => {
    const before = await counts();
    const invalid = await request(app).post('/api/changes').send({ type: 'merge', effectiveOn: '2025-02-30', decision, absorbed: [], into: { code: '02854' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['absorbed', 'effectiveOn']);
    const unknown = await request(app).post('/api/changes').send({ type: 'rename', effectiveOn: '2025-02-01', decision, unit: { code: '77777' }, name: 'X' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'unit', message: expect.stringContaining('77777') });
    const refused = await request(app).post('/api/changes').send({
      type: 'establish', effectiveOn: '2025-02-01', decision: { number: '99/QĐ-UBND' },
      units: [{ name: 'Thôn Lạc', kind: 'village', subtype: 'thon', parent: { code: '083' } }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('PARENT_KIND');
    const taken = await request(app).post('/api/changes').send({
      type: 'establish', effectiveOn: '2025-02-01', decision, units: [{ name: 'Xã Trùng', code: '02845', kind: 'commune', subtype: 'xa', parent: { code: '083' } }],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].message).toContain('Xã Bản Già (02845)');
    const bad = await request(app).post('/api/changes').set('Content-Type', 'application/json').send('{"type":');
    expect(bad.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('refuses a back-dated change that a later one depends on, naming the later change', async () => {
    const later = await request(app).post('/api/changes').send({ type: 'rename', effectiveOn: '2024-12-01', decision, unit: { code: '02692' }, name: 'Xã A Lù Mới' });
    expect(later.status).toBe(201);
    const before = await counts();
    const res = await request(app).post('/api/changes?lang=en').send({
      type: 'merge', effectiveOn: '2024-06-01', decision, absorbed: [{ code: '02692' }], into: { code: '02686' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ rule: 'REPLAY_CONFLICT', conflictingChange: later.body.change.id });
    expect(res.body.errors[0].message).toContain(`#${later.body.change.id}`);
    expect(await counts()).toEqual(before);
  });

  it('voids a change with a reason, replays, and keeps it in the register', async () => {
    const res = await request(app).post('/api/changes').send({ type: 'rename', effectiveOn: '2024-12-15', decision, unit: { code: '02686' }, name: 'Xã A Mú Sung Mới' });
    const id = res.body.change.id;
    const voided = await request(app).post(`/api/changes/${id}/void`).send({ reason: 'nhập nhầm', by: 'Nguyễn Văn A' });
    expect(voided.status).toBe(200);
    // The signed-in user is recorded, never a name in the body.
    expect(voided.body.change.voided).toMatchObject({ by: 'admin-test', reason: 'nhập nhầm' });
    const unit = await request(app).get('/api/units?code=02686&at=2025-01-01');
    expect(unit.body.units[0].name).toBe('Xã A Mú Sung');
    expect((await request(app).post(`/api/changes/${id}/void`).send({ reason: 'again' })).status).toBe(409);
    expect((await request(app).post(`/api/changes/${id}/void`).send({})).status).toBe(422);
    expect((await request(app).post('/api/changes/999999/void').send({ reason: 'x' })).status).toBe(404);
    const register = await request(app).get('/api/changes?from=2024-12-15&to=2024-12-15&includeVoided=true');
    expect(register.body.changes.find((c: { id: number }) => c.id === id).voided.reason).toBe('nhập nhầm');
  });

  it('answers unknown API paths with JSON 404 and unknown pages with an HTML 404', async () => {
    const api = await request(app).get('/api/nope');
    expect(api.status).toBe(404);
    expect(api.body.errors).toHaveLength(1);
    const page = await request(app).get('/nope');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Không tìm thấy trang này');
  });

  it('renders the home page with the province and its counts today', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Tỉnh Lào Cai');
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});
