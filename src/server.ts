import { openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { createApp, type AppState } from './web/app.js';
import { isEmpty, seedDemo } from '../seeds/index.js';

/** Starts listening at once (health answers 503 until ready), migrates, loads the demo on an empty database. */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const db = openDatabase();
  const state: AppState = { ready: false };
  const server = createApp(db, state).listen(port, () => {
    const address = server.address();
    console.log(`listening on http://localhost:${typeof address === 'object' && address ? address.port : port}`);
  });
  const shutdown = () => {
    console.log('shutting down');
    server.close(() => void db.destroy().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  await migrateToLatest(db);
  if (process.env.SEED !== 'none' && (await isEmpty(db))) {
    console.log('empty database: loading the Lào Cai demo');
    const r = await seedDemo(db);
    console.log(`demo loaded: ${r.changes} changes`);
  }
  state.ready = true;
  console.log('ready');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
