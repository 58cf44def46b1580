import { rebuildProjection } from '../src/services/rebuild.service.js';
import { args, runTask } from './cli.js';

/** npm run db:rebuild [-- --check]: replays every event, reports differences, rewrites the projection. */
const { values } = args({ check: { type: 'boolean', default: false } });

await runTask(async (db) => {
  const r = await rebuildProjection(db, { write: !values.check });
  console.log(`${r.changes} live changes replayed → ${r.units} units, ${r.versions} versions in ${r.ms} ms`);
  if (r.failed) {
    console.error(`change #${r.failed.changeId} no longer applies (${r.failed.code}); the projection was left as it was`);
    process.exitCode = 1;
  }
  console.log(`${r.differences.length} unit(s) differ from the stored projection`);
  for (const d of r.differences.slice(0, 20)) console.log(`  unit ${d.unitId}: stored ${JSON.stringify(d.stored)} rebuilt ${JSON.stringify(d.rebuilt)}`);
  if (r.differences.length > 0) process.exitCode = 1;
  console.log(r.written ? 'projection rewritten from the events' : 'projection not written (--check)');
});
