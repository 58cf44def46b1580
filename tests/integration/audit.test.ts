import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { csrfOf, loginAgent, signedInApp, testApp } from '../support/auth.js';
import { TRANSITIONS } from '../../src/domain/plan.js';
import { actionText } from '../../src/web/admin/audit.handlers.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';

let db: Db;
let admin: Express;
let editor: Express;

const entries = () => db.selectFrom('audit_log').selectAll().orderBy('id').execute();
const last = async () => (await entries()).at(-1)!;

async function postForm(app: Express, path: string, fields: Record<string, string>) {
  const agent = request.agent(app);
  const page = await agent.get('/');
  return agent.post(path).type('form').send({ _csrf: csrfOf(page.text), ...fields });
}

beforeAll(async () => {
  db = await newTestDb();
  await smallProvince(db);
  admin = await signedInApp(db, { username: 'quan-tri' });
  editor = await signedInApp(db, { username: 'bien-tap', role: 'editor', scope: '901' });
});

describe('the audit trail', () => {
  it('records a change with who, when, from where, what and a summary of its effect; the change names its recorder', async () => {
    const res = await request(editor).post('/api/changes').send({ type: 'rename', effectiveOn: '2020-01-01', decision: { number: '5/QĐ-UBND' }, unit: { code: '90001' }, name: 'Xã Bản Mế Mới', recordedBy: 'người khác' });
    expect(res.status).toBe(201);
    expect(res.body.change.recordedBy).toBe('bien-tap');
    const e = await last();
    expect(e).toMatchObject({ username: 'bien-tap', action: 'change.record', entity: 'change', entity_id: String(res.body.change.id) });
    expect(e.address).toMatch(/127\.0\.0\.1/);
    expect(Date.now() - Date.parse(e.at)).toBeLessThan(60_000);
    expect(JSON.parse(e.after!)).toMatchObject({ type: 'rename', effectiveOn: '2020-01-01', decision: '5/QĐ-UBND' });
  });

  it('records a void from the page with the signed-in user (no name typed), before and after', async () => {
    const change = (await db.selectFrom('changes').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    const form = await request(editor).get(`/changes/${change}/void`);
    expect(form.text).not.toContain('name="by"');
    expect((await postForm(editor, `/changes/${change}/void`, { reason: 'nhập nhầm' })).status).toBe(303);
    expect((await db.selectFrom('changes').select('voided_by').where('id', '=', change).executeTakeFirstOrThrow()).voided_by).toBe('bien-tap');
    const e = await last();
    expect(e).toMatchObject({ username: 'bien-tap', action: 'change.void', entity_id: String(change) });
    expect(JSON.parse(e.before!)).toEqual({ voided: false });
    expect(JSON.parse(e.after!)).toEqual({ voided: true, reason: 'nhập nhầm' });
  });

  it('records staffing movements, quotas, imports and targets, and a user created', async () => {
    const before = (await entries()).length;
    expect((await postForm(editor, '/staffing/movements', { unit: '90001', category: 'cong_chuc', on: '2020-02-01', count: '4', reason: 'recruitment' })).status).toBe(303);
    expect((await request(editor).post('/api/staffing/quotas').send({ unit: '90001', category: 'cong_chuc', on: '2020-02-01', quota: 8, decision: '7/QĐ' })).status).toBe(201);
    expect((await postForm(editor, '/staffing/import', { csv: 'unit,category,on,count,reason\n90002,cong_chuc,2020-02-01,2,recruitment\n' })).status).toBe(303);
    const target = { name: 'Giảm xã', metric: 'units', kind: 'commune', scope: '901', baselineOn: '2019-06-01', deadlineOn: '2021-12-31', goal: 'reduce_by', goalValue: '1', legalSource: 'NQ' };
    expect((await postForm(editor, '/targets', target)).status).toBe(303);
    const id = (await db.selectFrom('targets').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    expect((await postForm(editor, `/targets/${id}`, { ...target, goalValue: '2' })).status).toBe(303);
    expect((await postForm(editor, `/targets/${id}/retirement`, { confirmed: 'yes' })).status).toBe(303);
    expect((await postForm(admin, '/admin/users', { username: 'nguoi-moi', password: 'mat-khau-du-dai', role: 'viewer' })).status).toBe(303);
    const added = (await entries()).slice(before);
    expect(added.map((e) => `${e.username} ${e.action}`)).toEqual([
      'bien-tap staffing.movement', 'bien-tap staffing.quota', 'bien-tap staffing.import',
      'bien-tap target.create', 'bien-tap target.update', 'bien-tap target.retire', 'quan-tri user.create',
    ]);
    const update = added.find((e) => e.action === 'target.update')!;
    expect([JSON.parse(update.before!).goalValue, JSON.parse(update.after!).goalValue]).toEqual([1, 2]);
    expect(added.at(-1)!.after).not.toContain('mat-khau');
  });

  it('records nothing for a refused write', async () => {
    const before = (await entries()).length;
    expect((await request(editor).post('/api/changes').send({ type: 'rename', effectiveOn: '2020-02-30', unit: { code: '90001' } })).status).toBe(422);
    expect((await request(editor).post('/api/changes').send({ type: 'rename', effectiveOn: '2020-01-01', decision: { number: '1' }, unit: { code: '90003' }, name: 'X' })).status).toBe(403);
    expect((await entries()).length).toBe(before);
  });

  it('records sign-ins', async () => {
    await loginAgent(testApp(db), 'bien-tap');
    expect(await last()).toMatchObject({ username: 'bien-tap', action: 'session.login' });
  });

  it('cannot be changed or deleted, even with SQL', async () => {
    await expect(sql`update audit_log set username = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});

describe('/audit', () => {
  it('lists entries newest first, filtered by user, entity, action and dates, with no way to edit or delete', async () => {
    const page = await request(admin).get('/audit');
    expect(page.status).toBe(200);
    expect(page.text).toContain('change.void');
    expect(page.text.indexOf('session.login')).toBeLessThan(page.text.indexOf('change.record'));
    expect(page.text.match(/<form method="post"/g)).toHaveLength(1); // signing out only
    const mine = await request(admin).get('/audit?username=quan-tri');
    expect(mine.text).toContain('user.create');
    expect(mine.text).not.toContain('change.void');
    const changes = await request(admin).get('/audit?entity=change&action=change.record');
    expect(changes.text).toContain('change.record');
    expect(changes.text).not.toContain('target.create');
    const today = new Date().toISOString().slice(0, 10);
    expect((await request(admin).get(`/audit?from=${today}&to=${today}`)).text).toContain('change.record');
    expect((await request(admin).get('/audit?to=2020-01-01')).text).not.toContain('change.record');
    expect((await request(admin).get('/audit?from=2020-02-30')).status).toBe(422);
  });

  it('names every action in words, with its code beside it for the filter', async () => {
    const page = await request(admin).get('/audit');
    expect(page.text).toMatch(/Đăng nhập <span class="muted small">session\.login<\/span>/);
    expect(page.text).toMatch(/Ghi nhận thay đổi <span class="muted small">change\.record<\/span>/);
    const logged = (await db.selectFrom('audit_log').select('action').distinct().execute()).map((r) => r.action);
    const plans = [...Object.keys(TRANSITIONS), 'create', 'update', 'rebase', 'enact', 'proposal.add', 'proposal.update', 'proposal.move', 'proposal.remove'].map((a) => `plan.${a}`);
    for (const a of [...logged, ...plans, 'standard.create', 'standard.edit', 'rule.create', 'rule.edit', 'unit.regions', 'import', 'user.change-password', 'user.reset-password']) expect(actionText(a, (vi) => vi), a).not.toBe(a);
    expect(actionText('something.new', (vi) => vi)).toBe('something.new');
  });

  it('exports the filtered trail as CSV', async () => {
    const res = await request(admin).get('/audit.csv?entity=target');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Người thực hiện');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l) => l.includes('bien-tap') && l.includes('target.'))).toBe(true);
  });
});
