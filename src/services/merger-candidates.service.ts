import type { IsoDate } from '../domain/dates.js';
import { shortfall } from '../domain/standard.candidates.js';
import type { Evaluation, MergerRule } from '../domain/standard.types.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { findSubtreeOn } from '../db/unit.repository.js';
import { evaluateVersions } from './standard-evaluation.service.js';
import type { StandardsAndRules } from './standard.service.js';

const collator = new Intl.Collator('vi', { numeric: true });

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
