import { z } from 'zod';
import { isSubtypeOf, KINDS } from '../../domain/kinds.js';
import type { ChangeRequest } from '../../services/change-request.js';
import { isoDate } from '../validation.js';
import { CATEGORIES, LEAVING_REASONS, type Reason } from '../../domain/staffing.js';

const ref = z.union([z.strictObject({ id: z.number().int().positive() }), z.strictObject({ code: z.string().trim().min(1).max(20) })]);
const text = (max: number) => z.string().trim().min(1).max(max);
const kind = z.enum(KINDS);

const figures = z.strictObject({
  areaKm2: z.number().nonnegative().nullable().optional(),
  population: z.number().int().nonnegative().nullable().optional(),
  households: z.number().int().nonnegative().nullable().optional(),
  sector: text(100).nullable().optional(),
});

const newUnit = z
  .strictObject({
    name: text(200),
    code: text(20).nullable().optional(),
    kind: kind.optional(),
    subtype: text(40).optional(),
    parent: ref.nullable().optional(),
    figures: figures.optional(),
  })
  .refine((u) => !u.kind || !u.subtype || isSubtypeOf(u.kind, u.subtype), { path: ['subtype'], params: { i18n: 'SUBTYPE_NOT_OF_KIND' } });

const establishedUnit = newUnit.refine((u) => u.kind && u.subtype, { path: ['kind'], params: { i18n: 'FIELD_REQUIRED' } });
const childMove = z.strictObject({ unit: ref, to: z.number().int().nonnegative() });

// Staffing (issue 5): where the staff of a split or dissolved unit go (see services/staff-follow.ts).
const staffShares = z.array(z.strictObject({ to: z.number().int().nonnegative(), category: z.enum(CATEGORIES), count: z.number().int().positive() })).max(100);
const staffDisposal = z.union([z.strictObject({ to: ref }), z.strictObject({ reason: z.enum(LEAVING_REASONS as [Reason, ...Reason[]]) })]);

const common = {
  effectiveOn: isoDate,
  decision: z.strictObject({
    number: text(100),
    issuer: text(200).nullable().optional(),
    signedOn: isoDate.nullable().optional(),
    title: text(500).nullable().optional(),
  }),
  note: z.string().trim().max(2000).nullable().optional(),
  recordedBy: text(100).optional(),
  // Closed official codes this change knowingly gives again (see domain/changes/index.ts checkCode).
  reissue: z.array(text(20)).max(100).optional(),
};

const transfer = z
  .strictObject({
    type: z.literal('transfer'), ...common,
    unit: ref.optional(), toParent: ref.optional(),
    from: ref.optional(), to: ref.optional(), children: z.array(ref).optional(), figures: figures.optional(),
  })
  .refine((t) => (t.unit && t.toParent && !t.from && !t.to) || (!t.unit && !t.toParent && t.from && t.to), {
    path: ['unit'], params: { i18n: 'TRANSFER_SHAPE' },
  });

// A reorganisation (sắp xếp, 2025): outputs new or continuing, each from whole units and parts.
const constituent = z.strictObject({ unit: ref, share: z.enum(['whole', 'part']), figures: figures.optional() });
const reorganiseOutput = z.union([
  z.strictObject({ unit: newUnit, from: z.array(constituent).max(1000) }),
  z.strictObject({ continues: ref, name: text(200).optional(), subtype: text(40).optional(), parent: ref.nullable().optional(), from: z.array(constituent).max(1000) }),
]);

/** POST /api/changes: one change, its units by `{ "id": … }` or `{ "code": … }`. */
export const changeRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('establish'), ...common, units: z.array(establishedUnit).min(1).max(100_000) }),
  z.strictObject({ type: z.literal('dissolve'), ...common, unit: ref, childrenTo: ref.nullable().default(null), staff: staffDisposal.optional() }),
  z.strictObject({ type: z.literal('merge'), ...common, absorbed: z.array(ref).min(1), into: ref, name: text(200).optional(), figures: figures.optional() }),
  z.strictObject({ type: z.literal('consolidate'), ...common, units: z.array(ref).min(2), result: newUnit }),
  z.strictObject({
    type: z.literal('split'), ...common, unit: ref, into: z.array(newUnit).min(2),
    childrenTo: z.number().int().nonnegative().optional(), childMoves: z.array(childMove).optional(), staff: staffShares.optional(),
  }),
  z.strictObject({
    type: z.literal('separate'), ...common, unit: ref, parts: z.array(newUnit).min(1),
    childMoves: z.array(childMove).optional(), remaining: figures.optional(),
  }),
  transfer,
  z.strictObject({ type: z.literal('rename'), ...common, unit: ref, name: text(200) }),
  z.strictObject({ type: z.literal('reclassify'), ...common, unit: ref, subtype: text(40), kind: kind.optional(), name: text(200).optional() }),
  z.strictObject({ type: z.literal('amend'), ...common, unit: ref, figures: figures.optional(), code: text(20).nullable().optional() }),
  z.strictObject({
    type: z.literal('reorganise'), ...common, outputs: z.array(reorganiseOutput).max(20_000),
    dissolve: z.array(ref).max(20_000).optional(), childrenTo: ref.optional(), childMoves: z.array(childMove).optional(),
  }),
]);

/** The parsed request as the service takes it (zod's optional fields already match its shape). */
export function toChangeRequest(parsed: z.infer<typeof changeRequestSchema>): ChangeRequest {
  return parsed as ChangeRequest;
}

export const voidRequestSchema = z.strictObject({ reason: text(2000), by: text(100).optional() });
