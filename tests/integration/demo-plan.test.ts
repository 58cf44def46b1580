import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeds/index.js';
import type { Db } from '../../src/db/connection.js';
import { planSummary } from '../../src/services/plan-compare.service.js';
import { evaluateVersions } from '../../src/services/standard-evaluation.service.js';
import { newDemoDb, newTestDb } from '../support/db.js';

let db: Db;

describe('the demo’s illustrative plan', () => {
  beforeAll(async () => {
    db = await newDemoDb();
  });

  it('is submitted, labelled illustrative, and merges the villages of thị xã Sa Pa below half the household standard', async () => {
    const [row] = await db.selectFrom('plans').selectAll().execute();
    expect(row).toMatchObject({ status: 'submitted', base_on: '2025-03-01' });
    expect(row.name).toContain('(minh hoạ)');
    const s = await planSummary(db, row.id);
    expect(s.toBe.before.find((v) => v.unitId === s.plan.scopeUnitId)?.name).toBe('Thị xã Sa Pa');
    expect(s.transitions.map((t) => [t.action, t.toStatus])).toEqual([['create', 'draft'], ['submit', 'submitted']]);
    expect(s.proposals.map((p) => p.type)).toEqual(['merge', 'merge', 'merge', 'merge']);
    expect(s.toBe.results.every((r) => r.outcome)).toBe(true);
    const below = async (versions: typeof s.toBe.after, at: string) =>
      [...(await evaluateVersions(db, versions, at, 'tt-14-2018-50', 'village')).evaluations.values()].filter((e) => e.below).length;
    expect(await below(s.toBe.before, s.toBe.base)).toBe(6);
    expect(await below(s.toBe.after, s.toBe.date)).toBe(0);
    expect(s.counts.find((r) => r.kind === 'village' && r.subtype === null)).toMatchObject({ reduced: 4 });
  });

  it('is the same plan on every load', async () => {
    const other = await newTestDb();
    await seedDemo(other);
    const dump = async (d: Db) => JSON.stringify([
      await d.selectFrom('plans').selectAll().orderBy('id').execute(),
      await d.selectFrom('plan_proposals').selectAll().orderBy('id').execute(),
      await d.selectFrom('plan_transitions').selectAll().orderBy('id').execute(),
    ]);
    expect(await dump(other)).toBe(await dump(db));
  });
});
