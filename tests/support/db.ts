import pg from 'pg';
import { isPostgresUrl, openDatabase, type Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * The database the suite runs on: SQLite in memory, or PostgreSQL when TEST_DATABASE_URL names a
 * server (an administrator's URL, e.g. postgres://postgres@127.0.0.1:55432/postgres). There each
 * test database is a copy of a migrated template made once per run (tests/global-setup.ts), and
 * is dropped when its file ends (tests/setup.ts).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const onPostgres = TEST_DATABASE_URL !== undefined && isPostgresUrl(TEST_DATABASE_URL);
export const TEMPLATE = 'tracker_test_template';
/** The template with the Lào Cai demo loaded, made once per PostgreSQL run (tests/global-setup.ts). */
export const DEMO_TEMPLATE = 'tracker_test_demo';
export const TEST_PREFIX = 'tracker_test_';

/** The same server's URL for another database. */
export function databaseUrlFor(name: string): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

let admin: pg.Client | undefined;
let made = 0;
export const createdDatabases: string[] = [];

/** An administrator's connection to the test server, for CREATE and DROP DATABASE. */
export async function adminClient(): Promise<pg.Client> {
  if (!admin) {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  }
  return admin;
}

/** A new, empty, migrated PostgreSQL database's URL (or a copy of another template). */
export async function newPostgresUrl(template = TEMPLATE): Promise<string> {
  const name = `${TEST_PREFIX}${process.pid}_${++made}`;
  await (await adminClient()).query(`create database ${name} template ${template}`);
  createdDatabases.push(name);
  return databaseUrlFor(name);
}

/** A fresh database built by the real migrator. */
export async function newTestDb(): Promise<Db> {
  if (onPostgres) return openDatabase(await newPostgresUrl());
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  return db;
}

/**
 * A fresh database holding the Lào Cai demo: seeded here on SQLite; on PostgreSQL a copy of the
 * demo template, seeded once per run by the same seedDemo (a few seconds instead of half a minute).
 */
export async function newDemoDb(): Promise<Db> {
  if (onPostgres) return openDatabase(await newPostgresUrl(DEMO_TEMPLATE));
  const db = await newTestDb();
  const { seedDemo } = await import('../../seeds/index.js');
  await seedDemo(db);
  return db;
}

/** Drops this file's databases (their connections, if any are left open, are ended). */
export async function dropCreatedDatabases(): Promise<void> {
  if (!admin) return;
  for (const name of createdDatabases.splice(0)) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  admin = undefined;
}

/** Row counts of every table of the application but `except`, on either database. */
export async function tableCounts(db: Db, except: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await db.introspection.getTables()) {
    if (t.isView || except.includes(t.name)) continue;
    const { n } = await db.selectFrom(t.name as 'units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t.name] = Number(n);
  }
  return out;
}
