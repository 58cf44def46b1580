import type { VersionFacts } from '../domain/country-versions.js';
import type { UnitId } from '../domain/tree.js';
import type { Executor } from './connection.js';
import { chunks } from './unit.repository.js';

const FACTS = ['id', 'unit_id as unitId', 'valid_from as validFrom', 'valid_to as validTo', 'name', 'code', 'kind', 'subtype', 'parent_id as parentId'] as const;

/** The versions after `afterId` in id order, `limit` at a time: the whole country read in pages. */
export async function findVersionFactsPage(db: Executor, afterId: number, limit: number): Promise<VersionFacts[]> {
  return (await db.selectFrom('versions').select(FACTS).where('id', '>', afterId).orderBy('id').limit(limit).execute()).map(toFacts);
}

export async function findVersionFactsOfUnits(db: Executor, ids: UnitId[]): Promise<VersionFacts[]> {
  const out: VersionFacts[] = [];
  for (const part of chunks(ids)) out.push(...(await db.selectFrom('versions').select(FACTS).where('unit_id', 'in', part).execute()).map(toFacts));
  return out;
}

/**
 * A literal with its fields always in one order: the driver's row objects are slow to read, and
 * the national comparison reads these 170,000 times per date.
 */
function toFacts(r: VersionFacts): VersionFacts {
  return { id: r.id, unitId: r.unitId, validFrom: intern(r.validFrom), validTo: r.validTo && intern(r.validTo), name: r.name, code: r.code, kind: intern(r.kind), subtype: intern(r.subtype), parentId: r.parentId };
}

const interned = new Map<string, string>();

/**
 * One string object per kind, subtype and date: counting by kind hashes a few strings, not 336,000,
 * and the country's few thousand dates are held once each, not 600,000 times.
 */
function intern(text: string): string {
  return interned.get(text) ?? interned.set(text, text).get(text)!;
}

/** The last entry of the versions journal and the oldest one it still keeps (0 and null when empty). */
export async function findJournalPosition(db: Executor): Promise<{ latest: number; oldest: number | null }> {
  const r = await db
    .selectFrom('versions_journal')
    .select((eb) => [eb.fn.max('seq').as('latest'), eb.fn.min('seq').as('oldest')])
    .executeTakeFirstOrThrow();
  return { latest: r.latest ?? 0, oldest: r.oldest };
}

/** The units whose versions were written after journal entry `seq`. */
export async function findJournalUnitsAfter(db: Executor, seq: number): Promise<UnitId[]> {
  const rows = await db.selectFrom('versions_journal').select('unit_id').distinct().where('seq', '>', seq).execute();
  return rows.map((r) => r.unit_id);
}
