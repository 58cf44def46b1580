import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connection.js';
import { addDays } from '../../src/domain/dates.js';
import type { ChangeRequest } from '../../src/services/change-request.js';
import { recordChange, recordChangeIn } from '../../src/services/change.service.js';

/**
 * A second process writing to a database through the real services, for the backup tests:
 * `node --import tsx tests/support/change-writer.ts FILE COMMITS [hold]`.
 * Records COMMITS changes one transaction each under Xã Bản Mế (90001) of the factories' small
 * province, printing `committed <id> <units created>` once each is committed; with `hold`, then
 * records changes inside one transaction that never ends (like a long import), printing
 * `pending <n> <bytes of the WAL>` after each, until it is killed.
 */
const [file, commits, hold] = process.argv.slice(2);
const db = openDatabase(`file:${file}`);
// A tiny page cache: the long transaction has to spill its uncommitted pages into the WAL.
await sql`pragma cache_size = 16`.execute(db);

const villages: number[] = [];

/** Village i is established on day i; every fourth change merges the last two into one. */
function request(i: number): ChangeRequest {
  const base = { effectiveOn: addDays('2020-01-01', i), decision: { number: `${i}/QĐ-GHI` }, recordedBy: 'writer' };
  if (i % 4 === 3 && villages.length >= 2) {
    const [into, absorbed] = villages.splice(-2);
    villages.push(into);
    return { ...base, type: 'merge', absorbed: [{ id: absorbed }], into: { id: into } };
  }
  return { ...base, type: 'establish', units: [{ name: `Thôn Số ${i}`, kind: 'village', subtype: 'thon', parent: { code: '90001' }, figures: { households: 50 + i } }] };
}

let i = 0;
for (; i < Number(commits); i++) {
  const r = await recordChange(db, request(i));
  villages.push(...r.outcome.created);
  console.log(`committed ${r.change.id} ${r.outcome.created.length}`);
}
if (hold === 'hold') {
  await db.transaction().execute(async (trx) => {
    for (let n = 1; ; n++, i++) {
      const r = await recordChangeIn(trx, request(i));
      villages.push(...r.outcome.created);
      console.log(`pending ${n} ${statSync(`${file}-wal`).size}`);
    }
  });
}
await db.destroy();
