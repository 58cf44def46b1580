import { z } from 'zod';
import { CATEGORIES, REASONS } from '../../domain/staffing.js';
import { GOAL_TYPES } from '../../domain/targets.js';
import { KINDS } from '../../domain/kinds.js';
import { TRANSFER_KINDS } from '../../domain/leader-rotations.js';
import { isoDate, unitRef } from '../validation.js';

const text = (max: number) => z.string().trim().min(1).max(max);
/** A unit: an internal id (number), or in text an official code or `id:42`. */
const unit = z.union([z.number().int().positive().transform((n) => `id:${n}`), unitRef]);
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : null));

export const movementSchema = z.strictObject({
  unit,
  category: z.enum(CATEGORIES),
  on: isoDate,
  count: z.coerce.number().int().min(1).max(100_000),
  reason: z.enum(REASONS),
  decision: optionalText(100),
  note: optionalText(2000),
  /** A leader (chức vụ lãnh đạo, quản lý) moved by rotation or transfer: counted among the leaders rotated (issue 17). */
  leader: z.preprocess((v) => v === true || v === '1' || v === 'on' || v === 'true', z.boolean()).optional(),
  transferKind: z.enum(TRANSFER_KINDS).optional(),
}).refine((m) => !m.transferKind || m.reason === 'transfer_in' || m.reason === 'transfer_out', { path: ['transferKind'], params: { i18n: 'TRANSFER_KIND_REASON' } });

export const movementsListSchema = z.strictObject({ movements: z.array(movementSchema).min(1).max(10_000) });

export const quotaSchema = z.strictObject({
  unit,
  category: z.enum(CATEGORIES),
  on: isoDate,
  quota: z.coerce.number().int().min(0).max(1_000_000),
  decision: text(100),
});

export const staffingQuery = z.object({
  root: unitRef.optional(), at: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional(), lang: z.string().optional(),
});

export const targetsQuery = z.object({ at: isoDate.optional(), includeRetired: z.enum(['true', 'false']).optional(), lang: z.string().optional() });

const milestone = z.strictObject({ on: isoDate, value: z.coerce.number() });

export const targetSchema = z.strictObject({
  name: text(300),
  metric: z.enum(['units', 'headcount', 'quota', 'indicator']),
  kind: z.enum(KINDS).optional(),
  subtype: z.string().trim().max(40).optional().transform((s) => (s ? s : null)),
  categories: z.array(z.enum(CATEGORIES)).optional(),
  scope: unit,
  baselineOn: isoDate,
  deadlineOn: isoDate,
  goal: z.enum(GOAL_TYPES as ['reduce_by', 'reduce_pct', 'reach']),
  goalValue: z.coerce.number().min(0).max(10_000_000),
  legalSource: text(300),
  milestones: z.array(milestone).max(50).optional(),
  /** The reported indicator measured (metric `indicator`, issue 17), by its id. */
  indicator: z.coerce.number().int().positive().optional(),
}).refine((t) => t.metric !== 'units' || t.kind, { path: ['kind'], params: { i18n: 'FIELD_REQUIRED' } })
  .refine((t) => t.metric !== 'indicator' || t.indicator, { path: ['indicator'], params: { i18n: 'INDICATOR_REQUIRED' } })
  .refine((t) => t.deadlineOn > t.baselineOn, { path: ['deadlineOn'], params: { i18n: 'TARGET_DATES' } });

export type TargetBody = z.infer<typeof targetSchema>;
