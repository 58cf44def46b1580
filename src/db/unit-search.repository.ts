import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { IsoDate } from '../domain/dates.js';
import type { Kind } from '../domain/kinds.js';
import type { UnitId } from '../domain/tree.js';
import type { Executor } from './connection.js';
import { dayBefore } from './dialect.js';

/** A unit as a picker shows it on a date, with its ancestors then. */
export interface ShownUnit {
  unitId: UnitId;
  name: string;
  code: string | null;
  kind: Kind;
  subtype: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  /** The ancestors on `pathOn`, nearest first, by their names then. */
  path: { id: UnitId; name: string }[];
  /** The date its path is read on: the date asked, or its last day if it ended before, or its first day if it began after. */
  pathOn: IsoDate;
  /** It carried the code asked for. */
  byCode: boolean;
  /** Found by a name it carried at another time than the date asked: that name. */
  otherName: string | null;
}

export type UnitFilter = { words: string[]; code: string | null } | { ids: UnitId[] };

/** Ancestors read through joins: deep enough for a service unit under a unit under an agency under a department of a province. */
const LEVELS = [1, 2, 3, 4, 5, 6];

const valid = (alias: string, date: RawBuilder<unknown>) =>
  sql<SqlBool>`${sql.ref(`${alias}.valid_from`)} <= ${date} and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${date})`;

/** A folded word at the start of a word of `text`: "5" finds "to dan pho so 5", not "so 15". */
const startsWord = (text: RawBuilder<unknown>, word: string) => {
  const w = word.replace(/[\\%_]/g, '\\$&');
  return sql<SqlBool>`(${text} like ${`${w}%`} escape '\\' or ${text} like ${`% ${w}%`} escape '\\')`;
};

const joinPath = (date: RawBuilder<unknown>) =>
  sql.join(LEVELS.map((i) => sql`left join versions ${sql.raw(`p${i}`)} on ${sql.ref(`p${i}.unit_id`)} = ${sql.ref(`${i === 1 ? 'v' : `p${i - 1}`}.parent_id`)} and ${valid(`p${i}`, date)}`), sql` `);
const pathColumns = sql.join(LEVELS.map((i) => sql`${sql.ref(`p${i}.unit_id`)} as ${sql.raw(`a${i}`)}, ${sql.ref(`p${i}.name`)} as ${sql.raw(`n${i}`)}`));
const pathText = sql.join([sql.ref('v.search_name'), ...LEVELS.map((i) => sql`coalesce(${sql.ref(`p${i}.search_name`)}, '')`)], sql` || ' ' || `);

/**
 * Units whose name on the date (or, ended or not yet, their last or first name) starts a word with
 * one of the words, with every word found in that name or an ancestor's on the date (or their last
 * or first day), or that carried the code; units alive on the date whose other names hold every
 * word; or the units `ids`. Each with its ancestors; ranking is the caller's.
 */
export async function findShownUnits(db: Executor, filter: UnitFilter, date: IsoDate): Promise<ShownUnit[]> {
  const d = sql`${date}`;
  const own = sql`v.search_name`;
  const code = 'ids' in filter ? null : filter.code;
  const chosen = 'ids' in filter
    ? sql<SqlBool>`v.unit_id in (${sql.join(filter.ids.length ? filter.ids : [0])})`
    : sql<SqlBool>`(${sql.join([...filter.words.map((w) => startsWord(own, w)), code === null ? sql`1 = 0` : sql`v.code = ${code}`], sql` or `)})`;
  const everyWord = 'ids' in filter ? sql`1 = 1` : sql.join([sql`1 = 1`, ...filter.words.map((w) => startsWord(pathText, w))], sql` and `);
  const byCode = code === null ? sql<SqlBool>`1 = 0` : sql<SqlBool>`v.code = ${code}`;
  // The version to show: valid on the date; else, for a unit not alive then, its last before or its first after.
  const pathOn = sql`case when v.valid_from > ${d} then v.valid_from when v.valid_to is null or v.valid_to > ${d} then ${d} else ${dayBefore(db, sql.ref('v.valid_to'))} end`;
  const notAlive = sql<SqlBool>`not exists (select 1 from versions x where x.unit_id = v.unit_id and ${valid('x', d)})`;
  const lastOrFirst = sql<SqlBool>`(v.valid_to <= ${d} and not exists (select 1 from versions y where y.unit_id = v.unit_id and y.valid_from >= v.valid_to and y.valid_from <= ${d}))
    or (v.valid_from > ${d} and not exists (select 1 from versions y where y.unit_id = v.unit_id and y.valid_from < v.valid_from))`;
  const shown = await sql<ShownRow>`
    select v.unit_id, v.name, v.code, v.kind, v.subtype, v.valid_from, v.valid_to, v.path_on, case when ${byCode} then 1 else 0 end as by_code, null as other_name, ${pathColumns}
    from (select v.*, ${pathOn} as path_on from versions v where ${chosen} and (${valid('v', d)} or (${notAlive} and (${lastOrFirst})))) v
    ${joinPath(sql`v.path_on`)}
    where ${byCode} or (${everyWord})`.execute(db);
  return [...shown.rows, ...(await findByOtherNames(db, filter, date))].map(toShownUnit);
}

/** Units alive on the date found by every word in a name they carried at another time (Phường Phố Mới, now Phường Lào Cai). */
async function findByOtherNames(db: Executor, filter: UnitFilter, date: IsoDate): Promise<ShownRow[]> {
  if ('ids' in filter || filter.words.length === 0) return [];
  const d = sql`${date}`;
  const { rows } = await sql<ShownRow>`
    select v.unit_id, v.name, v.code, v.kind, v.subtype, v.valid_from, v.valid_to, cast(${date} as text) as path_on, 0 as by_code, o.name as other_name, ${pathColumns}
    from versions o join versions v on v.unit_id = o.unit_id and ${valid('v', d)} and v.search_name <> o.search_name
    ${joinPath(d)}
    where not (${valid('o', d)}) and ${sql.join(filter.words.map((w) => startsWord(sql`o.search_name`, w)), sql` and `)}`.execute(db);
  return rows;
}

type ShownRow = {
  unit_id: number; name: string; code: string | null; kind: string; subtype: string; valid_from: string; valid_to: string | null;
  path_on: string; by_code: number; other_name: string | null;
} & Record<`a${number}`, number | null> & Record<`n${number}`, string | null>;

function toShownUnit(r: ShownRow): ShownUnit {
  const path = LEVELS.flatMap((i) => (r[`a${i}`] === null ? [] : [{ id: r[`a${i}`]!, name: r[`n${i}`]! }]));
  return {
    unitId: r.unit_id, name: r.name, code: r.code, kind: r.kind as Kind, subtype: r.subtype, validFrom: r.valid_from, validTo: r.valid_to,
    path, pathOn: r.path_on, byCode: r.by_code === 1, otherName: r.other_name,
  };
}

/** The units each of `ids` went into when it ended (lineage of changes not voided), with the date. */
export async function findSuccessorLinks(db: Executor, ids: UnitId[]): Promise<{ fromId: UnitId; toId: UnitId; effectiveOn: IsoDate; changeId: number }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('lineage')
    .innerJoin('changes', 'changes.id', 'lineage.change_id')
    .select(['lineage.from_unit_id', 'lineage.to_unit_id', 'changes.effective_on', 'changes.id'])
    .where('lineage.from_unit_id', 'in', ids)
    .whereRef('lineage.from_unit_id', '!=', 'lineage.to_unit_id')
    .where('changes.voided_at', 'is', null)
    .orderBy('changes.effective_on')
    .execute();
  return rows.map((r) => ({ fromId: r.from_unit_id, toId: r.to_unit_id, effectiveOn: r.effective_on, changeId: r.id }));
}
