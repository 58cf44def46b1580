import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { createApp, type AppState } from './web/app.js';
import { ensureAdministrator } from './services/account.service.js';
import { countryVersions } from './services/country-versions.service.js';
import { isEmpty, seedDemo } from '../seeds/index.js';

const port = Number(process.env.PORT ?? 3000);
/** Worker processes; SQLite in WAL mode lets them all read while one writes. */
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? 1));

/** Migrates and, on an empty database, loads the Lào Cai demo (unless SEED=none). */
async function prepare(): Promise<void> {
  const db = openDatabase();
  await migrateToLatest(db);
  if (process.env.SEED !== 'none' && (await isEmpty(db))) {
    console.log('empty database: loading the Lào Cai demo');
    const r = await seedDemo(db);
    console.log(`demo loaded: ${r.changes} changes`);
  }
  // Accounts (issue 8): a first administrator, its password printed this once (or ADMIN_PASSWORD).
  const admin = await ensureAdministrator(db, process.env.ADMIN_PASSWORD);
  if (admin?.password) console.log(`administrator created: sign in as "${admin.username}" with the one-time password ${admin.password} (shown only now; the first sign-in asks for a new one)`);
  else if (admin) console.log(`administrator created: sign in as "${admin.username}" with ADMIN_PASSWORD`);
  await db.destroy();
}

/** Listens at once (health answers 503 until ready) and stops cleanly on SIGTERM. */
async function serve(ready: Promise<void>): Promise<void> {
  const db = openDatabase();
  const state: AppState = { ready: false };
  const server = createApp(db, state).listen(port, () => {
    const address = server.address();
    console.log(`listening on http://localhost:${typeof address === 'object' && address ? address.port : port}`);
  });
  const shutdown = () => server.close(() => void db.destroy().then(() => process.exit(0)));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  await ready;
  state.ready = true;
  console.log('ready');
  // The national comparison reads every version once per process: done now, in pages, so that no user waits for it.
  countryVersions(db).catch((err) => console.error('could not read the versions into memory (the first national comparison will):', err));
}

async function main(): Promise<void> {
  // Every worker must sign session cookies with the same secret; forked workers inherit this.
  process.env.SESSION_SECRET ??= randomBytes(32).toString('hex');
  if (workers === 1) return serve(prepare());
  if (cluster.isPrimary) {
    await prepare();
    const forked = Array.from({ length: workers }, () => cluster.fork());
    const stop = () => {
      for (const w of forked) w.process.kill('SIGTERM');
      setTimeout(() => process.exit(0), 5000).unref();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
    return;
  }
  return serve(Promise.resolve());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
