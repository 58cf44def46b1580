import type { IsoDate } from '../domain/dates.js';
import { firstSorted, foldName, matchTier, searchWords } from '../domain/search.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { findShownUnits, findSuccessorLinks, type ShownUnit } from '../db/unit-search.repository.js';
import { countChildrenByKind, findSubtreeOn, findUnitIdByCode } from '../db/unit.repository.js';
import { dayBefore } from '../domain/dates.js';
import { KIND_ORDER } from './query.service.js';

/** A unit offered by the picker on a date: alive then, or ended before it (with what it became), or not yet established. */
export interface PickedUnit extends ShownUnit {
  state: 'alive' | 'ended' | 'not_yet';
  /** The units it went into when it ended, by their names on the date asked. */
  successors: { id: UnitId; name: string }[];
}

const collator = new Intl.Collator('vi', { numeric: true });
const STATE_ORDER = { alive: 0, not_yet: 1, ended: 2 };

/**
 * Units for the picker: every word of `q` must start a word of the unit's name or
 * of an ancestor's name on the date ("so 5 kim tan"); an official code or `id:N` finds its unit.
 * Best first (exact names, then whole words, then word starts, then other names the unit carried;
 * alive before ended; higher levels first; names in Vietnamese numeric order, then the path),
 * `limit` from `offset`, and how many matched.
 */
export async function pickUnits(db: Db, q: string, at: IsoDate, page: { offset: number; limit: number }): Promise<{ total: number; units: PickedUnit[] }> {
  const byId = /^id:(\d+)$/i.exec(q.trim());
  const words = searchWords(q);
  if (!byId && words.join(' ').length < 2) return { total: 0, units: [] };
  const code = /^\d{2,5}$/.test(q.trim()) ? q.trim() : null;
  const found = await findShownUnits(db, byId ? { ids: [Number(byId[1])] } : { words, code }, at);
  const best = new Map<UnitId, { u: ShownUnit; tier: number }>();
  for (const u of found) {
    const tier = u.byCode || byId ? -1 : tierOf(u, words);
    if (tier !== undefined && tier < (best.get(u.unitId)?.tier ?? Infinity)) best.set(u.unitId, { u, tier });
  }
  const ranked = firstSorted([...best.values()], page.offset + page.limit, byRank(at));
  const units = await withStanding(db, ranked.slice(page.offset).map((r) => r.u), at);
  return { total: best.size, units };
}

/**
 * The units directly under `parentId` on `at` (the top level when null), for picking from the
 * tree: higher levels first, names in Vietnamese numeric order, `limit` from `offset`, each with
 * how many units it has under it.
 */
export async function pickChildren(db: Db, parentId: UnitId | null, at: IsoDate, page: { offset: number; limit: number }): Promise<{ total: number; units: (PickedUnit & { children: number })[] }> {
  const level = parentId === null ? 0 : 1;
  const rows = (await findSubtreeOn(db, at, parentId, level)).filter((v) => v.depth === level)
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || collator.compare(a.name, b.name) || a.unitId - b.unitId);
  const ids = rows.slice(page.offset, page.offset + page.limit).map((v) => v.unitId);
  const shown = new Map((await withStanding(db, await findShownUnits(db, { ids }, at), at)).map((u) => [u.unitId, u]));
  const counts = new Map<UnitId, number>();
  for (const c of await countChildrenByKind(db, ids, at)) counts.set(c.parentId, (counts.get(c.parentId) ?? 0) + c.count);
  return { total: rows.length, units: ids.flatMap((id) => (shown.has(id) ? [{ ...shown.get(id)!, children: counts.get(id) ?? 0 }] : [])) };
}

/** The units a form names (`id:N` or a code, looked up the day before `at` as a change does, then on it), as the picker shows them. */
export async function describeUnitRefs(db: Db, refs: string[], at: IsoDate): Promise<Map<string, PickedUnit>> {
  const ids = new Map<string, UnitId>();
  for (const ref of new Set(refs)) {
    const byId = /^id:(\d+)$/.exec(ref);
    const id = byId ? Number(byId[1]) : /^\d{2,5}$/.test(ref) ? ((await findUnitIdByCode(db, ref, dayBefore(at))) ?? (await findUnitIdByCode(db, ref, at))) : undefined;
    if (id !== undefined) ids.set(ref, id);
  }
  const units = await withStanding(db, await findShownUnits(db, { ids: [...new Set(ids.values())] }, at), at);
  const byUnit = new Map(units.map((u) => [u.unitId, u]));
  return new Map([...ids].flatMap(([ref, id]) => (byUnit.has(id) ? [[ref, byUnit.get(id)!] as const] : [])));
}

/** Matches by the name on the date come before those by a name it carried at another time. */
function tierOf(u: ShownUnit, words: string[]): number | undefined {
  const tier = matchTier(words, [foldName(u.otherName ?? u.name)], u.path.map((p) => foldName(p.name)));
  return tier === undefined || u.otherName === null ? tier : tier + 5;
}

function stateOn(u: ShownUnit, at: IsoDate): PickedUnit['state'] {
  return u.validFrom > at ? 'not_yet' : u.validTo !== null && u.validTo <= at ? 'ended' : 'alive';
}

/** Tier, then alive before not yet before ended, then level, then the name in Vietnamese numeric order, then the path from the top. */
function byRank(at: IsoDate) {
  const pathText = (u: ShownUnit) => u.path.map((p) => p.name).reverse().join(' ');
  return (a: { u: ShownUnit; tier: number }, b: { u: ShownUnit; tier: number }) =>
    a.tier - b.tier || STATE_ORDER[stateOn(a.u, at)] - STATE_ORDER[stateOn(b.u, at)] || KIND_ORDER.indexOf(a.u.kind) - KIND_ORDER.indexOf(b.u.kind)
    || collator.compare(a.u.name, b.u.name) || collator.compare(pathText(a.u), pathText(b.u)) || a.u.unitId - b.u.unitId;
}

/** Each unit's state on `at`, and what an ended one became. */
async function withStanding(db: Db, units: ShownUnit[], at: IsoDate): Promise<PickedUnit[]> {
  const ended = units.filter((u) => stateOn(u, at) === 'ended');
  const links = (await findSuccessorLinks(db, ended.map((u) => u.unitId))).filter((l) => ended.some((u) => u.unitId === l.fromId && u.validTo === l.effectiveOn));
  const names = new Map((links.length ? await findShownUnits(db, { ids: links.map((l) => l.toId) }, at) : []).map((s) => [s.unitId, s.name]));
  return units.map((u) => {
    const successors = links.filter((l) => l.fromId === u.unitId).map((l) => ({ id: l.toId, name: names.get(l.toId) ?? `id:${l.toId}` }));
    return { ...u, state: stateOn(u, at), successors };
  });
}

