import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PostgresFacts } from '../src/db/postgres-backup.js';
import { DatabaseFileError, type FileFacts } from '../src/db/sqlite-file.js';
import { TaskError } from './cli.js';

/** FILE as meant where the command was typed: npm runs scripts in the project's folder and keeps that one in INIT_CWD. */
export function typedPath(file: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** An input file's bytes; a missing or unreadable one is a TaskError of one line ("cannot read PATH: ENOENT: …"). */
export function readInputFile(file: string): Buffer {
  const path = typedPath(file);
  try {
    return readFileSync(path);
  } catch (err) {
    // Node's message repeats the path after the reason ("…, open '/x/y.csv'").
    throw new TaskError(`cannot read ${path}: ${(err as Error).message.replace(/, \w+ '.*'$/, '')}`);
  }
}

/** Runs a backup or restore; a refusal is one line on stderr and exit code 1, never a stack trace. */
export async function runFileTask(usage: string, file: string | undefined, task: (file: string) => Promise<void>): Promise<void> {
  if (!file) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  try {
    await task(typedPath(file));
  } catch (err) {
    console.error(err instanceof DatabaseFileError ? `refused: ${err.message}` : err);
    process.exitCode = 1;
  }
}

export function describeFacts(f: FileFacts, ms: number): void {
  console.log(`  PRAGMA integrity_check: ${f.integrity}`);
  console.log(`  ${(f.bytes / 1024 / 1024).toFixed(1)} MB, ${f.pages} pages of ${f.pageSize} bytes`);
  console.log(`  ${f.changes} changes (${f.voided} voided), ${f.units} units, ${f.migrations?.length ?? 0} migrations`);
  console.log(`  in ${(ms / 1000).toFixed(1)} s`);
}

export function describePostgres(f: PostgresFacts, ms: number): void {
  console.log(`  ${(f.bytes / 1024 / 1024).toFixed(1)} MB dump`);
  console.log(`  ${f.changes} changes (${f.voided} voided), ${f.units} units, ${f.migrations?.length ?? 0} migrations`);
  console.log(`  in ${(ms / 1000).toFixed(1)} s`);
}
