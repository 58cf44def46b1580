import { dayBefore, type IsoDate } from '../domain/dates.js';
import { NotFoundError } from '../domain/errors.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { findChange, findChangesOfDecision, findLineageOfChanges, type StoredChange } from '../db/change.repository.js';
import { findDecision, findDecisionsByIds, listDecisions, type Decision } from '../db/decision.repository.js';
import { findHistories } from '../db/unit.repository.js';

export interface ChangeSummary extends StoredChange {
  decision: Decision;
  /** "Xã Long Phúc + Xã Long Khánh → Xã Phúc Khánh": lineage pairs grouped by the unit they led to. */
  lineage: { from: { id: UnitId; name: string; part: boolean }[]; to: { id: UnitId; name: string } }[];
}

/** Changes with their decisions and lineage in words, as registers and unit pages show them. */
export async function describeChanges(db: Db, changes: StoredChange[]): Promise<ChangeSummary[]> {
  const decisions = new Map((await findDecisionsByIds(db, changes.map((c) => c.decisionId))).map((d) => [d.id, d]));
  const pairs = await findLineageOfChanges(db, changes.map((c) => c.id));
  const pairsOf = new Map<number, typeof pairs>();
  for (const p of pairs) pairsOf.set(p.change_id, [...(pairsOf.get(p.change_id) ?? []), p]);
  const idsOf = new Map([...pairsOf].map(([id, list]) => [id, list.flatMap((p) => [p.from_unit_id, p.to_unit_id])]));
  const names = await namesBefore(db, changes, idsOf);
  return changes.map((c) => {
    const mine = pairsOf.get(c.id) ?? [];
    const targets = [...new Set(mine.map((p) => p.to_unit_id))];
    const name = (id: UnitId, when: 'before' | 'after') => names.get(`${c.id}:${id}:${when}`) ?? names.get(`latest:${id}`) ?? `#${id}`;
    return {
      ...c,
      decision: decisions.get(c.decisionId)!,
      lineage: targets.map((to) => ({
        from: mine.filter((p) => p.to_unit_id === to).map((p) => ({ id: p.from_unit_id, name: name(p.from_unit_id, 'before'), part: p.share === 'part' })),
        to: { id: to, name: name(to, 'after') },
      })),
    };
  });
}

/** Each unit's name just before and on the change's date (a merged unit is named as it was). */
async function namesBefore(db: Db, changes: StoredChange[], idsOf: Map<number, UnitId[]>): Promise<Map<string, string>> {
  const ids = [...new Set([...idsOf.values()].flat())];
  const histories = new Map<UnitId, Version[]>();
  for (const v of await findHistories(db, ids)) histories.set(v.unitId, [...(histories.get(v.unitId) ?? []), v]);
  const on = (id: UnitId, d: IsoDate) => histories.get(id)?.find((v) => v.validFrom <= d && (v.validTo === null || d < v.validTo));
  const out = new Map<string, string>();
  for (const [id, list] of histories) out.set(`latest:${id}`, list.reduce((a, b) => (a.validFrom > b.validFrom ? a : b)).name);
  for (const c of changes) {
    for (const id of idsOf.get(c.id) ?? []) {
      const before = on(id, dayBefore(c.effectiveOn));
      const after = on(id, c.effectiveOn);
      if (before) out.set(`${c.id}:${id}:before`, before.name);
      if (after) out.set(`${c.id}:${id}:after`, after.name);
    }
  }
  return out;
}

export async function changeDetail(db: Db, id: number): Promise<ChangeSummary> {
  const change = await findChange(db, id);
  if (!change) throw new NotFoundError('change', String(id));
  return (await describeChanges(db, [change]))[0];
}

export async function decisionDetail(db: Db, id: number): Promise<{ decision: Decision; changes: ChangeSummary[] }> {
  const decision = await findDecision(db, id);
  if (!decision) throw new NotFoundError('decision', String(id));
  return { decision, changes: await describeChanges(db, await findChangesOfDecision(db, id)) };
}

export async function decisionsList(db: Db, search: string | null, page: number) {
  return listDecisions(db, search, 50, (page - 1) * 50);
}

