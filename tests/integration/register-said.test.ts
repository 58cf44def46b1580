import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { voidChange } from '../../src/services/change.service.js';
import { signedInApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { record, smallProvince } from '../support/factories.js';

/** The register says what each change did, names as they were, a voided change keeping its own words. */
let db: Db;
let app: Express;
let voidedId: number;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the register says what a change did', () => {
  beforeAll(async () => {
    db = await newTestDb();
    await smallProvince(db);
    app = await signedInApp(db);
    await record(db, { type: 'rename', effectiveOn: '2020-01-01', unit: { code: '90001' }, name: 'Xã Bản Mế Mới' });
    await record(db, { type: 'transfer', effectiveOn: '2020-02-01', unit: { code: '90002' }, toParent: { code: '902' } });
    await record(db, { type: 'reclassify', effectiveOn: '2020-03-01', unit: { code: '90003' }, subtype: 'thi_tran', name: 'Thị trấn Cán Cấu' });
    await record(db, { type: 'establish', effectiveOn: '2020-04-01', units: [{ name: 'Xã Lập Mới', code: '90009', kind: 'commune', subtype: 'xa', parent: { code: '901' } }] });
    const voided = await record(db, { type: 'rename', effectiveOn: '2020-05-01', unit: { code: '90001' }, name: 'Xã Tên Nhầm' });
    voidedId = voided.change.id;
    await voidChange(db, voidedId, 'test', 'ghi nhầm');
  });

  it('shows old → new name, from → to parent, type → type and the units established, by name', async () => {
    const page = text((await request(app).get('/changes?from=2020-01-01&to=2020-04-30')).text);
    expect(page).toContain('Xã Bản Mế : Xã Bản Mế → Xã Bản Mế Mới');
    expect(page).toContain('Xã Nàn Sán : Huyện Một → Huyện Hai');
    expect(page).toContain('Xã Cán Cấu : Xã → Thị trấn , Thị trấn Cán Cấu');
    expect(page).toContain('Thành lập: Xã Lập Mới (90009)');
  });

  it('keeps a voided rename\'s own description, not today\'s name', async () => {
    const page = text((await request(app).get('/changes?from=2020-05-01&to=2020-05-01')).text);
    expect(page).toContain('Xã Bản Mế Mới → Xã Tên Nhầm');
  });

  it('puts a refused void above the change, not on the reason field', async () => {
    const agent = request.agent(app);
    const page = await agent.get(`/changes/${voidedId}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent.post(`/changes/${voidedId}/void`).type('form').send({ _csrf: token, reason: 'lần hai' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Không thể huỷ');
    expect(res.text).not.toContain('id="reason-error"');
    expect(text(res.text)).toContain('Không thể huỷ: Thay đổi');
  });
});
