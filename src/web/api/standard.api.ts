import type { RequestHandler } from 'express';
import { todayInVietnam, type IsoDate } from '../../domain/dates.js';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import { ruleInForce, type MergerRule } from '../../domain/standards.js';
import type { Db } from '../../db/connection.js';
import { findVersionOn } from '../../db/unit.repository.js';
import { resolveUnitRef } from '../../services/query.service.js';
import { findMergerCandidates, regionSettings, standardsAndRules, type Assessed, type CandidateReport } from '../../services/standard.service.js';
import { InputError } from '../errors.js';
import { parseInput } from '../validation.js';
import { candidatesQuery } from './standard.schemas.js';

export interface CandidateParams {
  root: string;
  at: IsoDate;
  rule?: string;
}

/** The rule asked for by key, else the commune rule in force on the date, else the first. */
function chooseRule(rules: MergerRule[], key: string | undefined, at: IsoDate): MergerRule {
  if (key) {
    const found = rules.find((r) => r.key === key);
    if (!found) throw new DomainError('UNKNOWN_RULE', { rule: key }, 'rule');
    return found;
  }
  const rule = ruleInForce(rules, 'commune', at) ?? rules[0];
  if (!rule) throw new DomainError('UNKNOWN_RULE', { rule: '' }, 'rule');
  return rule;
}

export async function runCandidates(db: Db, p: CandidateParams): Promise<{ report: CandidateReport; rules: MergerRule[]; root: { id: number; name: string; code: string | null } }> {
  const rootId = await resolveUnitRef(db, p.root, [p.at]);
  const version = await findVersionOn(db, rootId, p.at);
  if (!version) throw new NotFoundError('unit', p.root);
  const { rules } = await standardsAndRules(db);
  const report = await findMergerCandidates(db, rootId, p.at, chooseRule(rules, p.rule, p.at));
  return { report, rules, root: { id: rootId, name: version.name, code: version.code } };
}

const brief = (a: Assessed) => ({ id: a.unit.unitId, name: a.unit.name, code: a.unit.code, subtype: a.unit.subtype, ratios: a.evaluation.ratios, below: a.evaluation.below });

export function standardsApi(db: Db): Record<string, RequestHandler> {
  return {
    /** GET /api/standards: standards, rules and the regions set on units. */
    async list(_req, res) {
      res.json({ ...(await standardsAndRules(db)), regions: await regionSettings(db) });
    },

    /** GET /api/standards/candidates?root=&at=&rule= */
    async candidates(req, res) {
      const parsed = parseInput(candidatesQuery, req.query, res.locals.locale);
      if (!parsed.ok) throw new InputError(parsed.errors);
      if (!parsed.value.root) throw new DomainError('FIELD_REQUIRED', { field: 'root' }, 'root');
      const at = parsed.value.at ?? todayInVietnam();
      const { report, root } = await runCandidates(db, { root: parsed.value.root, at, rule: parsed.value.rule });
      res.json({
        at, root, rule: report.rule, assessedCount: report.assessedCount, candidateCount: report.candidateCount, unassessed: report.unassessed,
        candidates: report.groups.flatMap((g) => g.candidates.map((c) => ({
          ...brief(c), areaKm2: c.unit.areaKm2, population: c.unit.population, households: c.unit.households,
          standard: c.evaluation.standard, reasons: c.evaluation.reasons,
          parent: g.parent && { id: g.parent.unitId, name: g.parent.name, code: g.parent.code },
          siblings: [...g.candidates.filter((o) => o !== c), ...g.siblings].map(brief),
        }))),
      });
    },
  };
}
