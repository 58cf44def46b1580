import pg from 'pg';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../seeds/index.js';
import { databaseUrlFor, DEMO_TEMPLATE, onPostgres, TEMPLATE, TEST_DATABASE_URL, TEST_PREFIX } from './support/db.js';

/** On PostgreSQL: a migrated template and a demo template for the whole run, and no test database left behind. */
export async function setup(): Promise<() => Promise<void>> {
  if (!onPostgres) return async () => undefined;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await dropLeftovers(admin);
  await admin.query(`create database ${TEMPLATE}`);
  const db = openDatabase(databaseUrlFor(TEMPLATE));
  await migrateToLatest(db);
  await db.destroy();
  await admin.query(`create database ${DEMO_TEMPLATE} template ${TEMPLATE}`);
  const demo = openDatabase(databaseUrlFor(DEMO_TEMPLATE));
  await seedDemo(demo);
  await demo.destroy();
  await admin.end();
  return async () => {
    const again = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await again.connect();
    await dropLeftovers(again);
    await again.end();
  };
}

async function dropLeftovers(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like '${TEST_PREFIX}%' or datname in ('${TEMPLATE}', '${DEMO_TEMPLATE}')`);
  for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
}
