import { DomainError, NotFoundError } from '../domain/errors.js';
import { isKind, isSubtypeOf } from '../domain/kinds.js';
import { checkRule, checkStandard } from '../domain/standard.checks.js';
import type { MergerRule, RuleInput, Standard, StandardInput } from '../domain/standard.types.js';
import type { Db } from '../db/connection.js';
import {
  findRule, findRuleIdByKey, findStandard, insertRule, insertStandard, updateRule, listRules, listStandards, updateStandard, type NewStandardRow,
} from '../db/standard.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import { appendAudit, type Who } from './audit.service.js';

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
export async function saveStandard(db: Db, id: number | null, s: StandardInput, who: Who): Promise<number> {
  const row = toRow(s);
  return writeTransaction(db, async (trx) => {
    const before = id === null ? null : await findStandard(trx, id);
    if (id !== null && !before) throw new NotFoundError('standard', String(id));
    const saved = id === null ? await insertStandard(trx, row) : (await updateStandard(trx, id, row), id);
    await appendAudit(trx, who, { action: id === null ? 'standard.create' : 'standard.edit', entity: 'standard', entityId: saved, before: before ?? undefined, after: s });
    return saved;
  });
}

export async function getRule(db: Db, id: number): Promise<MergerRule> {
  const r = await findRule(db, id);
  if (!r) throw new NotFoundError('rule', String(id));
  return r;
}

/** Adds a rule (id null; its key must be new) or corrects one (its key stays). */
export async function saveRule(db: Db, id: number | null, r: RuleInput, who: Who): Promise<number> {
  checkRule(r, (k, sub) => isKind(k) && isSubtypeOf(k, sub));
  const row = {
    name: r.name, kind: r.kind, subtype: r.subtype, region: r.region, clauses: JSON.stringify(r.clauses),
    source: r.source, valid_from: r.validFrom, valid_to: r.validTo, note: r.note,
  };
  return writeTransaction(db, async (trx) => {
    const before = id === null ? null : await findRule(trx, id);
    if (id !== null && !before) throw new NotFoundError('rule', String(id));
    if (id === null && (await findRuleIdByKey(trx, r.key))) throw new DomainError('RULE_KEY_TAKEN', { key: r.key }, 'key');
    const saved = id === null ? await insertRule(trx, { ...row, key: r.key }) : (await updateRule(trx, id, row), id);
    await appendAudit(trx, who, { action: id === null ? 'rule.create' : 'rule.edit', entity: 'merger_rule', entityId: saved, before: before ?? undefined, after: r });
    return saved;
  });
}
