import type { Db } from '../../src/db/connection.js';
import { recordChange, voidChange } from '../../src/services/change.service.js';
import { mark, writeDirectly, written } from './capture.js';
import { figure, type Figure } from './measure.js';
import { BACKDATE, MERGE_DATE, type Picks } from './picks.js';
import type { Raw } from './raw.js';

export interface Twins {
  db: Db;
  raw: Raw;
  twin: Raw;
}

/**
 * Times one write through the service, then writes the same rows into the twin database directly
 * (the baseline), which keeps the two databases in step. Returns [service ms, baseline ms].
 */
export async function timeWrite(t: Twins, from: string, run: () => Promise<number[]>): Promise<[number, number]> {
  const m = mark(t.raw);
  const started = performance.now();
  const voided = await run();
  const service = performance.now() - started;
  const rows = written(t.raw, m, from, voided);
  const direct = performance.now();
  writeDirectly(t.twin, rows);
  return [service, performance.now() - direct];
}

/** Merges of three communes after the reform, each in another province. */
export async function benchMerge(t: Twins, p: Picks, runs: number, warmup = 2): Promise<Figure> {
  const service: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    const [into, ...absorbed] = p.mergeTriples[i].codes;
    const [s, b] = await timeWrite(t, MERGE_DATE, async () => {
      await recordChange(t.db, {
        type: 'merge', effectiveOn: MERGE_DATE, decision: { number: `${7000 + i}/NQ-UBTVQH15` }, absorbed: absorbed.map((code) => ({ code })), into: { code: into },
      });
      return [];
    });
    if (i >= warmup) service.push(s), baseline.push(b);
  }
  return figure('merge', `record a merge of three communes (${MERGE_DATE})`, service, baseline, 'the same rows written by bare statements', { text: '≤ 25 ms', ms: 25 });
}

/** Renames of communes years back (forcing a replay of what came after), each then voided. */
export async function benchBackdated(t: Twins, p: Picks, runs: number): Promise<Figure[]> {
  const rec = { s: [] as number[], b: [] as number[] };
  const del = { s: [] as number[], b: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const unit = p.backdated[i];
    let changeId = 0;
    const [s1, b1] = await timeWrite(t, BACKDATE, async () => {
      const r = await recordChange(t.db, { type: 'rename', effectiveOn: BACKDATE, decision: { number: `${8000 + i}/NQ-UBTVQH14` }, unit: { id: unit.id }, name: `Xã Thử Nghiệm ${i + 1}` });
      changeId = r.change.id;
      return [];
    });
    const [s2, b2] = await timeWrite(t, BACKDATE, async () => {
      await voidChange(t.db, changeId, 'bench', 'nhập nhầm (benchmark)');
      return [changeId];
    });
    rec.s.push(s1), rec.b.push(b1), del.s.push(s2), del.b.push(b2);
  }
  return [
    figure('backdated', `record a rename dated ${BACKDATE}, before later changes of the commune (replay)`, rec.s, rec.b, 'the same rows written by bare statements', { text: '≤ 250 ms', ms: 250 }),
    figure('void', 'void that rename (replay)', del.s, del.b, 'the same rows written by bare statements', { text: '≤ 250 ms', ms: 250 }),
  ];
}
