import { dayBefore, type IsoDate } from '../domain/dates.js';
import { NotFoundError } from '../domain/errors.js';
import type { UnitId, Version } from '../domain/tree.js';
import { unitsTouched } from '../domain/changes/touched.js';
import { versionOn } from '../domain/country-versions.js';
import type { Db } from '../db/connection.js';
import { findChange, findChangesOfDecision, findLineageOfChanges, type StoredChange } from '../db/change.repository.js';
import { findDecision, findDecisionsByIds, listDecisions, type Decision } from '../db/decision.repository.js';
import { findHistories } from '../db/unit.repository.js';
import { findAuditEntries } from '../db/audit.repository.js';

/** A unit as the register names it: its name (and code) as it was just before the change. */
export interface Named {
  id: UnitId;
  name: string;
}

/**
 * What a change did, in the register's words, from its own input and the names as they were
 * before it: so a voided change keeps its own description.
 */
export interface ChangeSaid {
  renamed?: { unit: Named; from: string; to: string };
  moved?: { unit: Named; from: Named | null; to: Named };
  reclassified?: { unit: Named; kind: string; from: string; to: string; name?: string };
  established?: { name: string; code: string | null }[];
  dissolved?: Named;
  amended?: { unit: Named; fields: string[] };
  corrected?: { unit: Named; from: string; to: string };
}

export interface ChangeSummary extends StoredChange {
  decision: Decision;
  said: ChangeSaid;
  /** "Xã Long Phúc + Xã Long Khánh → Xã Phúc Khánh": lineage pairs grouped by the unit they led to. */
  lineage: { from: { id: UnitId; name: string; part: boolean }[]; to: { id: UnitId; name: string } }[];
}

/** Changes with their decisions and lineage in words, as registers and unit pages show them. */
export async function describeChanges(db: Db, changes: StoredChange[]): Promise<ChangeSummary[]> {
  const decisions = new Map((await findDecisionsByIds(db, changes.map((c) => c.decisionId))).map((d) => [d.id, d]));
  const pairs = await findLineageOfChanges(db, changes.map((c) => c.id));
  const pairsOf = new Map<number, typeof pairs>();
  for (const p of pairs) pairsOf.set(p.change_id, [...(pairsOf.get(p.change_id) ?? []), p]);
  const idsOf = new Map(changes.map((c) => [c.id, [...(pairsOf.get(c.id) ?? []).flatMap((p) => [p.from_unit_id, p.to_unit_id]), ...unitsTouched(c.input)]]));
  const histories = new Map<UnitId, Version[]>();
  for (const v of await findHistories(db, [...new Set([...idsOf.values()].flat())])) histories.set(v.unitId, [...(histories.get(v.unitId) ?? []), v]);
  const names = namesBefore(changes, idsOf, histories);
  const versionsBefore = versionsOn(changes, idsOf, histories);
  return changes.map((c) => {
    const mine = pairsOf.get(c.id) ?? [];
    const targets = [...new Set(mine.map((p) => p.to_unit_id))];
    const name = (id: UnitId, when: 'before' | 'after') => names.get(`${c.id}:${id}:${when}`) ?? names.get(`latest:${id}`) ?? `#${id}`;
    const named = (id: UnitId): Named => ({ id, name: name(id, 'before') });
    return {
      ...c,
      decision: decisions.get(c.decisionId)!,
      said: said(c, named, (id) => versionsBefore.get(`${c.id}:${id}`)),
      lineage: targets.map((to) => ({
        from: mine.filter((p) => p.to_unit_id === to).map((p) => ({ id: p.from_unit_id, name: name(p.from_unit_id, 'before'), part: p.share === 'part' })),
        to: { id: to, name: name(to, 'after') },
      })),
    };
  });
}

/** What the change's input says it did, with names as they were before it. */
function said(c: StoredChange, named: (id: UnitId) => Named, before: (id: UnitId) => Version | undefined): ChangeSaid {
  const i = c.input;
  switch (i.type) {
    case 'rename': return { renamed: { unit: named(i.unit), from: before(i.unit)?.name ?? '', to: i.name } };
    case 'reclassify': {
      const v = before(i.unit);
      return { reclassified: { unit: named(i.unit), kind: i.kind ?? v?.kind ?? '', from: v?.subtype ?? '', to: i.subtype, ...(i.name ? { name: i.name } : {}) } };
    }
    case 'transfer':
      return 'toParent' in i ? { moved: { unit: named(i.unit), from: before(i.unit)?.parentId != null ? named(before(i.unit)!.parentId!) : null, to: named(i.toParent) } } : {};
    case 'establish': return { established: i.units.map((u) => ({ name: u.name, code: u.code })) };
    case 'dissolve': return { dissolved: named(i.unit) };
    case 'amend': {
      const fields = [...Object.entries(i.figures ?? {}).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k), ...(i.code !== undefined ? ['code'] : [])];
      return { amended: { unit: named(i.unit), fields } };
    }
    case 'correct': return { corrected: { unit: { id: i.unit, name: i.name }, from: i.from, to: i.name } };
    default: return {};
  }
}

/** Each unit's version on the day before each change (what it was when the change came). */
function versionsOn(changes: StoredChange[], idsOf: Map<number, UnitId[]>, histories: Map<UnitId, Version[]>): Map<string, Version> {
  const out = new Map<string, Version>();
  for (const c of changes) {
    const d = dayBefore(c.effectiveOn);
    for (const id of idsOf.get(c.id) ?? []) {
      const v = versionOn(histories.get(id), d);
      if (v) out.set(`${c.id}:${id}`, v);
    }
  }
  return out;
}

/** Each unit's name just before and on the change's date (a merged unit is named as it was). */
function namesBefore(changes: StoredChange[], idsOf: Map<number, UnitId[]>, histories: Map<UnitId, Version[]>): Map<string, string> {
  const on = (id: UnitId, d: IsoDate) => versionOn(histories.get(id), d);
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

/** A void or reinstatement of the change, from the audit trail: who, when, why. */
export interface VoidEvent {
  action: 'void' | 'reinstate';
  at: string;
  by: string;
  reason: string;
}

/** One change as its page shows it, with every time it was voided or put back in force. */
export async function changeDetail(db: Db, id: number): Promise<ChangeSummary & { voids: VoidEvent[] }> {
  const change = await findChange(db, id);
  if (!change) throw new NotFoundError('change', String(id));
  const entries = await findAuditEntries(db, { entity: 'change', entityId: String(id) }, 100, 0);
  const voids: VoidEvent[] = [];
  for (const e of entries.filter((x) => x.action === 'change.void' || x.action === 'change.reinstate').reverse()) {
    const after = JSON.parse(e.after ?? '{}') as { reason?: string };
    if (e.action === 'change.void') voids.push({ action: 'void', at: e.at, by: e.username, reason: after.reason ?? '' });
    else {
      // A void made outside the audited paths (a script) is told by the reinstatement that undid it.
      const undone = JSON.parse(e.before ?? '{}') as { voidedAt?: string; voidedBy?: string; reason?: string };
      if (voids.at(-1)?.action !== 'void' && undone.voidedAt) voids.push({ action: 'void', at: undone.voidedAt, by: undone.voidedBy ?? '', reason: undone.reason ?? '' });
      voids.push({ action: 'reinstate', at: e.at, by: e.username, reason: after.reason ?? '' });
    }
  }
  return { ...(await describeChanges(db, [change]))[0], voids };
}

export async function decisionDetail(db: Db, id: number): Promise<{ decision: Decision; changes: ChangeSummary[] }> {
  const decision = await findDecision(db, id);
  if (!decision) throw new NotFoundError('decision', String(id));
  return { decision, changes: await describeChanges(db, await findChangesOfDecision(db, id)) };
}

export async function decisionsList(db: Db, search: string | null, page: number) {
  return listDecisions(db, search, 50, (page - 1) * 50);
}

/** Decisions as they are stored, for the API's change lists and the report's legal basis. */
export { findDecisionsByIds, findDecisionsByNumbers } from '../db/decision.repository.js';
