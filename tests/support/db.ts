import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** A fresh in-memory database built by the real migrator. */
export async function newTestDb(): Promise<Db> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  return db;
}
