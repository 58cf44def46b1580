import type { RequestHandler } from 'express';
import { todayInVietnam } from '../../domain/dates.js';
import { DomainError } from '../../domain/errors.js';
import type { Db } from '../../db/connection.js';
import { runCandidates } from '../../services/candidates.service.js';
import type { Assessed } from '../../services/merger-candidates.service.js';
import { regionSettings } from '../../services/region.service.js';
import { standardsAndRules } from '../../services/standard.service.js';
import { InputError } from '../errors.js';
import { parseInput } from '../validation.js';
import { candidatesQuery } from './standard.schemas.js';

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
