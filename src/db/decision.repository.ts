import type { Executor } from './connection.js';
import type { DecisionRow } from './schema.js';
import { contains } from './like.js';

export interface Decision {
  id: number;
  number: string;
  issuer: string | null;
  signedOn: string | null;
  title: string | null;
}

export function toDecision(r: DecisionRow): Decision {
  return { id: r.id, number: r.number, issuer: r.issuer, signedOn: r.signed_on, title: r.title };
}

/**
 * The decision with this number and signing date (numbers restart each year), created with the
 * given details the first time it is cited. Without a date, the latest decision of that number.
 */
export async function findOrCreateDecision(trx: Executor, d: Omit<Decision, 'id'>): Promise<Decision> {
  let q = trx.selectFrom('decisions').selectAll().where('number', '=', d.number);
  if (d.signedOn) q = q.where('signed_on', '=', d.signedOn);
  const found = await q.orderBy('signed_on', (o) => o.desc().nullsLast()).executeTakeFirst();
  if (found) return toDecision(found);
  const row = await trx
    .insertInto('decisions')
    .values({ number: d.number, issuer: d.issuer, signed_on: d.signedOn, title: d.title })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDecision(row);
}

export async function findDecision(db: Executor, id: number): Promise<Decision | undefined> {
  const row = await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDecision(row);
}

export async function findDecisionsByIds(db: Executor, ids: number[]): Promise<Decision[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('decisions').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return rows.map(toDecision);
}

/** Decisions with how many live changes each ordered, newest first; `search` filters number and title. */
export async function listDecisions(db: Executor, search: string | null, limit: number, offset: number) {
  let q = db
    .selectFrom('decisions')
    .leftJoin('changes', (j) => j.onRef('changes.decision_id', '=', 'decisions.id').on('changes.voided_at', 'is', null))
    .selectAll('decisions')
    .select((eb) => eb.fn.count<number | string>('changes.id').as('changes'))
    .groupBy('decisions.id');
  if (search) q = q.where((eb) => eb.or([contains('decisions.number', search), contains('decisions.title', search)]));
  const rows = await q.orderBy('decisions.signed_on', (o) => o.desc().nullsLast()).orderBy('decisions.id', 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => ({ ...toDecision(r), changes: Number(r.changes) }));
}

/** Decisions by number, the latest signed of each number first: a report's legal basis names them by number. */
export async function findDecisionsByNumbers(db: Executor, numbers: string[]): Promise<Decision[]> {
  if (numbers.length === 0) return [];
  const rows = await db.selectFrom('decisions').selectAll().where('number', 'in', [...new Set(numbers)]).orderBy('signed_on', (o) => o.desc().nullsLast()).execute();
  return rows.map(toDecision);
}
