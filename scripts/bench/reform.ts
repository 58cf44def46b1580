import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { recordChange, voidChange } from '../../src/services/change.service.js';
import { compareStructures } from '../../src/services/compare.service.js';
import { summary } from '../../src/services/query.service.js';
import { mark, writeDirectly, written } from './capture.js';
import { prepareReformBase, scratchCopy } from './dataset.js';
import { figure, timeOnce, timeRuns, type Figure } from './measure.js';
import { openRaw, scopeCountsQuery, treeQuery, type Raw } from './raw.js';
import { timeWrite, type Twins } from './writes.js';

const AT = '2025-07-01';
const FROM = '2025-03-01';
const BACKDATE = '2025-03-01';

interface ImportRun {
  ms: number;
  peakMb: number | null;
  stdout: string;
}

/** npm run import:reform on `file`, timed from spawn to exit; GNU time, when there is one, gives the peak RSS of the process that imported. */
function runImport(file: string, args: string[]): Promise<ImportRun> {
  const command = [process.execPath, 'node_modules/tsx/dist/cli.mjs', 'scripts/import-reform.ts', ...args];
  const [bin, ...rest] = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'peak-rss-kb %M', ...command] : command;
  const started = performance.now();
  const child = spawn(bin, rest, { env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: ['ignore', 'pipe', 'pipe'] });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => child.on('exit', (code) => {
    const ms = performance.now() - started;
    if (code !== 0) return reject(new Error(`import:reform exited with ${code}:\n${stdout}${stderr}`));
    const kb = /peak-rss-kb (\d+)/.exec(stderr)?.[1];
    resolve({ ms, peakMb: kb ? Math.round(Number(kb) / 1024) : null, stdout: stdout.trim() });
  }));
}

interface Consolidated {
  id: number;
  code: string;
  name: string;
  predecessors: number[];
}

/** The province the reform formed from the most predecessors (the largest scope to follow). */
function consolidated(raw: Raw): Consolidated {
  const reform = `from lineage l join changes c on c.id = l.change_id where c.effective_on = '${AT}' and c.voided_at is null`;
  const p = raw.prepare(`select v.unit_id as id, v.code, v.name from versions v
    where v.kind = 'province' and v.valid_from = '${AT}' and v.unit_id in (select l.to_unit_id ${reform})
    order by (select count(*) ${reform} and l.to_unit_id = v.unit_id) desc, v.unit_id limit 1`).get() as Omit<Consolidated, 'predecessors'>;
  return { ...p, predecessors: raw.prepare(`select l.from_unit_id ${reform} and l.to_unit_id = ?`).pluck().all(p.id) as number[] };
}

/** Communes of the province's predecessors that the reform took in, alive on the back-dating day. */
function constituents(raw: Raw, province: number, count: number): number[] {
  return raw.prepare(`select distinct l.from_unit_id from lineage l join changes c on c.id = l.change_id
    join versions t on t.unit_id = l.to_unit_id and t.parent_id = ? and t.kind = 'commune' and t.valid_from = '${AT}'
    join versions f on f.unit_id = l.from_unit_id and f.valid_from <= '${BACKDATE}' and (f.valid_to is null or f.valid_to > '${BACKDATE}')
    where c.effective_on = '${AT}' order by (l.from_unit_id * 7919) % 1000, l.from_unit_id limit ?`).pluck().all(province, count) as number[];
}

/**
 * The 2025 reform on the national scale: the country up to 30/06/2025 and its published tables
 * (cached); their import through the real CLI; then, on the reformed country, the summary and the
 * compare of the consolidated province with the most predecessors, and renames dated before the
 * reform of communes it took in (each replays the reform), each voided after.
 */
export async function benchReform(runs: number): Promise<Figure[]> {
  const base = await prepareReformBase();
  const file = scratchCopy(base.file, 'reform');
  const twin = openRaw(scratchCopy(base.file, 'reform-twin'));
  const probe = openRaw(file);
  const before = mark(probe);
  probe.close();
  console.error('importing the national reform (npm run import:reform)…');
  const run = await runImport(file, base.importArgs);
  const raw = openRaw(file);
  const rows = written(raw, before, AT);
  const [direct] = await timeOnce(() => writeDirectly(twin, rows));
  const db = openDatabase(`file:${file}`);
  try {
    const importFigure = figure('reform-import', `the national reform from its published tables: npm run import:reform, one run from spawn to exit`, [run.ms], [direct],
      'the same rows written by bare statements into a twin copy', { text: '≤ 60 s; peak RSS reported', ms: 60_000 },
      `${run.stdout.replace(/^recorded /, '')}; ${rows.versions.length} versions, ${rows.lineage.length} lineage rows written; peak RSS ${run.peakMb === null ? 'not measured (no /usr/bin/time)' : `${run.peakMb} MB (GNU time)`}`);
    const province = consolidated(raw);
    return [importFigure, ...(await readsOf(db, raw, province, runs)), ...(await backdated({ db, raw, twin }, province, Math.min(runs, 5)))];
  } finally {
    await db.destroy();
    raw.close();
    twin.close();
  }
}

async function readsOf(db: Db, raw: Raw, p: Consolidated, runs: number): Promise<Figure[]> {
  const where = `${p.name} (${p.code}), formed from ${p.predecessors.length} provinces`;
  const counts = scopeCountsQuery(raw);
  const tree = treeQuery(raw);
  let communes = '';
  const service = await timeRuns(runs, async () => {
    const c = (await summary(db, p.id, FROM, AT)).rows.find((r) => r.kind === 'commune' && r.subtype === null);
    communes = `communes ${c?.from} → ${c?.to}`;
  });
  const [cold] = await timeOnce(() => compareStructures(db, { from: FROM, to: AT, rootId: p.id }));
  return [
    figure('reform-summary', `summary of ${where}, ${FROM} → ${AT} (its predecessors counted on the earlier date)`, service,
      await timeRuns(runs, () => [counts(p.predecessors, FROM), counts([p.id], AT)]), 'the same recursive count SQL under the predecessors and the new province', { text: '≤ 50 ms', ms: 50 }, communes),
    figure('reform-compare', `compare of ${where}, ${FROM} → ${AT}, the country's versions in memory`,
      await timeRuns(runs, () => compareStructures(db, { from: FROM, to: AT, rootId: p.id }), 1),
      await timeRuns(runs, () => [...p.predecessors.map((x) => tree(x, FROM, 4)), tree(p.id, AT, 4)]),
      'the predecessors\' and the new province\'s subtrees by bare recursive SQL', { text: '≤ 200 ms', ms: 200 }, `first call, reading the country's versions: ${Math.round(cold)} ms`),
  ];
}

async function backdated(t: Twins, p: Consolidated, runs: number): Promise<Figure[]> {
  const rec = { s: [] as number[], b: [] as number[] };
  const del = { s: [] as number[], b: [] as number[] };
  for (const [i, unit] of constituents(t.raw, p.id, runs).entries()) {
    let changeId = 0;
    const [s1, b1] = await timeWrite(t, BACKDATE, async () => {
      changeId = (await recordChange(t.db, { type: 'rename', effectiveOn: BACKDATE, decision: { number: `${8500 + i}/NQ-UBTVQH15` }, unit: { id: unit }, name: `Xã Thử Nghiệm ${i + 1}` })).change.id;
      return [];
    });
    const [s2, b2] = await timeWrite(t, BACKDATE, async () => {
      await voidChange(t.db, changeId, 'bench', 'nhập nhầm (benchmark)');
      return [changeId];
    });
    rec.s.push(s1), rec.b.push(b1), del.s.push(s2), del.b.push(b2);
  }
  const what = `a rename dated ${BACKDATE} of a commune the reform took into ${p.name} (replays that province's reorganisation)`;
  return [
    figure('reform-backdated', `record ${what}`, rec.s, rec.b, 'the same rows written by bare statements', { text: '≤ 250 ms', ms: 250 }),
    figure('reform-void', 'void that rename (replay)', del.s, del.b, 'the same rows written by bare statements', { text: '≤ 250 ms', ms: 250 }),
  ];
}
