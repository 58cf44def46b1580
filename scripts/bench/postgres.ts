import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { syncIdSequences } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { recordChange, voidChange } from '../../src/services/change.service.js';
import { compareCountry, forgetCountryAggregates } from '../../src/services/country-compare.service.js';
import { countryVersions } from '../../src/services/country-versions.service.js';
import { summary, treeOn } from '../../src/services/query.service.js';
import { FROM, TO, textExport } from './compare.js';
import { stats, timeRuns, type Stats } from './measure.js';
import { BACKDATE, MERGE_DATE, SUMMARY_FROM, SUMMARY_TO, TREE_DATE, type Picks } from './picks.js';
import type { Raw } from './raw.js';
import { startServer } from './server.js';

/** One figure measured on PostgreSQL, beside the SQLite figure of the same id. */
export interface PostgresFigure {
  id: string;
  operation: string;
  service: Stats;
  target: string;
  pass: boolean;
  note?: string;
}

export interface PostgresReport {
  url: string;
  copyMs: number;
  figures: PostgresFigure[];
  load?: { servers: number; requestsPerSecond: number; latencyP99: number; errors: number; target: string; pass: boolean };
}

/**
 * The national dataset copied from the SQLite file into an empty PostgreSQL database (migrated
 * first; every table in creation order, 5,000 rows per statement through json_populate_recordset),
 * then the issue's figures through the same services: a province's tree, the country's summary,
 * a merge, a back-dated rename and its void, the country comparison against GNU diff, and the tree
 * page under load on two app servers.
 */
export async function benchPostgres(url: string, raw: Raw, p: Picks, runs: number): Promise<PostgresReport> {
  const db = openDatabase(url);
  try {
    const copyMs = await copyInto(db, raw);
    const figures: PostgresFigure[] = [];
    const add = (id: string, operation: string, times: number[], target: string, limit: number, note?: string) => {
      const s = stats(times);
      figures.push({ id, operation, service: s, target, pass: s.median <= limit, note });
    };
    const province = p.province.id;
    add('tree', `tree of one province on ${TREE_DATE}, depth 2`, await timeRuns(runs, () => treeOn(db, TREE_DATE, province, 2)), '≤ 30 ms', 30);
    add('summary-province', `summary of one province, ${SUMMARY_FROM} → ${SUMMARY_TO}`, await timeRuns(runs, () => summary(db, province, SUMMARY_FROM, SUMMARY_TO)), '≤ 50 ms', 50);
    add('summary-country', `summary of the whole country, ${SUMMARY_FROM} → ${SUMMARY_TO}`, await timeRuns(runs, () => summary(db, null, SUMMARY_FROM, SUMMARY_TO)), '≤ 500 ms', 500);
    const merges: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const [into, ...absorbed] = p.mergeTriples[i].codes;
      const t = performance.now();
      await recordChange(db, { type: 'merge', effectiveOn: MERGE_DATE, decision: { number: `${7000 + i}/NQ-UBTVQH15` }, absorbed: absorbed.map((code) => ({ code })), into: { code: into } });
      if (i >= 2) merges.push(performance.now() - t);
    }
    add('merge', `record a merge of three communes (${MERGE_DATE})`, merges, '≤ 25 ms', 25);
    const recorded: number[] = [];
    const voided: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      let t = performance.now();
      const r = await recordChange(db, { type: 'rename', effectiveOn: BACKDATE, decision: { number: `${8000 + i}/NQ-UBTVQH14` }, unit: { id: p.backdated[i].id }, name: `Xã Thử Nghiệm ${i + 1}` });
      recorded.push(performance.now() - t);
      t = performance.now();
      await voidChange(db, r.change.id, 'bench', 'nhập nhầm (benchmark)');
      voided.push(performance.now() - t);
    }
    add('backdated', `rename a commune back-dated to ${BACKDATE} (replays what came after)`, recorded, '≤ 250 ms', 250);
    add('backdated-void', 'void that rename', voided, '≤ 250 ms', 250);
    await countryVersions(db);
    const n = Math.min(runs, 5);
    const country = await timeRuns(n, async () => {
      forgetCountryAggregates(db);
      await compareCountry(db, { from: FROM, to: TO });
    }, 1);
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-pg-'));
    try {
      const [a, b] = [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')];
      textExport(raw, FROM, a);
      textExport(raw, TO, b);
      const diff = stats(await timeRuns(n, () => spawnSync('diff', [a, b], { stdio: 'ignore' }), 1));
      const s = stats(country);
      figures.push({
        id: 'compare-country', operation: `compare the whole country, ${FROM} → ${TO}`, service: s, target: '≤ 3× GNU diff',
        pass: s.median <= 3 * diff.median, note: `GNU diff of the two text exports: ${diff.median} ms`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { url: url.replace(/\/\/[^@]*@/, '//…@'), copyMs, figures, load: await loadTwoServers(url, p) };
  } finally {
    await db.destroy();
  }
}

/** Tables in the order SQLite created them (parents before children); the journal fills itself through its trigger. */
async function copyInto(db: Db, raw: Raw): Promise<number> {
  const started = performance.now();
  await migrateToLatest(db);
  const { n } = await db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n) > 0) throw new Error('the PostgreSQL database for the benchmark must be empty (create a new one: createdb …)');
  const tables = (raw.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    and name not in ('versions_journal', 'sessions') order by rowid`).all() as { name: string }[]).map((t) => t.name);
  // Some tables are filled by the migrations themselves (the national standards): the dataset's rows replace them.
  for (const table of [...tables].reverse()) await sql`delete from ${sql.table(table)}`.execute(db);
  for (const table of tables) {
    const rows = raw.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
    console.error(`  copying ${rows.length} rows of ${table} into PostgreSQL…`);
    for (let i = 0; i < rows.length; i += 5000) {
      const json = JSON.stringify(rows.slice(i, i + 5000));
      await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(db);
    }
  }
  await syncIdSequences(db);
  await sql`analyze`.execute(db);
  return Math.round(performance.now() - started);
}

/** The tree page on two app servers on the one database, loaded together (autocannon -c 10 each, 10 s). */
async function loadTwoServers(url: string, p: Picks): Promise<PostgresReport['load']> {
  const first = await startServer(url, { WEB_CONCURRENCY: '1' });
  const second = await startServer(url, { WEB_CONCURRENCY: '1' }, first.account);
  try {
    const path = `/tree?province=${p.province.code}&at=${TREE_DATE}`;
    const run = (base: string, cookie: string, duration: number) => autocannon({ url: base + path, connections: 10, duration, headers: { cookie } });
    await Promise.all([run(first.base, first.auth.cookie, 3), run(second.base, second.auth.cookie, 3)]);
    const [a, b] = await Promise.all([run(first.base, first.auth.cookie, 10), run(second.base, second.auth.cookie, 10)]);
    const rps = Math.round(a.requests.average + b.requests.average);
    const errors = a.errors + a.non2xx + b.errors + b.non2xx;
    const p99 = Math.max(a.latency.p99, b.latency.p99);
    return { servers: 2, requestsPerSecond: rps, latencyP99: p99, errors, target: '≥ 300 req/s', pass: rps >= 300 && errors === 0 };
  } finally {
    await first.stop();
    await second.stop();
  }
}

/** The PostgreSQL figures as a Markdown table. */
export function postgresTable(r: PostgresReport): string {
  const lines = [
    `PostgreSQL (${r.url}); national dataset copied in ${(r.copyMs / 1000).toFixed(1)} s`, '',
    '| figure | operation | median ms | p95 ms | target | pass |', '|---|---|---:|---:|---|---|',
    ...r.figures.map((f) => `| ${f.id} | ${f.operation}${f.note ? ` (${f.note})` : ''} | ${f.service.median} | ${f.service.p95} | ${f.target} | ${f.pass ? 'yes' : 'NO'} |`),
  ];
  if (r.load) lines.push('', `- tree page, ${r.load.servers} app servers on one database: ${r.load.requestsPerSecond} req/s, p99 ${r.load.latencyP99} ms, ${r.load.errors} errors (target ${r.load.target}): ${r.load.pass ? 'yes' : 'NO'}`);
  return lines.join('\n');
}
