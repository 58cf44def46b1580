import { describe, expect, it } from 'vitest';
import { findOrCreateDecision, listDecisions } from '../../src/db/decision.repository.js';
import { writeTransaction } from '../../src/db/write-transaction.js';
import { newTestDb, onPostgres } from '../support/db.js';

/** Issue 15, item 4: queries that SQLite and PostgreSQL answer differently unless told; each runs on both (npm test, npm run test:postgres). */
describe(`queries that mean the same on both databases (now ${onPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('finds decisions by number or title whatever the case of ASCII letters, and "%" and "_" literally', async () => {
    const db = await newTestDb();
    await writeTransaction(db, async (trx) => {
      await findOrCreateDecision(trx, { number: '25/NQ-HĐND', issuer: 'HĐND tỉnh Lào Cai', signedOn: '2025-12-01', title: 'Về việc sắp xếp, giảm 50% số thôn' });
      await findOrCreateDecision(trx, { number: '26/QĐ-UBND', issuer: null, signedOn: '2025-12-02', title: 'Về việc giảm 500 biên chế' });
    });
    const numbers = async (search: string) => (await listDecisions(db, search, 10, 0)).map((d) => d.number);
    expect(await numbers('nq-h')).toEqual(['25/NQ-HĐND']);
    expect(await numbers('25/nq-hĐnd')).toEqual(['25/NQ-HĐND']);
    expect(await numbers('UBND')).toEqual(['26/QĐ-UBND']);
    expect(await numbers('50%')).toEqual(['25/NQ-HĐND']);
    expect(await numbers('_')).toEqual([]);
    await db.destroy();
  });

  it('takes the latest signed decision of a number cited without a date, never one without a date (nulls last)', async () => {
    const db = await newTestDb();
    const found = await writeTransaction(db, async (trx) => {
      await findOrCreateDecision(trx, { number: '12/QĐ-UBND', issuer: null, signedOn: null, title: null });
      await findOrCreateDecision(trx, { number: '12/QĐ-UBND', issuer: null, signedOn: '2019-03-01', title: 'năm 2019' });
      await findOrCreateDecision(trx, { number: '12/QĐ-UBND', issuer: null, signedOn: '2024-05-02', title: 'năm 2024' });
      return findOrCreateDecision(trx, { number: '12/QĐ-UBND', issuer: null, signedOn: null, title: null });
    });
    expect(found.signedOn).toBe('2024-05-02');
    expect((await listDecisions(db, '12/', 10, 0)).map((d) => d.signedOn)).toEqual(['2024-05-02', '2019-03-01', null]);
    await db.destroy();
  });

  it('orders ISO dates as text on both, whatever the server’s locale', async () => {
    const db = await newTestDb();
    await writeTransaction(db, async (trx) => {
      for (const on of ['2025-07-01', '2024-12-31', '2025-06-30', '1999-01-01']) await findOrCreateDecision(trx, { number: `${on}/QĐ`, issuer: null, signedOn: on, title: null });
    });
    const rows = await db.selectFrom('decisions').select('signed_on').where('signed_on', '>=', '2024-12-31').orderBy('signed_on').execute();
    expect(rows.map((r) => r.signed_on)).toEqual(['2024-12-31', '2025-06-30', '2025-07-01']);
    await db.destroy();
  });
});
