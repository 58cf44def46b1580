import { z } from 'zod';
import { COUNTED_FROM } from '../../domain/indicators.js';
import { isoDate, unitRef } from '../validation.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : null));
/** A ticked box sends "1"; an unticked one sends nothing. */
const checkbox = z.preprocess((v) => v === '1' || v === 'on' || v === 'true' || v === true, z.boolean());

/**
 * A figure as people type it: "15", "15,5" (the Vietnamese decimal comma), "1.234" (a thousands
 * point) or "1234.5"; never negative.
 */
export const figure = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(/\s/g, '').replace(/\.(?=\d{3}(?:\D|$))/g, '').replace(',', '.') : v),
  z.coerce.number().finite().min(0).max(1e12),
);

/** The administrator's form for an indicator: its name and unit in both languages, its scope and source. */
export const indicatorSchema = z.strictObject({
  nameVi: text(300),
  nameEn: text(300),
  unitVi: text(40),
  unitEn: text(40),
  scope: unitRef,
  source: text(300),
  byLevel: checkbox.optional(),
  countedFrom: z.enum(COUNTED_FROM).optional(),
});
export type IndicatorBody = z.infer<typeof indicatorSchema>;

/** One reported figure: one value, or for an indicator reported by level one value per level (empty levels left out). */
export const indicatorValueSchema = z.strictObject({
  on: isoDate,
  since: isoDate.optional(),
  value: figure.optional(),
  province: figure.optional(),
  district: figure.optional(),
  commune: figure.optional(),
  source: text(300),
  note: optionalText(300),
  illustrative: checkbox.optional(),
}).refine((v) => !v.since || v.since <= v.on, { path: ['since'], params: { i18n: 'INDICATOR_SINCE' } });
export type IndicatorValueBody = z.infer<typeof indicatorValueSchema>;
