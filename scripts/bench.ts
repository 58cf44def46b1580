import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type Db } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { rebuildProjection } from '../src/services/rebuild.service.js';
import { prepareDataset, prepareReformBase, removeScratch, scratchCopy, scratchFile, type GenerateRun } from './bench/dataset.js';
import { figure, timeOnce, timeRuns, type Figure } from './bench/measure.js';
import { pick, type Picks } from './bench/picks.js';
import { copyAllRows, openRaw, rebuildReads, type Raw } from './bench/raw.js';
import { benchReads } from './bench/reads.js';
import { benchCompare } from './bench/compare.js';
import { machine, table, writeJson, type Report } from './bench/report.js';
import { benchPages } from './bench/pages.js';
import { benchReform } from './bench/reform.js';
import { benchServer } from './bench/server.js';
import { benchBackdated, benchMerge } from './bench/writes.js';
import { benchPostgres, postgresTable } from './bench/postgres.js';
import { args } from './cli.js';

/**
 * npm run bench [-- --out FILE] [--runs N] [--skip-generate] [--only reform|pages] [--database postgres://…]
 * Runs on the national dataset (generated once, cached in .cache) and prints a table of median
 * and p95 times beside a bare-SQL baseline and the targets; writes the same as JSON. The 2025
 * reform is measured on its own dataset (the country up to 30/06/2025 and its published tables,
 * also cached); `--only reform` measures nothing else, `--only pages` only the pages on the real
 * server and the tree page under load. `--database postgres://…/EMPTY_DB` copies the
 * national dataset into that (empty) PostgreSQL database and measures the PostgreSQL column there.
 */
const { values } = args({
  out: { type: 'string', default: 'bench-results/bench.json' }, runs: { type: 'string', default: '20' },
  'skip-generate': { type: 'boolean', default: false }, only: { type: 'string' }, database: { type: 'string' },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || (values.only !== undefined && values.only !== 'reform' && values.only !== 'pages')) {
  throw new Error('usage: npm run bench -- [--out FILE] [--runs N] [--skip-generate] [--only reform|pages] [--database postgres://…]');
}

function datasetFacts(raw: Raw, file: string): Report['dataset'] {
  const count = (sql: string) => raw.prepare(sql).pluck().get() as number;
  return {
    file, sizeMb: Math.round(statSync(file).size / 1e6), units: count('select count(*) from units'), versions: count('select count(*) from versions'),
    changes: count('select count(*) from changes'), decisions: count('select count(*) from decisions'),
  };
}

/** Generating and loading, against copying the same rows into an empty database with bare SQL. */
async function generateFigure(dataset: string, run: GenerateRun): Promise<Figure> {
  const file = scratchFile('copied');
  const db = openDatabase(`file:${file}`);
  await migrateToLatest(db);
  await db.destroy();
  const raw = openRaw(file);
  const [ms] = await timeOnce(() => copyAllRows(raw, dataset));
  raw.close();
  return figure('generate', 'generate the country (63 provinces, seed 1) and load it: npm run generate, one run', [run.ms], [ms],
    'INSERT … SELECT of every row into an empty migrated database', { text: '≤ 120 s', ms: 120_000 });
}

async function rebuildFigure(db: Db, raw: Raw): Promise<Figure> {
  const n = Math.min(runs, 3);
  let note = '';
  const service = await timeRuns(n, async () => {
    const r = await rebuildProjection(db, { write: false });
    note = `${r.changes} changes replayed, ${r.versions} versions, ${r.differences.length} differences${r.failed ? `, FAILED at change ${r.failed.changeId}` : ''}`;
  }, 0);
  const read = rebuildReads(raw);
  return figure('rebuild', 'rebuild every version from the events (db:rebuild --check)', service, await timeRuns(n, read, 0),
    'reading every live change and every version', { text: '≤ 60 s', ms: 60_000 }, note);
}

async function inProcess(dataset: string, picks: (raw: Raw) => Picks): Promise<[Figure[], Picks]> {
  const file = scratchCopy(dataset, 'service');
  const db = openDatabase(`file:${file}`);
  const raw = openRaw(file);
  const twin = openRaw(scratchCopy(dataset, 'twin'));
  try {
    const p = picks(raw);
    const reads = await benchReads(db, raw, p, runs);
    const compare = await benchCompare(db, raw, p, runs);
    const rebuild = await rebuildFigure(db, raw);
    const merge = await benchMerge({ db, raw, twin }, p, runs);
    const backdated = await benchBackdated({ db, raw, twin }, p, Math.min(runs, 5));
    return [[...reads, ...compare, merge, ...backdated, rebuild], p];
  } finally {
    await db.destroy();
    raw.close();
    twin.close();
  }
}

/** Only the reform's figures, on its own dataset. */
async function reformOnly(): Promise<Report> {
  const figures = await benchReform(runs);
  const base = await prepareReformBase();
  const facts = openRaw(base.file, { readonly: true });
  const report: Report = { when: new Date().toISOString(), machine: machine(), dataset: datasetFacts(facts, base.file), runs, figures };
  facts.close();
  return report;
}

/** Only the pages on the real server and the tree page under load (the cached dataset, generated if absent). */
async function pagesOnly(): Promise<Report> {
  const { file: dataset } = await prepareDataset(true);
  const raw = openRaw(dataset, { readonly: true });
  const report: Report = { when: new Date().toISOString(), machine: machine(), dataset: datasetFacts(raw, dataset), runs, figures: [] };
  const p = pick(raw, runs + 2);
  raw.close();
  console.error('timing the pages and loading the tree page…');
  const pages = await benchPages(scratchCopy(dataset, 'pages'), p, runs);
  return { ...report, figures: pages.figures, load: pages.load };
}

async function everything(): Promise<Report> {
  const { file: dataset, generated } = await prepareDataset(values['skip-generate'] as boolean);
  const facts = openRaw(dataset, { readonly: true });
  const report: Report = { when: new Date().toISOString(), machine: machine(), dataset: datasetFacts(facts, dataset), runs, figures: [] };
  facts.close();
  const [figures, p] = await inProcess(dataset, (raw) => pick(raw, runs + 2));
  if (generated) figures.push(await generateFigure(dataset, generated));
  figures.push(...(await benchReform(runs)));
  report.figures = figures;
  console.error('driving the real server…');
  report.server = await benchServer(scratchCopy(dataset, 'server'), p, runs);
  console.error('timing the pages and loading the tree page…');
  const pages = await benchPages(scratchCopy(dataset, 'pages'), p, runs);
  report.figures.push(...pages.figures);
  report.load = pages.load;
  return report;
}

if (values.database !== undefined) {
  const { file } = await prepareDataset(values['skip-generate'] as boolean);
  const raw = openRaw(file, { readonly: true });
  const r = await benchPostgres(values.database as string, raw, pick(raw, runs + 2), runs);
  raw.close();
  console.log(postgresTable(r));
  const out = (values.out as string).replace(/\.json$/, '-postgres.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ when: new Date().toISOString(), machine: machine(), runs, ...r }, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
  process.exit(0);
}

const report = values.only === 'reform' ? await reformOnly() : values.only === 'pages' ? await pagesOnly() : await everything();
removeScratch();
console.log(table(report));
if (values.only === undefined && !report.figures.some((f) => f.id === 'generate')) console.log('- generate: skipped (--skip-generate); run without it for that figure');
writeJson(values.out as string, report);
console.log(`\nwritten to ${values.out}`);
