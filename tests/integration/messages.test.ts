import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { voidChange } from '../../src/services/change.service.js';
import { csrfOf, signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';
import { record } from '../support/factories.js';

/**
 * Issue 16, point 5: each message gives the cause, in the user's words, in both languages — asserted
 * word for word as the page shows it (the picker's ended units: tests/integration/unit-picker.test.ts;
 * a plan's refused submission: tests/integration/http-plans.test.ts).
 */
let db: Db;
let app: Express;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#34;|&quot;/g, '"').replace(/\s+/g, ' ');
const errorOf = (html: string, field: string) => new RegExp(`<span class="error" id="f-${field}-error">([^<]*)</span>`).exec(html)?.[1];

/** Sends a change form as a browser does (CSRF token from the form page), in `lang`. */
async function sendForm(type: string, body: Record<string, string | string[]>, lang: 'vi' | 'en') {
  const agent = request.agent(app);
  const form = await agent.get(`/changes/new?type=${type}&lang=${lang}`);
  return agent.post(`/changes?lang=${lang}`).type('form').send({ _csrf: csrfOf(form.text), type, ...body });
}

describe('messages that give the cause, word for word in both languages', () => {
  beforeAll(async () => {
    db = await newDemoDb();
    app = await signedInApp(db);
  });

  it('recording the 2024 Tà Chải merger again names the change that already merged it, its decision and what it became', async () => {
    const body = { effectiveOn: '2024-11-01', decisionNumber: '1197/NQ-UBTVQH15', absorbed: '02872', into: '02839' };
    const vi = await sendForm('merge', body, 'vi');
    expect(vi.status).toBe(409);
    expect(errorOf(vi.text, 'absorbed')).toMatch(/^Xã Tà Chải \(02872\) không còn tồn tại vào ngày 01\/11\/2024: đã kết thúc từ ngày 01\/11\/2024, chuyển thành Thị trấn Bắc Hà \(02839\) theo thay đổi #\d+ \(1197\/NQ-UBTVQH15\)\.$/);
    const en = await sendForm('merge', body, 'en');
    expect(errorOf(en.text, 'absorbed')).toMatch(/^Xã Tà Chải \(02872\) no longer exists on 01\/11\/2024: it ended on 01\/11\/2024, becoming Thị trấn Bắc Hà \(02839\) by change #\d+ \(1197\/NQ-UBTVQH15\)\.$/);
  });

  it('reports every bad field at once, each beside its field, the input kept', async () => {
    const body = { effectiveOn: '2024-02-30', decisionNumber: '', unit: '02872', name: '' };
    const vi = await sendForm('rename', body, 'vi');
    expect(vi.status).toBe(422);
    expect([errorOf(vi.text, 'effectiveOn'), errorOf(vi.text, 'decisionNumber'), errorOf(vi.text, 'name')]).toEqual([
      'Ngày không hợp lệ (định dạng YYYY-MM-DD, ngày có thật).', 'Trường này là bắt buộc.', 'Trường này là bắt buộc.',
    ]);
    expect(vi.text).toContain('value="2024-02-30"');
    const en = await sendForm('rename', body, 'en');
    expect([errorOf(en.text, 'effectiveOn'), errorOf(en.text, 'decisionNumber'), errorOf(en.text, 'name')]).toEqual([
      'Not a valid date (YYYY-MM-DD, a real calendar date).', 'This field is required.', 'This field is required.',
    ]);
  });

  it('keeps reversed compare dates in the form and says which comes first', async () => {
    const vi = await request(app).get('/compare?from=2021-01-01&to=2020-03-01');
    expect(vi.status).toBe(422);
    expect(errorOf(vi.text, 'to')).toBe('“Đến ngày” phải bằng hoặc sau “Từ ngày”.');
    expect(vi.text).toContain('value="2021-01-01"');
    expect(vi.text).toContain('value="2020-03-01"');
    const en = await request(app).get('/compare?from=2021-01-01&to=2020-03-01&lang=en');
    expect(errorOf(en.text, 'to')).toBe('“To” must be on or after “From”.');
  });

  it('puts a refused void above the change, in the words of the action, not on the reason field', async () => {
    const r = await record(db, { type: 'rename', effectiveOn: '2024-12-01', unit: { code: '02839' }, name: 'Thị trấn Bắc Hà Mới' });
    await voidChange(db, r.change.id, 'test', 'ghi nhầm');
    for (const [lang, words] of [['vi', `Không thể huỷ: Thay đổi số ${r.change.id} đã bị huỷ trước đó.`], ['en', `Not voided: Change #${r.change.id} was already voided.`]]) {
      const agent = request.agent(app);
      const page = await agent.get(`/changes/${r.change.id}?lang=${lang}`);
      const res = await agent.post(`/changes/${r.change.id}/void?lang=${lang}`).type('form').send({ _csrf: csrfOf(page.text), reason: 'lần hai' });
      expect(res.status).toBe(409);
      expect(text(/<p class="flash error" role="alert">[\s\S]*?<\/p>/.exec(res.text)![0]).trim()).toBe(words);
      expect(res.text).not.toContain('id="reason-error"');
    }
  });
});
