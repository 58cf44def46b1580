import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../src/db/connection.js';
import { signedInApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { record, smallProvince } from '../support/factories.js';
import { importChanges } from '../../src/services/import.service.js';

/** A closed code given again (the statistics office did in 2025): refused by default, recorded when the change says so. */
let db: Db;
let app: Express;
const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const decision = { number: '5/NQ-HĐND' };
const commune = (code: string, reissue?: string[]) => ({
  type: 'establish', effectiveOn: '2021-01-01', decision, ...(reissue ? { reissue } : {}),
  units: [{ name: 'Xã Mới', code, kind: 'commune', subtype: 'xa', parent: { code: '902' } }],
});

describe('reissued codes', () => {
  beforeAll(async () => {
    db = await newTestDb();
    const { c3 } = await smallProvince(db);
    await record(db, { type: 'dissolve', effectiveOn: '2020-01-01', unit: { id: c3 }, childrenTo: null });
    app = await signedInApp(db);
  });

  it('refuses a closed code by default, the message naming the acknowledgement, and writes nothing', async () => {
    const res = await request(app).post('/api/changes').send(commune('90003'));
    expect(res.status).toBe(409);
    expect(res.body.errors[0].message).toContain('Xã Cán Cấu (90003)');
    expect(res.body.errors[0].message).toContain('"reissue": ["90003"]');
    expect((await request(app).get('/api/changes?from=2021-01-01&to=2021-01-01')).body.changes).toHaveLength(0);
  });

  it('refuses to reissue a code a living unit holds, acknowledged or not', async () => {
    const res = await request(app).post('/api/changes').send(commune('90001', ['90001']));
    expect(res.status).toBe(409);
    expect(res.body.rule).toBe('CODE_TAKEN');
  });

  it('records the reissue when the change says so, and the register and the unit page show it', async () => {
    const res = await request(app).post('/api/changes').send(commune('90003', ['90003']));
    expect(res.status).toBe(201);
    const [change] = (await request(app).get('/api/changes?from=2021-01-01&to=2021-01-01')).body.changes;
    expect(change.input.reissue).toEqual(['90003']);
    const register = await request(app).get('/changes?from=2021-01-01&to=2021-01-01');
    expect(register.text).toContain('Cấp lại mã đã đóng: 90003');
    const unitId = change.input.units[0].id;
    expect((await request(app).get(`/units/${unitId}`)).text).toContain('Cấp lại mã đã đóng: 90003');
  });

  it('takes the acknowledgement from the form’s box, through the preview', async () => {
    await record(db, { type: 'dissolve', effectiveOn: '2021-06-01', unit: { code: '90001' }, childrenTo: null });
    const agent = request.agent(app);
    const page = await agent.get('/changes/new?type=amend');
    expect(page.text).toContain('Cấp lại mã đã đóng');
    const form = { type: 'amend', effectiveOn: '2022-01-01', decisionNumber: '6/QĐ-UBND', unit: '90002', code: '90001', _csrf: csrf(page.text) };
    const refused = await agent.post('/changes/preview').type('form').send(form);
    expect(refused.text).toContain('Cấp lại mã đã đóng');
    expect(refused.text).toMatch(/class="error"[^>]*>Mã 90001 đã thuộc về Xã Bản Mế/);
    const preview = await agent.post('/changes/preview').type('form').send({ ...form, reissue: '1', _csrf: csrf(refused.text) });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('name="reissue" value="1"');
    const done = await agent.post('/changes').type('form').send({ ...form, reissue: '1', _csrf: csrf(preview.text) });
    expect(done.status).toBe(303);
    const [amend] = (await request(app).get('/api/changes?from=2022-01-01&to=2022-01-01')).body.changes;
    expect(amend.input).toMatchObject({ type: 'amend', code: '90001', reissue: ['90001'] });
  });

  it('takes the acknowledgement from a changes CSV\'s reissue column', async () => {
    // 90002 is closed since Xã Nàn Sán took 90001 (above).
    const csv = (reissue: string) => [
      'change_ref,type,effective_date,decision,from_code,to_code,to_name,to_type,parent_code,reissue',
      `c1,establish,2023-01-01,7/QĐ-UBND,,90002,Xã Mới Lại,Xã,902,${reissue}`,
    ].join('\n');
    const refused = await importChanges(db, csv(''), (e) => e.code, { username: 'test' }).catch((e) => e);
    expect(refused.errors).toMatchObject([{ row: 2, message: 'CODE_TAKEN' }]);
    expect(await importChanges(db, csv('x'), (e) => e.code, { username: 'test' })).toEqual({ changes: 1 });
    const [change] = (await request(app).get('/api/changes?from=2023-01-01&to=2023-01-01')).body.changes;
    expect(change.input.reissue).toEqual(['90002']);
  });
});
