import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { migrations } from '../../db/migrations/index.js';
import { openDatabase, type Db } from './connection.js';
import { migrateToLatest } from './migrate.js';
import { DatabaseFileError } from './sqlite-file.js';

const run = promisify(execFile);

/** What a PostgreSQL backup or restore reports, like the SQLite file's facts. */
export interface PostgresFacts {
  bytes: number;
  migrations: string[] | null;
  changes: number;
  voided: number;
  units: number;
}

/**
 * `pg_dump -Fc` of the database DATABASE_URL names, while the servers keep running (pg_dump reads
 * one snapshot). Written under a temporary name, checked by listing it with `pg_restore -l`, then
 * renamed: a backup that exists is a whole one.
 */
export async function backupPostgres(url: string, dest: string, opts: { force?: boolean } = {}): Promise<PostgresFacts & { file: string; ms: number }> {
  const started = performance.now();
  if (!existsSync(dirname(resolve(dest)))) throw new DatabaseFileError(`the folder ${dirname(resolve(dest))} does not exist`);
  if (existsSync(dest) && !opts.force) throw new DatabaseFileError(`${dest} already exists: choose another name, or pass --force to replace it`);
  const temp = `${dest}.partial-${process.pid}`;
  try {
    await tool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${temp}`, `--dbname=${url}`]);
    await tool('pg_restore', ['--list', temp]);
    renameSync(temp, dest);
  } finally {
    rmSync(temp, { force: true });
  }
  const db = openDatabase(url);
  try {
    return { ...(await facts(db)), bytes: statSync(dest).size, file: dest, ms: Math.round(performance.now() - started) };
  } finally {
    await db.destroy();
  }
}

/**
 * Puts a `pg_dump -Fc` backup in place of the database DATABASE_URL names, with the servers
 * stopped: the dump is restored into a fresh database beside it, checked (a database of this app,
 * no migration this version does not know) and migrated there; only then is the live database
 * renamed to `<name>_before_restore_<time>` and the fresh one renamed in. The account needs
 * CREATEDB; a managed service's point-in-time recovery is the other way back (README, "Deployment").
 */
export async function restorePostgres(url: string, backup: string, now = new Date()): Promise<PostgresFacts & { database: string; keptAs: string | null; migrated: string[]; ms: number }> {
  const started = performance.now();
  if (!existsSync(backup)) throw new DatabaseFileError(`there is no file at ${backup}`);
  try {
    await tool('pg_restore', ['--list', backup]);
  } catch {
    throw new DatabaseFileError(`${backup} is not a backup made by npm run backup on PostgreSQL (pg_dump -Fc)`);
  }
  const live = new URL(url);
  const name = decodeURIComponent(live.pathname.slice(1));
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const fresh = `${name}_restoring_${stamp}`.slice(0, 63);
  const keep = `${name}_before_restore_${stamp}`.slice(0, 63);
  const admin = await adminOf(live);
  try {
    await admin.query(`create database ${ident(fresh)}`);
    let migrated: string[] = [];
    try {
      const freshUrl = urlOf(live, fresh);
      await tool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${freshUrl}`, backup]);
      const db = openDatabase(freshUrl);
      try {
        const before = checked(backup, await facts(db));
        await migrateToLatest(db);
        const after = await facts(db);
        migrated = (after.migrations ?? []).filter((m) => !before.includes(m));
      } finally {
        await db.destroy();
      }
    } catch (err) {
      await admin.query(`drop database if exists ${ident(fresh)} with (force)`);
      throw err;
    }
    const others = await admin.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
    if (others.rows[0].n > 0) {
      await admin.query(`drop database if exists ${ident(fresh)} with (force)`);
      throw new DatabaseFileError(`${others.rows[0].n} connections are open on ${name}: stop the servers first`);
    }
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
    if (exists) await admin.query(`alter database ${ident(name)} rename to ${ident(keep)}`);
    await admin.query(`alter database ${ident(fresh)} rename to ${ident(name)}`);
    const db = openDatabase(url);
    try {
      return { ...(await facts(db)), bytes: statSync(backup).size, database: name, keptAs: exists ? keep : null, migrated, ms: Math.round(performance.now() - started) };
    } finally {
      await db.destroy();
    }
  } finally {
    await admin.end();
  }
}

function checked(file: string, f: PostgresFacts): string[] {
  if (f.migrations === null) throw new DatabaseFileError(`${file} is a PostgreSQL backup but not one of this app (no migrations table)`);
  const unknown = f.migrations.filter((m) => !(m in migrations));
  if (unknown.length > 0) throw new DatabaseFileError(`${file} comes from a newer version of the app (migrations unknown here: ${unknown.join(', ')}); upgrade the app first`);
  return f.migrations;
}

async function facts(db: Db): Promise<PostgresFacts> {
  const tables = new Set((await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name));
  if (!tables.has('kysely_migration')) return { bytes: 0, migrations: null, changes: 0, voided: 0, units: 0 };
  const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (tables.has('changes') ? Number((await query.execute(db)).rows[0].n) : 0);
  return {
    bytes: 0,
    migrations: names.rows.map((r) => r.name),
    changes: await count(sql<{ n: number }>`select count(*) as n from changes`),
    voided: await count(sql<{ n: number }>`select count(*) as n from changes where voided_at is not null`),
    units: await count(sql<{ n: number }>`select count(*) as n from units`),
  };
}

/** A connection to the server's maintenance database, from which another database can be created and renamed. */
async function adminOf(live: URL): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: urlOf(live, 'postgres') });
  await client.connect();
  return client;
}

function urlOf(live: URL, database: string): string {
  const u = new URL(live.toString());
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tool(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new DatabaseFileError(`${command} is not installed (Debian: apt-get install postgresql-client)`);
    throw new DatabaseFileError(`${command} failed: ${(e.stderr ?? e.message).trim().split('\n')[0]}`);
  }
}
