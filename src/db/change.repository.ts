import type { ChangeInput } from '../domain/changes/index.js';
import type { Footprint, LineagePair } from '../domain/changes/index.js';
import type { IsoDate } from '../domain/dates.js';
import type { UnitId } from '../domain/tree.js';
import type { Executor } from './connection.js';
import type { ChangeRow } from './schema.js';
import { contains } from './like.js';

export interface StoredChange {
  id: number;
  type: string;
  effectiveOn: IsoDate;
  decisionId: number;
  input: ChangeInput;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
}

export function toStoredChange(r: ChangeRow): StoredChange {
  return {
    id: r.id, type: r.type, effectiveOn: r.effective_on, decisionId: r.decision_id, input: JSON.parse(r.payload),
    note: r.note, recordedAt: r.recorded_at, recordedBy: r.recorded_by,
    voidedAt: r.voided_at, voidedBy: r.voided_by, voidReason: r.void_reason,
  };
}

export async function insertChange(
  trx: Executor,
  c: { effectiveOn: IsoDate; decisionId: number; input: ChangeInput & { staff?: unknown }; note: string | null; recordedAt: string; recordedBy: string },
): Promise<number> {
  const row = await trx
    .insertInto('changes')
    .values({
      type: c.input.type, effective_on: c.effectiveOn, decision_id: c.decisionId, payload: JSON.stringify(c.input),
      note: c.note, recorded_at: c.recordedAt, recorded_by: c.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findChange(db: Executor, id: number): Promise<StoredChange | undefined> {
  const row = await db.selectFrom('changes').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStoredChange(row);
}

export async function markVoided(trx: Executor, id: number, by: string, reason: string, at: string): Promise<void> {
  await trx.updateTable('changes').set({ voided_at: at, voided_by: by, void_reason: reason }).where('id', '=', id).execute();
}

/** Back in force: the void's marks go (the audit trail keeps who voided it, when and why). */
export async function unmarkVoided(trx: Executor, id: number): Promise<void> {
  await trx.updateTable('changes').set({ voided_at: null, voided_by: null, void_reason: null }).where('id', '=', id).execute();
}

export interface Effects {
  changeId: number;
  footprint: Footprint;
  lineage: LineagePair[];
}

/** Replaces what each change touched and its lineage pairs (after it was applied or replayed). */
export async function saveEffects(trx: Executor, effects: Effects[]): Promise<void> {
  const ids = effects.map((e) => e.changeId);
  for (let i = 0; i < ids.length; i += 500) {
    await trx.deleteFrom('change_units').where('change_id', 'in', ids.slice(i, i + 500)).execute();
    await trx.deleteFrom('lineage').where('change_id', 'in', ids.slice(i, i + 500)).execute();
  }
  await insertEffects(trx, effects);
}

/** Effects in one comparable string: each role's units and the lineage pairs, sorted. */
export function effectsSignature(e: Effects): string {
  const sorted = (s: Iterable<UnitId>) => [...s].sort((a, b) => a - b).join(',');
  const pairs = [...new Set(e.lineage.map(([a, b, share]) => `${a}>${b}${share ? `:${share}` : ''}`))].sort().join(',');
  const f = e.footprint;
  return `${sorted(f.versions)}|${sorted(f.children)}|${sorted(f.readVersions)}|${sorted(f.readChildren)}|${pairs}`;
}

/** The signatures of the effects stored for these changes. */
export async function findEffectsSignatures(db: Executor, changeIds: number[]): Promise<Map<number, string>> {
  const effects = new Map<number, Effects>();
  const of = (id: number) => {
    let e = effects.get(id);
    if (!e) effects.set(id, (e = { changeId: id, footprint: { versions: new Set(), children: new Set(), readVersions: new Set(), readChildren: new Set() }, lineage: [] }));
    return e;
  };
  const role = { v: 'versions', c: 'children', p: 'readVersions', k: 'readChildren' } as const;
  for (const f of await findFootprints(db, changeIds)) of(f.changeId).footprint[role[f.role as keyof typeof role]].add(f.unitId);
  for (const l of await findLineageOfChanges(db, changeIds)) of(l.change_id).lineage.push(l.share === 'part' ? [l.from_unit_id, l.to_unit_id, 'part'] : [l.from_unit_id, l.to_unit_id]);
  return new Map([...effects].map(([id, e]) => [id, effectsSignature(e)]));
}

/** What each change touched (v, c, p, k) and its lineage pairs, for changes that have none stored. */
export async function insertEffects(trx: Executor, effects: Effects[]): Promise<void> {
  const touched = effects.flatMap(({ changeId: change_id, footprint: f }) => [
    ...[...f.versions].map((unit_id) => ({ change_id, unit_id, role: 'v' as const })),
    ...[...f.children].map((unit_id) => ({ change_id, unit_id, role: 'c' as const })),
    ...[...f.readVersions].map((unit_id) => ({ change_id, unit_id, role: 'p' as const })),
    ...[...f.readChildren].map((unit_id) => ({ change_id, unit_id, role: 'k' as const })),
  ]);
  for (let i = 0; i < touched.length; i += 5_000) await trx.insertInto('change_units').values(touched.slice(i, i + 5_000)).execute();
  const pairs = effects.flatMap(({ changeId, lineage }) => [
    ...new Map(lineage.map(([f, t, share]) => [`${f}>${t}`, { change_id: changeId, from_unit_id: f, to_unit_id: t, share: share ?? ('whole' as const) }])).values(),
  ]);
  for (let i = 0; i < pairs.length; i += 5_000) await trx.insertInto('lineage').values(pairs.slice(i, i + 5_000)).execute();
}

/**
 * Live changes from `date` on (that date included) that touch what a replay rewrites: they read or
 * write the versions of a unit in `versions`, or read the children of a unit in `children`.
 */
export async function findChangesTouching(
  db: Executor, date: IsoDate, versions: UnitId[], children: UnitId[], except: number[],
): Promise<{ id: number; effectiveOn: IsoDate }[]> {
  const found = new Map<number, IsoDate>();
  const query = async (units: UnitId[], roles: ('v' | 'p' | 'k')[]) => {
    for (let i = 0; i < units.length; i += 5_000) {
      const rows = await db
        .selectFrom('change_units')
        .innerJoin('changes', 'changes.id', 'change_units.change_id')
        .select(['changes.id', 'changes.effective_on'])
        .distinct()
        .where('change_units.unit_id', 'in', units.slice(i, i + 5_000))
        .where('change_units.role', 'in', roles)
        .where('changes.effective_on', '>=', date)
        .where('changes.voided_at', 'is', null)
        .execute();
      for (const r of rows) if (!except.includes(r.id)) found.set(r.id, r.effective_on);
    }
  };
  await query(versions, ['v', 'p']);
  await query(children, ['k']);
  return [...found].map(([id, effectiveOn]) => ({ id, effectiveOn }));
}

export async function findFootprints(db: Executor, changeIds: number[]): Promise<{ changeId: number; unitId: UnitId; role: string }[]> {
  const out = [];
  for (let i = 0; i < changeIds.length; i += 500) {
    const rows = await db.selectFrom('change_units').selectAll().where('change_id', 'in', changeIds.slice(i, i + 500)).execute();
    for (const r of rows) out.push({ changeId: r.change_id, unitId: r.unit_id, role: r.role });
  }
  return out;
}

export async function findChangesByIds(db: Executor, ids: number[]): Promise<StoredChange[]> {
  const out: StoredChange[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('changes').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute();
    out.push(...rows.map(toStoredChange));
  }
  return out.sort(byEventOrder);
}

/** Events apply in effective-date order, and in recording order within a day. */
export function byEventOrder(a: { effectiveOn: IsoDate; id: number }, b: { effectiveOn: IsoDate; id: number }): number {
  return a.effectiveOn === b.effectiveOn ? a.id - b.id : a.effectiveOn < b.effectiveOn ? -1 : 1;
}

export async function findLiveChangesInOrder(db: Executor): Promise<StoredChange[]> {
  const rows = await db.selectFrom('changes').selectAll().where('voided_at', 'is', null).orderBy('effective_on').orderBy('id').execute();
  return rows.map(toStoredChange);
}

export interface ChangeListItem extends StoredChange {
  decisionNumber: string;
}

export interface ChangeFilter {
  from?: IsoDate;
  to?: IsoDate;
  unitIds?: UnitId[];
  includeVoided?: boolean;
  type?: string;
  decision?: string;
  /** Only changes that wrote a unit of this kind. */
  kind?: string;
}

function filtered(db: Executor, f: ChangeFilter) {
  let q = db.selectFrom('changes').innerJoin('decisions', 'decisions.id', 'changes.decision_id');
  if (f.from) q = q.where('changes.effective_on', '>=', f.from);
  if (f.to) q = q.where('changes.effective_on', '<=', f.to);
  if (!f.includeVoided) q = q.where('changes.voided_at', 'is', null);
  if (f.type) q = q.where('changes.type', '=', f.type);
  if (f.decision) q = q.where(contains('decisions.number', f.decision));
  if (f.kind) {
    const kind = f.kind;
    q = q.where('changes.id', 'in', (eb) =>
      eb.selectFrom('change_units').innerJoin('versions', 'versions.unit_id', 'change_units.unit_id')
        .select('change_units.change_id').where('change_units.role', '=', 'v').where('versions.kind', '=', kind),
    );
  }
  if (f.unitIds) {
    const ids = f.unitIds;
    q = q.where('changes.id', 'in', (eb) =>
      eb.selectFrom('change_units').select('change_id').where('role', 'in', ['v', 'c']).where('unit_id', 'in', ids.length ? ids : [-1]),
    );
  }
  return q;
}

/** Changes effective in [from, to] matching the filter, in event order (or newest first), a page at a time. */
export async function listChanges(db: Executor, f: ChangeFilter, page?: { limit: number; offset: number; newestFirst: boolean }): Promise<ChangeListItem[]> {
  const dir = page?.newestFirst ? 'desc' : 'asc';
  let q = filtered(db, f).selectAll('changes').select('decisions.number').orderBy('changes.effective_on', dir).orderBy('changes.id', dir);
  if (page) q = q.limit(page.limit).offset(page.offset);
  return (await q.execute()).map((r) => ({ ...toStoredChange(r), decisionNumber: r.number }));
}

export async function countChanges(db: Executor, f: ChangeFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findChangesOfUnit(db: Executor, unitId: UnitId): Promise<ChangeListItem[]> {
  const rows = await db
    .selectFrom('changes')
    .innerJoin('decisions', 'decisions.id', 'changes.decision_id')
    .selectAll('changes')
    .select('decisions.number')
    .where('changes.id', 'in', (eb) => eb.selectFrom('change_units').select('change_id').where('unit_id', '=', unitId).where('role', '=', 'v'))
    .orderBy('changes.effective_on')
    .orderBy('changes.id')
    .execute();
  return rows.map((r) => ({ ...toStoredChange(r), decisionNumber: r.number }));
}

export async function findLineageOfUnit(db: Executor, unitId: UnitId) {
  return db
    .selectFrom('lineage')
    .innerJoin('changes', 'changes.id', 'lineage.change_id')
    .select(['lineage.change_id', 'lineage.from_unit_id', 'lineage.to_unit_id', 'lineage.share', 'changes.type', 'changes.effective_on'])
    .where((eb) => eb.or([eb('lineage.from_unit_id', '=', unitId), eb('lineage.to_unit_id', '=', unitId)]))
    .where('changes.voided_at', 'is', null)
    .whereRef('lineage.from_unit_id', '!=', 'lineage.to_unit_id')
    .execute();
}

export async function findChangesOfDecision(db: Executor, decisionId: number): Promise<StoredChange[]> {
  const rows = await db.selectFrom('changes').selectAll().where('decision_id', '=', decisionId).orderBy('effective_on').orderBy('id').execute();
  return rows.map(toStoredChange);
}

export async function findLineageOfChanges(db: Executor, changeIds: number[]) {
  const out = [];
  for (let i = 0; i < changeIds.length; i += 500) out.push(...(await db.selectFrom('lineage').selectAll().where('change_id', 'in', changeIds.slice(i, i + 500)).execute()));
  return out;
}

/**
 * A value that changes whenever a change is recorded or voided, whichever process or server made
 * it: what kept results are checked against. It is read from the database only (the number of
 * changes, the last one, and the versions journal's last entry, which every record and void
 * writes), never from a server's clock.
 */
export async function registerRevision(db: Executor): Promise<string> {
  const r = await db
    .selectFrom('changes')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('id').as('last'),
      eb.selectFrom('versions_journal').select((j) => j.fn.max('seq').as('s')).as('journal'),
    ])
    .executeTakeFirstOrThrow();
  return `${r.n}:${r.last ?? 0}:${r.journal ?? 0}`;
}
