import type { IsoDate } from '../domain/dates.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import { ruleForDate } from '../domain/standard.lookups.js';
import type { MergerRule } from '../domain/standard.types.js';
import type { Db } from '../db/connection.js';
import { findVersionOn } from '../db/unit.repository.js';
import { resolveUnitRef } from './query.service.js';
import { findMergerCandidates, type CandidateReport } from './merger-candidates.service.js';
import { standardsAndRules, type StandardsAndRules } from './standard.service.js';

export interface CandidateParams {
  root: string;
  at: IsoDate;
  rule?: string;
}

/** The rule asked for by key, else the commune rule for the date (in force, else the latest before it). */
function chooseRule(rules: MergerRule[], key: string | undefined, at: IsoDate): MergerRule {
  if (key) {
    const found = rules.find((r) => r.key === key);
    if (!found) throw new DomainError('UNKNOWN_RULE', { rule: key }, 'rule');
    return found;
  }
  const rule = ruleForDate(rules, 'commune', at) ?? rules[0];
  if (!rule) throw new DomainError('UNKNOWN_RULE', { rule: '' }, 'rule');
  return rule;
}

/**
 * The merger candidates under a unit (a code or `id:42`) on a date, for the candidates page and
 * /api/standards/candidates; the standards and rules are read once (or given, as the page has them).
 */
export async function runCandidates(db: Db, p: CandidateParams, loaded?: StandardsAndRules): Promise<{ report: CandidateReport; root: { id: number; name: string; code: string | null } }> {
  const rootId = await resolveUnitRef(db, p.root, [p.at]);
  const version = await findVersionOn(db, rootId, p.at);
  if (!version) throw new NotFoundError('unit', p.root);
  const catalogue = loaded ?? (await standardsAndRules(db));
  const report = await findMergerCandidates(db, rootId, p.at, chooseRule(catalogue.rules, p.rule, p.at), catalogue);
  return { report, root: { id: rootId, name: version.name, code: version.code } };
}
