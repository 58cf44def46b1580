import { z } from 'zod';
import { KINDS } from '../../domain/kinds.js';
import { PLAN_STATUSES } from '../../domain/plan.js';
import { CATEGORIES, REASONS } from '../../domain/staffing.js';
import { GOAL_TYPES } from '../../domain/targets.js';
import { REGIONS, STANDARD_KINDS, STANDARD_REGIONS } from '../../domain/standard.types.js';

/**
 * What the API answers, as the handlers build it (api.handlers.ts, compare.api.ts, …): the
 * OpenAPI document (openapi.ts) describes responses with these, and the HTTP test of the document
 * parses real answers with them. Strict objects, so a field added to an answer without being
 * described here fails that test. Plain schemas only: zod-openapi cannot render a response's transform.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'YYYY-MM-DD' });
const timestamp = z.string().meta({ description: 'ISO 8601 date and time (UTC)' });
const id = z.number().int();
const kind = z.enum(KINDS);
const nullableText = z.string().nullable();

export const errorResponse = z.strictObject({
  errors: z.array(z.strictObject({ path: z.string().meta({ description: 'The field, dotted (`units.0.name`); empty for the request as a whole' }), message: z.string() })),
  requestId: z.string().optional().meta({ description: 'Also in the X-Request-Id header and on the server log line' }),
  rule: z.string().optional().meta({ description: 'The rule that refused the request (`CODE_TAKEN`, `UNIT_NOT_ALIVE`, `DATABASE_BUSY`, …)' }),
  conflictingChange: id.optional().meta({ description: 'A back-dated change: the later change it would break' }),
}).meta({ id: 'Error', description: 'Every refusal: the messages in the caller\'s language (`?lang=en` or `Accept-Language: en`)' });

const figures = z.strictObject({ areaKm2: z.number().nullable(), population: z.number().nullable(), households: z.number().nullable(), sector: nullableText });

const version = z.strictObject({
  unitId: id, validFrom: date, validTo: date.nullable().meta({ description: 'Exclusive; null while still valid' }),
  name: z.string(), code: nullableText, kind, subtype: z.string(), parentId: id.nullable(),
  areaKm2: z.number().nullable(), population: z.number().nullable(), households: z.number().nullable(), sector: nullableText,
}).meta({ id: 'Version', description: 'A unit\'s attributes over the half-open interval [validFrom, validTo)' });

export interface TreeNodeJson {
  id: number; name: string; code: string | null; kind: string; subtype: string;
  figures: z.infer<typeof figures>; childCount: number; childKinds: { kind: string; count: number }[]; children: TreeNodeJson[];
}
const treeNode: z.ZodType<TreeNodeJson> = z.strictObject({
  id, name: z.string(), code: nullableText, kind, subtype: z.string(), figures, childCount: z.number().int(),
  childKinds: z.array(z.strictObject({ kind, count: z.number().int() })),
  get children() { return z.array(treeNode); },
}).meta({ id: 'TreeNode' });

export const treeResponse = z.strictObject({ at: date, root: nullableText, depth: z.number().int(), nodes: z.array(treeNode) });

export const unitsResponse = z.strictObject({
  code: z.string(), at: date.nullable(),
  units: z.array(version.omit({ unitId: true }).extend({ id }).strict()),
});

const storedChange = z.strictObject({
  id, type: z.string(), effectiveOn: date, decision: z.string().meta({ description: 'The decision\'s number' }),
  input: z.looseObject({ type: z.string() }).meta({ description: 'The change as stored: its units resolved to internal ids' }),
  note: nullableText, recordedAt: timestamp, recordedBy: z.string(),
  voided: z.strictObject({ at: timestamp, by: nullableText, reason: nullableText }).nullable(),
}).meta({ id: 'Change' });

const lineageLink = z.strictObject({ unitId: id, name: z.string(), changeId: id, type: z.string(), effectiveOn: date });

export const unitResponse = z.strictObject({
  id, versions: z.array(version), changes: z.array(storedChange), predecessors: z.array(lineageLink), successors: z.array(lineageLink),
});

export const changesResponse = z.strictObject({ from: date.nullable(), to: date.nullable(), root: nullableText, changes: z.array(storedChange) });

const namedUnit = z.strictObject({ id, name: z.string().nullable(), code: nullableText });
const decision = z.strictObject({ id, number: z.string(), issuer: nullableText, signedOn: date.nullable(), title: nullableText }).meta({ id: 'Decision' });

export const recordedResponse = z.strictObject({
  change: storedChange,
  decision,
  effects: z.strictObject({
    created: z.array(namedUnit), ended: z.array(namedUnit), changed: z.array(namedUnit),
    moved: z.array(namedUnit.extend({ from: id.nullable(), to: id.nullable() }).strict()),
    lineage: z.array(z.strictObject({ from: id, to: id })),
  }),
});

export const voidedResponse = z.strictObject({ change: storedChange });

const pickerOption = z.strictObject({
  id, ref: z.string().meta({ description: '`id:N`, what a form sends' }), name: z.string(), code: nullableText, kind, subtype: z.string(),
  type: z.string(), alive: z.boolean(), state: z.enum(['alive', 'ended', 'not_yet']), path: z.array(z.string()), pathText: z.string(),
  details: z.string(), note: nullableText, otherName: nullableText, endedOn: date.nullable(),
  successors: z.array(z.strictObject({ id, name: z.string() })),
});

const page = {
  at: date, total: z.number().int(), offset: z.number().int(), limit: z.number().int(), summary: z.string(),
  words: z.strictObject({ more: z.string(), refused: z.string() }),
};

/** By name (`q`), or one level of the tree (`under`, each hit with how many units it holds). */
export const searchResponse = z.union([
  z.strictObject({ q: z.string(), ...page, hits: z.array(pickerOption) }),
  z.strictObject({ under: z.string(), ...page, hits: z.array(pickerOption.extend({ children: z.number().int() }).strict()) }),
]);

const summaryRow = z.strictObject({
  kind: z.string(), subtype: nullableText.meta({ description: 'null: the kind\'s total' }), from: z.number().int(), to: z.number().int(),
  reduced: z.number().int(), reducedPct: z.number().nullable(),
}).meta({ id: 'SummaryRow' });

const scopeHeads = z.strictObject({
  heads: z.array(id), held: z.array(z.strictObject({ id, name: z.string() })),
  unrecorded: z.array(z.strictObject({ id, name: z.string(), from: date })), followed: z.boolean(),
});

export const summaryResponse = z.strictObject({
  root: nullableText, rootId: id.nullable(), from: date, to: date, rows: z.array(summaryRow),
  scope: z.strictObject({ before: scopeHeads, after: scopeHeads }),
});

const countNumber = z.number().int();
const leaving = z.partialRecord(z.enum(REASONS), countNumber);
const staffLine = z.strictObject({ quota: countNumber, actual: countNumber, vacancies: countNumber, leaving, reductions: countNumber });

export const staffingResponse = z.strictObject({
  root: nullableText, at: date, from: date, to: date,
  byCategory: z.record(z.enum(CATEGORIES), staffLine), total: staffLine,
  rows: z.array(z.strictObject({ unitId: id, name: z.string(), line: staffLine })),
});

export const recordedCountResponse = z.strictObject({ recorded: z.number().int().meta({ description: 'How many rows were recorded' }) });

const target = z.strictObject({
  id, name: z.string(), metric: z.enum(['units', 'headcount', 'quota', 'indicator']), kind: nullableText, subtype: nullableText,
  categories: z.array(z.enum(CATEGORIES)).nullable(), scopeUnitId: id, scopeName: z.string(), baselineOn: date, deadlineOn: date,
  goal: z.enum(GOAL_TYPES as ['reduce_by', 'reduce_pct', 'reach']), goalValue: z.number(), legalSource: z.string(),
  milestones: z.array(z.strictObject({ on: date, value: z.number() })), retiredAt: timestamp.nullable(),
  indicatorId: id.nullable().optional().meta({ description: 'The reported indicator a target of metric `indicator` follows' }),
});
const progress = z.strictObject({
  at: date, baseline: z.number(), current: z.number(), goalValue: z.number(), reduced: z.number(), reducedPct: z.number().nullable(),
  expected: z.number(), achievedPct: z.number().nullable(), status: z.enum(['met', 'on_track', 'behind', 'missed', 'no_baseline']),
});

export const targetsResponse = z.strictObject({
  at: date, targets: z.array(z.strictObject({ target, progress, scopeEndedOn: date.nullable() })),
});

export const createdIdResponse = z.strictObject({ id });

const statuses = z.array(z.enum(['ended', 'created', 'renamed', 'moved', 'reclassified', 'recoded', 'absorbed', 'unchanged']));
const snapshot = z.strictObject({ unitId: id, name: z.string(), code: nullableText, kind: z.string(), subtype: z.string(), parentId: id.nullable() });

export const compareResponse = z.strictObject({
  from: date, to: date, root: namedUnit.nullable(), kind: nullableText, counts: z.array(summaryRow),
  byChild: z.array(z.strictObject({ unitId: id, name: z.string(), code: nullableText, rows: z.array(summaryRow), predecessors: z.array(namedUnit).optional() })),
  statusCounts: z.record(z.enum(['ended', 'created', 'renamed', 'moved', 'reclassified', 'recoded', 'absorbed', 'unchanged']), z.number().int()),
  part: namedUnit.nullable().meta({ description: 'Without `root`: the province whose units `units` lists' }),
  units: z.array(z.strictObject({
    id, statuses, before: snapshot.nullable(), after: snapshot.nullable(),
    successors: z.array(z.strictObject({ unitId: id, share: z.enum(['whole', 'part']), steps: z.array(id) })),
  })),
  lineage: z.array(z.strictObject({ changeId: id, type: z.string(), effectiveOn: date, decision: z.string(), from: z.array(namedUnit), to: namedUnit, text: z.string() })),
  changes: z.record(z.string(), z.strictObject({ type: z.string(), effectiveOn: date, decision: z.string() })).meta({ description: 'By change id' }),
});

export const correspondenceResponse = z.strictObject({
  from: date, to: date, root: nullableText,
  rows: z.array(z.strictObject({
    fromCode: nullableText, fromName: z.string(), fromKind: z.string(), fromSubtype: z.string(),
    toCode: nullableText, toName: nullableText, toKind: nullableText, toSubtype: nullableText, share: z.enum(['whole', 'part']).nullable(),
    statuses, decisions: z.array(z.string()), lastChangeOn: date.nullable(),
  })),
});

export const jsonLdResponse = z.looseObject({ '@context': z.record(z.string(), z.unknown()), '@graph': z.array(z.looseObject({ '@id': z.string(), '@type': z.string() })) })
  .meta({ description: 'JSON-LD (W3C Organization Ontology): the units on the date and the change events' });

const standard = z.strictObject({
  id, kind: z.enum(STANDARD_KINDS), subtype: z.string(), region: z.enum(STANDARD_REGIONS),
  areaKm2: z.number().nullable(), population: z.number().nullable(), households: z.number().nullable(),
  source: z.string(), note: nullableText, validFrom: date, validTo: date.nullable(),
}).meta({ id: 'Standard' });
const clause = z.strictObject({ area: z.number().optional(), population: z.number().optional(), households: z.number().optional() });
const rule = z.strictObject({
  id, key: z.string(), name: z.string(), kind: z.enum(STANDARD_KINDS), subtype: nullableText, region: z.enum(REGIONS).nullable(),
  clauses: z.array(clause).meta({ description: 'In percent of the standard; a unit is below when every condition of one clause holds' }),
  source: z.string(), note: nullableText, validFrom: date, validTo: date.nullable(),
}).meta({ id: 'MergerRule' });

export const standardsResponse = z.strictObject({
  standards: z.array(standard), rules: z.array(rule),
  regions: z.array(z.strictObject({ unitId: id, name: z.string(), code: nullableText, regions: z.array(z.string()) })),
});

const ratios = z.strictObject({ area: z.number().optional(), population: z.number().optional(), households: z.number().optional() });
const brief = { id, name: z.string(), code: nullableText, subtype: z.string(), ratios, below: z.boolean() };

export const candidatesResponse = z.strictObject({
  at: date, root: namedUnit, rule, assessedCount: z.number().int(), candidateCount: z.number().int(),
  unassessed: z.array(z.strictObject({ reason: z.string(), subtype: z.string(), count: z.number().int(), examples: z.array(z.string()) })),
  candidates: z.array(z.strictObject({
    ...brief, areaKm2: z.number().nullable(), population: z.number().nullable(), households: z.number().nullable(), standard: standard.nullable(),
    reasons: z.array(z.strictObject({ clause: z.number().int(), conditions: z.array(z.strictObject({ measure: z.enum(['area', 'population', 'households']), ratio: z.number(), threshold: z.number() })) })),
    parent: namedUnit.nullable(), siblings: z.array(z.strictObject(brief)),
  })),
});

const plan = {
  id, name: z.string(), scope: namedUnit, baseOn: date, status: z.enum(PLAN_STATUSES), author: z.string(), description: nullableText,
  enactedOn: date.nullable(), createdAt: timestamp, updatedAt: timestamp, proposalCount: z.number().int(),
};

export const plansResponse = z.strictObject({ status: z.enum(PLAN_STATUSES).nullable(), plans: z.array(z.strictObject(plan)) });

export const planResponse = z.strictObject({
  ...plan,
  proposals: z.array(z.strictObject({
    id, position: z.number().int(), type: z.string(),
    request: z.looseObject({ type: z.string() }).meta({ description: 'The proposal as stored: a change request (units by id or code)' }),
    applies: z.boolean().meta({ description: 'Whether it applies on the plan\'s to-be tree' }),
    rule: nullableText, reason: nullableText, changeId: id.nullable(),
  })),
  history: z.array(z.strictObject({ step: z.string(), fromStatus: nullableText, toStatus: z.string(), by: z.string(), at: timestamp, comment: nullableText })),
  counts: z.array(summaryRow),
});
