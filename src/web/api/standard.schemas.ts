import { z } from 'zod';
import { isSubtypeOf } from '../../domain/kinds.js';
import { REGIONS, STANDARD_KINDS, STANDARD_REGIONS } from '../../domain/standard.types.js';
import { isoDate, unitRef } from '../validation.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : null));
/** Typed the Vietnamese way or the English way: "5.000" and "5 000" are five thousand, "1,47" is 1.47. */
const integer = z.preprocess((v) => (typeof v === 'string' ? v.replace(/[.\s]/g, '') : v), z.coerce.number().int().positive().max(100_000_000));
const decimal = z.preprocess((v) => (typeof v === 'string' && v.includes(',') ? v.replace(/[.\s]/g, '').replace(',', '.') : v), z.coerce.number().positive().max(1_000_000));

export const standardSchema = z.strictObject({
  kind: z.enum(STANDARD_KINDS),
  subtype: z.string().trim().min(1).max(40),
  region: z.enum(STANDARD_REGIONS),
  areaKm2: decimal.optional(),
  population: integer.optional(),
  households: integer.optional(),
  source: text(300),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  note: optionalText(1000),
}).refine((s) => isSubtypeOf(s.kind, s.subtype), { path: ['subtype'], params: { i18n: 'STANDARD_SUBTYPE' } })
  .refine((s) => s.kind !== 'commune' || s.areaKm2 !== undefined, { path: ['areaKm2'], params: { i18n: 'STANDARD_FIGURE_REQUIRED' } })
  .refine((s) => s.kind !== 'commune' || s.population !== undefined, { path: ['population'], params: { i18n: 'STANDARD_FIGURE_REQUIRED' } })
  .refine((s) => s.kind !== 'village' || s.households !== undefined, { path: ['households'], params: { i18n: 'STANDARD_FIGURE_REQUIRED' } })
  .refine((s) => s.validTo === undefined || s.validTo > s.validFrom, { path: ['validTo'], params: { i18n: 'STANDARD_DATES' } });

export type StandardBody = z.infer<typeof standardSchema>;

export const regionsSchema = z.strictObject({
  unit: unitRef,
  regions: z.array(z.enum(REGIONS)).max(REGIONS.length).default([]),
});

export const candidatesQuery = z.object({
  root: unitRef.optional(),
  at: isoDate.optional(),
  rule: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  lang: z.string().optional(),
});

const MEASURE_WORDS: Record<string, string> = {
  area: 'area', 'diện tích': 'area', 'dien tich': 'area',
  population: 'population', 'dân số': 'population', 'dan so': 'population',
  households: 'households', 'số hộ': 'households', 'so ho': 'households',
};

/**
 * Clauses typed one a line, conditions joined by "và", "and" or a comma: "diện tích < 20 % và dân
 * số < 300 %". A line that does not read so is kept as text, for the schema to refuse.
 */
export function clausesOf(text: string): unknown[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((line) => {
    const clause: Record<string, number> = {};
    for (const part of line.split(/\s+(?:và|and)\s+|\s*;\s*|,\s+/i).filter(Boolean)) {
      const m = /^(.+?)\s*<\s*(\d+(?:[.,]\d+)?)\s*%?$/.exec(part.trim());
      const measure = m && MEASURE_WORDS[m[1].toLocaleLowerCase('vi').trim()];
      if (!measure || measure in clause) return line;
      clause[measure] = Number(m[2].replace(',', '.'));
    }
    return clause;
  });
}

const clause = z.strictObject({ area: z.number().positive().optional(), population: z.number().positive().optional(), households: z.number().positive().optional() })
  .refine((c) => Object.keys(c).length > 0);

export const ruleSchema = z.strictObject({
  key: z.string().trim().refine((k) => /^[a-z0-9-]{2,60}$/.test(k), { params: { i18n: 'RULE_KEY' } }),
  name: text(300),
  kind: z.enum(STANDARD_KINDS),
  subtype: z.string().trim().max(40).optional().transform((s) => (s ? s : null)),
  region: z.enum(REGIONS).optional().transform((r) => r ?? null),
  clauses: z.array(clause).min(1).max(10), // the form puts RULE_CLAUSES beside the field
  source: text(300),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  note: optionalText(1000),
}).refine((r) => r.subtype === null || isSubtypeOf(r.kind, r.subtype), { path: ['subtype'], params: { i18n: 'STANDARD_SUBTYPE' } })
  .refine((r) => r.validTo === undefined || r.validTo > r.validFrom, { path: ['validTo'], params: { i18n: 'STANDARD_DATES' } });

export type RuleBody = z.infer<typeof ruleSchema>;
