import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The national dataset (63 provinces, seed 1) lives in .cache (ignored by git), named by a hash of
 * everything that shapes it (migrations, domain, generator, loader), so a stale one is never used.
 * Benchmarks that write get a scratch copy; the cached file stays pristine.
 */
const CACHE_DIR = '.cache';
const SCRATCH_DIR = path.join(CACHE_DIR, 'scratch');
const INPUTS = ['db/migrations', 'src/domain', 'src/services/generate', 'src/services/bulk-load.ts', 'src/db/bulk.repository.ts', 'src/db/unit.repository.ts', 'scripts/generate.ts'];

export interface GenerateRun {
  ms: number;
  stdout: string;
}

function files(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).sort().flatMap((e) => files(path.join(p, e)));
}

export function datasetFile(): string {
  const hash = createHash('sha256');
  for (const f of INPUTS.flatMap(files)) hash.update(f).update(readFileSync(f));
  return path.join(CACHE_DIR, `national-seed1-${hash.digest('hex').slice(0, 12)}.sqlite`);
}

function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** `npm run generate -- --provinces 63 --seed 1 --out FILE [extra]` as a child process, timed from spawn to exit. */
export function runGenerate(out: string, extra: string[] = []): Promise<GenerateRun> {
  removeDb(out);
  const started = performance.now();
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/generate.ts', '--provinces', '63', '--seed', '1', '--out', out, ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code === 0) resolve({ ms: performance.now() - started, stdout });
      else reject(new Error(`generate exited with ${code}:\n${stdout}`));
    });
  });
}

/**
 * Generates the country once, timed. The output becomes the cached dataset when there is none for
 * the current sources; with `skip`, an existing cache is used and nothing is generated.
 */
export async function prepareDataset(skip: boolean): Promise<{ file: string; generated: GenerateRun | null }> {
  const file = datasetFile();
  if (skip && existsSync(file)) return { file, generated: null };
  const out = scratchFile('generated');
  console.error(`generating the national dataset (timed)${existsSync(file) ? '' : `; it becomes ${file}`}…`);
  const generated = await runGenerate(out);
  if (existsSync(file)) removeDb(out);
  else {
    for (const old of readdirSync(CACHE_DIR).filter((f) => /^national-seed1-.*\.sqlite$/.test(f))) removeDb(path.join(CACHE_DIR, old));
    renameSync(out, file);
  }
  return { file, generated };
}

export interface ReformBase {
  /** The country up to 30/06/2025 (`npm run generate -- --reform`). */
  file: string;
  /** Its published tables, and the import:reform arguments that record them. */
  tables: string;
  importArgs: string[];
}

/**
 * The national country without its reform, and the reform's published tables, cached beside the
 * main dataset under the same hash; generated (untimed) when missing.
 */
export async function prepareReformBase(): Promise<ReformBase> {
  const file = datasetFile().replace('national-seed1-', 'national-reform-seed1-');
  const tables = file.replace(/\.sqlite$/, '-tables');
  const argsFile = path.join(tables, 'import-args.json');
  if (!existsSync(file) || !existsSync(argsFile)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    for (const old of readdirSync(CACHE_DIR).filter((f) => f.startsWith('national-reform-seed1-'))) rmSync(path.join(CACHE_DIR, old), { recursive: true, force: true });
    console.error(`generating the national country up to 30/06/2025 and its reform tables; they become ${file}…`);
    const out = scratchFile('reform-base');
    const run = await runGenerate(out, ['--reform', path.resolve(tables)]);
    const command = /npm run import:reform -- (.*)$/m.exec(run.stdout)?.[1];
    if (!command) throw new Error(`generate --reform printed no import command:\n${run.stdout}`);
    writeFileSync(argsFile, JSON.stringify(command.split(' ')));
    renameSync(out, file);
  }
  return { file, tables, importArgs: JSON.parse(readFileSync(argsFile, 'utf8')) as string[] };
}

export function scratchFile(name: string): string {
  mkdirSync(SCRATCH_DIR, { recursive: true });
  const file = path.join(SCRATCH_DIR, `${name}.sqlite`);
  removeDb(file);
  return file;
}

/** A fresh copy of the dataset that a benchmark may write to. */
export function scratchCopy(dataset: string, name: string): string {
  const file = scratchFile(name);
  copyFileSync(dataset, file);
  return file;
}

export function removeScratch(): void {
  rmSync(SCRATCH_DIR, { recursive: true, force: true });
}
