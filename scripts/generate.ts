import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dayBefore } from '../src/domain/dates.js';
import { assertEmpty, bulkLoad, type LoadProgress } from '../src/services/bulk-load.js';
import { describeCountry, generateCountry, toCsv, type ReformTables } from '../src/services/generate/index.js';
import { args, runTask } from './cli.js';
import { typedPath } from './file-task.js';

const USAGE = 'usage: npm run generate -- [--provinces N] [--seed N] [--out FILE] [--reform DIR]';

/**
 * npm run generate -- [--provinces 63] [--seed 1] [--out FILE] [--reform DIR]
 * Generates a synthetic country (see src/services/generate) and bulk-loads it into DATABASE_URL,
 * or into FILE with --out. Refuses a database that already holds changes. With --reform, the
 * history stops on 30/06/2025 and the reform is written to DIR as its published tables, to be
 * recorded with the import:reform command it prints.
 */
const { values } = args({ provinces: { type: 'string', default: '63' }, seed: { type: 'string', default: '1' }, out: { type: 'string' }, reform: { type: 'string' } });
const provinces = Number(values.provinces);
const seed = Number(values.seed);
if (!Number.isInteger(provinces) || !Number.isInteger(seed)) throw new Error(USAGE);
if (values.out) process.env.DATABASE_URL = `file:${values.out}`;
const reformDir = values.reform === undefined ? undefined : typedPath(values.reform as string);

await runTask(async (db) => {
  await assertEmpty(db);
  const started = performance.now();
  const country = generateCountry({ provinces, seed, reform: reformDir ? 'tables' : 'events' });
  const shape = describeCountry(country);
  console.error(`generated ${shape.units} units and ${shape.events} changes in ${seconds(performance.now() - started)}; loading…`);
  const report = await bulkLoad(db, country.events, { onProgress: progressBar });
  process.stderr.write('\n');
  console.log(`loaded ${report.changes} changes, ${report.units} units in ${report.chunks} transactions (${seconds(report.ms)}); total ${seconds(performance.now() - started)}`);
  console.log(`units alive on 30/06/2025: ${JSON.stringify(shape.before)}`);
  if (reformDir && country.tables) return writeTables(reformDir, country.tables);
  console.log(`units alive on 01/07/2025: ${JSON.stringify(shape.after)}`);
  console.log(`changes by type: ${JSON.stringify(shape.changes)}`);
});

/** The published tables of the reform, and the command that records them. */
function writeTables(dir: string, t: ReformTables): void {
  mkdirSync(dir, { recursive: true });
  const files = { units: `units-${dayBefore(t.at)}.csv`, provinces: `provinces-${t.at}.csv`, communes: `communes-${t.at}.csv` };
  for (const [key, name] of Object.entries(files)) writeFileSync(path.join(dir, name), toCsv(t[key as keyof typeof files]));
  const rows = t.communes.rows.map((r) => Object.fromEntries(t.communes.columns.map((c, i) => [c, r[i]])));
  const count = (f: (r: Record<string, string>) => boolean, key: string) => new Set(rows.filter(f).map((r) => r[key])).size;
  console.log(`wrote ${dir}: ${files.units} (${t.units.rows.length} rows), ${files.provinces} (${t.provinces.rows.length} → ${new Set(t.provinces.rows.map((r) => r[0])).size}), `
    + `${files.communes} (${rows.length} rows: ${count(() => true, 'old_code')} → ${count(() => true, 'new_code')}, ${rows.filter((r) => r.share === 'partial').length} partial rows `
    + `of ${count((r) => r.share === 'partial', 'old_code')} divided units, ${count((r) => Boolean(r.reissue), 'new_code')} reissued codes, ${count((r) => r.new_name.startsWith('Đặc khu'), 'new_code')} đặc khu)`);
  const file = (name: string) => {
    const relative = path.relative(process.env.INIT_CWD ?? process.cwd(), path.join(dir, name));
    return relative.startsWith('..') ? path.join(dir, name) : relative;
  };
  console.log(`record the reform with: npm run import:reform -- ${file(files.communes)} --provinces ${file(files.provinces)} --at ${t.at} `
    + `--province-decision ${t.decisions.provinces.number} --end-districts ${t.decisions.districts.number}`);
}

/** One line on stderr, redrawn in place. */
function progressBar(p: LoadProgress): void {
  const width = 30;
  const filled = Math.round((p.done / p.total) * width);
  const rate = Math.round(p.done / (p.ms / 1000));
  const pct = ((p.done / p.total) * 100).toFixed(1).padStart(5);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% ${p.done}/${p.total} changes, ${rate} changes/s `);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
