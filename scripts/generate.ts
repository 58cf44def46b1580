import { assertEmpty, bulkLoad, type LoadProgress } from '../src/services/bulk-load.js';
import { describeCountry, generateCountry } from '../src/services/generate/index.js';
import { args, runTask } from './cli.js';

/**
 * npm run generate -- [--provinces 63] [--seed 1] [--out FILE]
 * Generates a synthetic country (see src/services/generate) and bulk-loads it into DATABASE_URL,
 * or into FILE with --out. Refuses a database that already holds changes.
 */
const { values } = args({ provinces: { type: 'string', default: '63' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } });
const provinces = Number(values.provinces);
const seed = Number(values.seed);
if (!Number.isInteger(provinces) || !Number.isInteger(seed)) throw new Error('usage: npm run generate -- [--provinces N] [--seed N] [--out FILE]');
if (values.out) process.env.DATABASE_URL = `file:${values.out}`;

await runTask(async (db) => {
  await assertEmpty(db);
  const started = performance.now();
  const country = generateCountry({ provinces, seed });
  const shape = describeCountry(country);
  console.error(`generated ${shape.units} units and ${shape.events} changes in ${seconds(performance.now() - started)}; loading…`);
  const report = await bulkLoad(db, country.events, { onProgress: progressBar });
  process.stderr.write('\n');
  console.log(`loaded ${report.changes} changes, ${report.units} units in ${report.chunks} transactions (${seconds(report.ms)}); total ${seconds(performance.now() - started)}`);
  console.log(`units alive on 30/06/2025: ${JSON.stringify(shape.before)}`);
  console.log(`units alive on 01/07/2025: ${JSON.stringify(shape.after)}`);
  console.log(`changes by type: ${JSON.stringify(shape.changes)}`);
});

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
