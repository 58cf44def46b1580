import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode, findVersionOn } from '../../src/db/unit.repository.js';
import { csrfOf as csrf, signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;

// Two of the new Lào Cai's communes rearranged on 01/01/2026: Hợp Thành takes Bát Xát's part, A Mú Sung the rest.
const TABLE = [
  '02680,Xã Hợp Thành,02680,full',
  '02680,Xã Hợp Thành,02683,partial',
  '02686,Xã A Mú Sung,02686,toàn bộ',
  '02686,Xã A Mú Sung,02683,một phần',
].join('\n');

const form = (token: string, over: Record<string, string> = {}) => ({
  _csrf: token, type: 'reorganise', effectiveOn: '2026-01-01', decisionNumber: '9/NQ-THỬ', table: TABLE, parent: '15', ...over,
});

async function session() {
  const agent = request.agent(app);
  const page = await agent.get('/changes/new?type=reorganise');
  return { agent, page, token: csrf(page.text) };
}

beforeAll(async () => {
  db = await newDemoDb();
  app = await signedInApp(db);
}, 120_000);

describe('the reorganisation form (sắp xếp)', () => {
  it('offers the table, the parent and the units that end', async () => {
    const { page } = await session();
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="table"');
    expect(page.text).toContain('Bảng sắp xếp');
    expect(page.text).toContain('name="dissolve"');
  });

  it('reports a bad line of the table beside it, keeping what was typed', async () => {
    const { agent, token } = await session();
    const res = await agent.post('/changes/preview').type('form').send(form(token, { table: `${TABLE}\n02686,Xã A Mú Sung,02701,nửa` }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('dòng 5, share');
    expect(res.text).toContain('02701,nửa');
  });

  it('previews and records the reorganisation: new units with whole and part lineage, the divided commune ended', async () => {
    const { agent, token } = await session();
    const preview = await agent.post('/changes/preview').type('form').send(form(token));
    expect(preview.status).toBe(200);
    const recorded = await agent.post('/changes').type('form').send(form(csrf(preview.text)));
    expect(recorded.status).toBe(303);
    const id = Number(/\/changes\/(\d+)/.exec(recorded.headers.location)![1]);
    const pairs = await db.selectFrom('lineage').select(['from_unit_id', 'to_unit_id', 'share']).where('change_id', '=', id).execute();
    const code = async (unit: number, on: string) => (await findVersionOn(db, unit, on))!.code;
    const described = await Promise.all(pairs.map(async (p) => `${await code(p.from_unit_id, '2025-12-31')}>${await code(p.to_unit_id, '2026-01-01')}:${p.share}`));
    expect(described.sort()).toEqual(['02680>02680:whole', '02683>02680:part', '02683>02686:part', '02686>02686:whole']);
    expect(await findUnitIdByCode(db, '02683', '2026-01-01')).toBeUndefined();
    const page = await agent.get(`/changes/${id}`);
    expect(page.text).toContain('một phần');
  });

  it('takes a reorganisation as a plan proposal and shows it in the to-be tree and the plan comparison', async () => {
    const agent = request.agent(app);
    const token = csrf((await agent.get('/plans/new')).text);
    const created = await agent.post('/plans').type('form').send({
      _csrf: token, name: 'Phương án sắp xếp xã (thử)', scope: '15', baseOn: '2026-06-01', author: 'Thử',
    });
    expect(created.status).toBe(303);
    const planId = Number(/\/plans\/(\d+)/.exec(created.headers.location)![1]);
    const form = await agent.get(`/plans/${planId}/proposals/new?type=reorganise`);
    expect(form.text).toContain('name="table"');
    const table = ['02695,Xã Trịnh Tường,02695,full', '02695,Xã Trịnh Tường,02701,partial', '02707,Xã Dền Sáng,02707,full', '02707,Xã Dền Sáng,02701,partial'].join('\n');
    const saved = await agent.post(`/plans/${planId}/proposals`).type('form').send({ _csrf: csrf(form.text), type: 'reorganise', table, parent: '15' });
    expect(saved.status).toBe(303);
    const plan = await agent.get(`/plans/${planId}`);
    expect(plan.text).not.toContain('proposal refused');
    const compare = await agent.get(`/plans/${planId}/compare`);
    expect(compare.status).toBe(200);
    expect(compare.text).toContain('Xã Y Tý');
  });
});
