import type { Transaction } from 'kysely';
import type { IsoDate } from '../domain/dates.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import { isKind, isSubtypeOf } from '../domain/kinds.js';
import {
  checkRule, checkStandard, evaluateUnit, regionsOf, ruleCovers, ruleInForce, shortfall,
  type AssessedUnit, type Evaluation, type MergerRule, type Region, type RuleInput, type Standard, type StandardInput,
} from '../domain/standards.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import {
  findRegionSettings, findRule, findRuleIdByKey, findStandard, insertRule, insertStandard, updateRule, listRegionSettings, listRules, listStandards, replaceRegionSettings, updateStandard, type NewStandardRow,
} from '../db/standard.repository.js';
import { findLatestVersions, findSubtreeOn, unitExists } from '../db/unit.repository.js';
import { appendAudit, type Who } from './audit.service.js';
import { ancestorsOn } from './query.service.js';

const collator = new Intl.Collator('vi', { numeric: true });

export interface StandardsAndRules {
  standards: Standard[];
  rules: MergerRule[];
}

export async function standardsAndRules(db: Db): Promise<StandardsAndRules> {
  return { standards: await listStandards(db), rules: await listRules(db) };
}

export async function getStandard(db: Db, id: number): Promise<Standard> {
  const s = await findStandard(db, id);
  if (!s) throw new NotFoundError('standard', String(id));
  return s;
}

function toRow(s: StandardInput): NewStandardRow {
  checkStandard(s, (k, sub) => isKind(k) && isSubtypeOf(k, sub));
  return {
    kind: s.kind, subtype: s.subtype, region: s.region, area_km2: s.areaKm2, population: s.population, households: s.households,
    source: s.source, valid_from: s.validFrom, valid_to: s.validTo, note: s.note,
  };
}

/** Adds a standard (id null) or corrects one, with its audit entry; the candidates follow at once. */
export async function saveStandard(db: Db, id: number | null, s: StandardInput, who: Who | null = null): Promise<number> {
  const row = toRow(s);
  return db.transaction().execute(async (trx) => {
    const before = id === null ? null : await findStandard(trx, id);
    if (id !== null && !before) throw new NotFoundError('standard', String(id));
    const saved = id === null ? await insertStandard(trx, row) : (await updateStandard(trx, id, row), id);
    if (who) await appendAudit(trx, who, { action: id === null ? 'standard.create' : 'standard.edit', entity: 'standard', entityId: saved, before: before ?? undefined, after: s });
    return saved;
  });
}

export async function getRule(db: Db, id: number): Promise<MergerRule> {
  const r = await findRule(db, id);
  if (!r) throw new NotFoundError('rule', String(id));
  return r;
}

/** Adds a rule (id null; its key must be new) or corrects one (its key stays). */
export async function saveRule(db: Db, id: number | null, r: RuleInput, who: Who | null = null): Promise<number> {
  checkRule(r, (k, sub) => isKind(k) && isSubtypeOf(k, sub));
  const row = {
    name: r.name, kind: r.kind, subtype: r.subtype, region: r.region, clauses: JSON.stringify(r.clauses),
    source: r.source, valid_from: r.validFrom, valid_to: r.validTo, note: r.note,
  };
  return db.transaction().execute(async (trx) => {
    const before = id === null ? null : await findRule(trx, id);
    if (id !== null && !before) throw new NotFoundError('rule', String(id));
    if (id === null && (await findRuleIdByKey(trx, r.key))) throw new DomainError('RULE_KEY_TAKEN', { key: r.key }, 'key');
    const saved = id === null ? await insertRule(trx, { ...row, key: r.key }) : (await updateRule(trx, id, row), id);
    if (who) await appendAudit(trx, who, { action: id === null ? 'rule.create' : 'rule.edit', entity: 'merger_rule', entityId: saved, before: before ?? undefined, after: r });
    return saved;
  });
}

/** Sets the regions of a unit (none = clear); units below it inherit them. */
export async function setUnitRegions(db: Db, unitId: UnitId, regions: readonly Region[], who: Who | null = null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = (await findRegionSettings(trx, [unitId])).get(unitId) ?? [];
    await setUnitRegionsIn(trx, unitId, regions);
    if (who) await appendAudit(trx, who, { action: 'unit.regions', entity: 'unit', entityId: unitId, before, after: [...new Set(regions)] });
  });
}

export async function setUnitRegionsIn(trx: Transaction<Database>, unitId: UnitId, regions: readonly Region[]): Promise<void> {
  if (!(await unitExists(trx, unitId))) throw new NotFoundError('unit', `id:${unitId}`);
  await replaceRegionSettings(trx, unitId, [...new Set(regions)]);
}

/** Every unit with regions set, by its latest name. */
export async function regionSettings(db: Db): Promise<{ unitId: UnitId; name: string; code: string | null; regions: string[] }[]> {
  const rows = await listRegionSettings(db);
  const ids = [...new Set(rows.map((r) => r.unitId))];
  const names = await findLatestVersions(db, ids);
  return ids.map((id) => ({ unitId: id, name: names.get(id)?.name ?? `#${id}`, code: names.get(id)?.code ?? null, regions: rows.filter((r) => r.unitId === id).map((r) => r.region) }));
}

/**
 * Regions of each of `versions` on `at`, inherited through the parents among them and, above
 * those, through the stored tree. The plans can pass a to-be tree here.
 */
async function regionsFor(db: Db, versions: readonly Version[], at: IsoDate): Promise<Map<UnitId, string[]>> {
  const byId = new Map(versions.map((v) => [v.unitId, v]));
  const outside = [...new Set(versions.map((v) => v.parentId).filter((p): p is UnitId => p !== null && !byId.has(p)))];
  for (const top of outside) {
    for (const a of [...(await ancestorsOn(db, top, at)), ...(await findSubtreeOn(db, at, top, 0))]) if (!byId.has(a.unitId)) byId.set(a.unitId, a);
  }
  const settings = await findRegionSettings(db, [...byId.keys()]);
  const parentOf = (id: UnitId) => byId.get(id)?.parentId;
  return new Map(versions.map((v) => [v.unitId, regionsOf(v.unitId, parentOf, settings)]));
}

export function assessed(v: Version, regions: readonly string[]): AssessedUnit {
  return { id: v.unitId, kind: v.kind, subtype: v.subtype, regions, areaKm2: v.areaKm2, population: v.population, households: v.households };
}

/**
 * Evaluates `versions` (the real tree or a plan's to-be tree) on `at` under a rule (by key; the one
 * in force when omitted), against `loaded` when the caller has read the standards and rules already.
 */
export async function evaluateVersions(
  db: Db, versions: readonly Version[], at: IsoDate, ruleKey?: string, kind: 'commune' | 'village' = 'commune', loaded?: StandardsAndRules,
): Promise<{ rule: MergerRule | null; evaluations: Map<UnitId, Evaluation> }> {
  const { standards, rules } = loaded ?? (await standardsAndRules(db));
  const rule = ruleKey ? rules.find((r) => r.key === ruleKey) ?? null : ruleInForce(rules, kind, at);
  const evaluations = new Map<UnitId, Evaluation>();
  if (!rule) return { rule, evaluations };
  const regions = await regionsFor(db, versions, at);
  for (const v of versions) {
    const unit = assessed(v, regions.get(v.unitId) ?? []);
    if (ruleCovers(rule, unit)) evaluations.set(v.unitId, evaluateUnit(unit, standards, rule, at));
  }
  return { rule, evaluations };
}

export interface Assessed {
  unit: Version;
  evaluation: Evaluation;
}

export interface CandidateGroup {
  parent: Version | null;
  candidates: Assessed[];
  /** The other units of the rule's kind under the same parent: the neighbours to merge with. */
  siblings: Assessed[];
}

export interface CandidateReport {
  rule: MergerRule;
  at: IsoDate;
  assessedCount: number;
  candidateCount: number;
  groups: CandidateGroup[];
  /** Units the rule covers that could not be measured, by reason and subtype. */
  unassessed: { reason: string; subtype: string; count: number; examples: string[] }[];
}

/**
 * The units under `rootId` (the root included) that fall below `rule` on `at`, grouped by
 * parent with their siblings; the parents with most candidates first, the furthest below first.
 * `loaded`: the standards and rules, when the caller has read them already.
 */
export async function findMergerCandidates(db: Db, rootId: UnitId, at: IsoDate, rule: MergerRule, loaded?: StandardsAndRules): Promise<CandidateReport> {
  const subtree = await findSubtreeOn(db, at, rootId, 99);
  const root = subtree.find((v) => v.unitId === rootId);
  const parentKids = root?.parentId != null ? await findSubtreeOn(db, at, root.parentId, 1) : [];
  const versions = [...subtree, ...parentKids.filter((v) => v.unitId !== rootId)];
  const { evaluations } = await evaluateVersions(db, versions, at, rule.key, 'commune', loaded);
  const byId = new Map(versions.map((v) => [v.unitId, v]));
  const children = new Map<UnitId | null, Version[]>();
  for (const v of versions) if (evaluations.has(v.unitId)) children.set(v.parentId, [...(children.get(v.parentId) ?? []), v]);
  const inScope = new Set(subtree.map((v) => v.unitId));
  const groups: CandidateGroup[] = [];
  for (const [parentId, kids] of children) {
    const all = kids.map((unit) => ({ unit, evaluation: evaluations.get(unit.unitId)! }));
    const candidates = all.filter((a) => a.evaluation.below && inScope.has(a.unit.unitId)).sort((a, b) => shortfall(a.evaluation) - shortfall(b.evaluation) || collator.compare(a.unit.name, b.unit.name));
    if (!candidates.length) continue;
    const siblings = all.filter((a) => !candidates.includes(a)).sort((a, b) => collator.compare(a.unit.name, b.unit.name));
    groups.push({ parent: parentId === null ? null : byId.get(parentId) ?? null, candidates, siblings });
  }
  groups.sort((a, b) => b.candidates.length - a.candidates.length || collator.compare(a.parent?.name ?? '', b.parent?.name ?? ''));
  const own = [...evaluations.values()].filter((e) => inScope.has(e.unitId));
  return { rule, at, assessedCount: own.filter((e) => !e.unassessed).length, candidateCount: own.filter((e) => e.below).length, groups, unassessed: unassessedSummary(own, byId) };
}

function unassessedSummary(evaluations: Evaluation[], byId: Map<UnitId, Version>): CandidateReport['unassessed'] {
  const out = new Map<string, CandidateReport['unassessed'][number]>();
  for (const e of evaluations) {
    if (!e.unassessed) continue;
    const v = byId.get(e.unitId)!;
    const key = `${e.unassessed}:${v.subtype}`;
    const entry = out.get(key) ?? { reason: e.unassessed, subtype: v.subtype, count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(v.name);
    out.set(key, entry);
  }
  return [...out.values()];
}
