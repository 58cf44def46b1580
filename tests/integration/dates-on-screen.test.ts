import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;
beforeAll(async () => {
  db = await newDemoDb();
  app = await signedInApp(db);
}, 120_000);

/**
 * The text a person reads: no tags, attributes, scripts or JSON islands (a date input's value is ISO by
 * HTML's rule), nor <code> (the audit trail quotes stored records verbatim).
 */
function visibleText(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ');
}

describe('dates on screen', () => {
  it('are written dd/mm/yyyy on every main page, never as ISO dates', async () => {
    const district = await findUnitIdByCode(db, '085', '2024-09-02');
    const change = (await request(app).get('/api/changes')).body.changes[0].id;
    const paths = [
      '/?at=2024-09-02', `/tree?at=2024-09-02&root=id:${district}`, `/units/${district}?at=2024-09-02`, '/changes', '/decisions',
      '/compare?root=10&from=2019-12-01&to=2024-11-01', '/plans', '/targets', '/staffing', '/standards', '/standards/candidates?root=10&at=2024-06-30',
      '/search?q=ta+chai', '/audit', '/changes/new?type=merge', `/changes/${change}`,
    ];
    const plan = (await request(app).get('/api/plans')).body.plans[0].id;
    paths.push(`/plans/${plan}`, `/plans/${plan}/tree`, `/plans/${plan}/compare`);
    const found: Record<string, string[]> = {};
    for (const path of paths) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      const iso = visibleText(res.text).match(/\b\d{4}-\d{2}-\d{2}\b/g);
      if (iso) found[path] = [...new Set(iso)].slice(0, 5);
    }
    expect(found).toEqual({});
  });
});
