import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { databaseUrl, isPostgresUrl, oneAtATime, openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { createApp, type AppState } from './web/app.js';
import { ensureAdministrator } from './services/account.service.js';
import { countryVersions } from './services/country-versions.service.js';
import { isEmpty, seedDemo } from '../seeds/index.js';
import { logger } from './logger.js';
import { supervise } from './supervisor.js';
import { readConfig } from './config.js';

const config = readConfig();
const port = config.PORT;
const workers = config.WEB_CONCURRENCY;

/**
 * Migrates and, on an empty database, loads the Lào Cai demo (unless SEED=none); on PostgreSQL
 * one server at a time, so that servers starting together do it once.
 */
function prepare(): Promise<void> {
  return oneAtATime(databaseUrl(), prepareDatabase);
}

async function prepareDatabase(): Promise<void> {
  const db = openDatabase();
  await migrateToLatest(db);
  if (config.SEED !== 'none' && (await isEmpty(db))) {
    console.log('empty database: loading the Lào Cai demo');
    const r = await seedDemo(db);
    console.log(`demo loaded: ${r.changes} changes`);
  }
  // Accounts (issue 8): a first administrator, its password printed this once (or ADMIN_PASSWORD).
  const admin = await ensureAdministrator(db, config.ADMIN_PASSWORD);
  if (admin?.password) console.log(`administrator created: sign in as "${admin.username}" with the one-time password ${admin.password} (shown only now; the first sign-in asks for a new one)`);
  else if (admin) console.log(`administrator created: sign in as "${admin.username}" with ADMIN_PASSWORD`);
  await db.destroy();
}

/** Listens at once (health answers 503 until ready) and stops cleanly on SIGTERM. */
async function serve(ready: Promise<void>): Promise<void> {
  const db = openDatabase();
  const state: AppState = { ready: false };
  let listening!: () => void;
  const listened = new Promise<void>((resolve) => (listening = resolve));
  const server = createApp(db, state).listen(port, (err?: Error) => {
    // A port that is taken (or not ours) is fatal: a worker that cannot listen must not pretend to serve.
    if (err) {
      logger.fatal({ err, port }, 'cannot listen');
      process.exit(1);
    }
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log(`listening on http://localhost:${actual}`);
    logger.info({ port: actual }, 'listening');
    listening();
  });
  const shutdown = () => {
    logger.info('stopping: finishing the requests in progress');
    server.close(() => void db.destroy().then(() => process.exit(0)));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // "ready" means requests are answered: migrated and seeded, and listening.
  await Promise.all([ready, listened]);
  state.ready = true;
  console.log('ready');
  logger.info('ready');
  // The national comparison reads every version once per process: done now, in pages, so that no user waits for it.
  countryVersions(db).catch((err) => logger.warn({ err }, 'could not read the versions into memory (the first national comparison will)'));
}

async function main(): Promise<void> {
  // Every worker must sign session cookies with the same secret; forked workers inherit this. Servers
  // on one PostgreSQL database share sessions, so they must be given the same secret.
  if (isPostgresUrl(config.DATABASE_URL) && !config.SESSION_SECRET) {
    throw new Error('SESSION_SECRET must be set on PostgreSQL, the same on every server (for example: openssl rand -hex 32)');
  }
  // Written into the environment (not read from it) so that forked workers inherit the same one.
  process.env.SESSION_SECRET ??= randomBytes(32).toString('hex');
  if (workers === 1) return serve(prepare());
  if (cluster.isPrimary) {
    await prepare();
    return supervise(workers, logger);
  }
  return serve(Promise.resolve());
}

main().catch((err) => {
  console.error(err);
  logger.fatal({ err }, 'could not start');
  process.exit(1);
});
