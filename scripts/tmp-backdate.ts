import { copyFileSync, rmSync } from 'node:fs';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { recordChange, voidChange } from '../src/services/change.service.js';
copyFileSync('/tmp/nat.sqlite', '/tmp/nat-scratch.sqlite');
rmSync('/tmp/nat-scratch.sqlite-wal', { force: true }); rmSync('/tmp/nat-scratch.sqlite-shm', { force: true });
const db = openDatabase('file:/tmp/nat-scratch.sqlite');
await migrateToLatest(db);
// communes alive on 2018-06-01 that later changes write
const rows = await db.selectFrom('versions').innerJoin('change_units', 'change_units.unit_id', 'versions.unit_id').innerJoin('changes', 'changes.id', 'change_units.change_id')
  .select('versions.unit_id').distinct().where('versions.kind', '=', 'commune').where('versions.valid_from', '<=', '2018-06-01').where((eb) => eb.or([eb('versions.valid_to', 'is', null), eb('versions.valid_to', '>', '2018-06-01')]))
  .where('change_units.role', '=', 'v').where('changes.effective_on', '>', '2019-01-01').where('changes.type', '!=', 'dissolve').limit(5).execute();
for (const [i, r] of rows.entries()) {
  let t = performance.now();
  const rec = await recordChange(db, { type: 'rename', effectiveOn: '2018-06-01', decision: { number: `${9000 + i}/TEST` }, unit: { id: r.unit_id }, name: `Xã Thử ${i}` });
  const a = performance.now() - t;
  t = performance.now();
  await voidChange(db, rec.change.id, 'x', 'y');
  console.log(`unit ${r.unit_id}: record ${a.toFixed(0)} ms, void ${(performance.now() - t).toFixed(0)} ms`);
}
await db.destroy();
