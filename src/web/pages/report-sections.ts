import type { Request } from 'express';
import { z } from 'zod';
import { isoDate, unitRef } from '../validation.js';

/** The report's parts, in the order they print: the summary (the body, signed), then the appendices. */
export const SECTIONS = ['summary', 'by-district', 'changes', 'decisions', 'other-results'] as const;
export type Section = (typeof SECTIONS)[number];

/** `sections=summary&sections=changes` from the form's boxes, or `sections=summary,changes` in a link. */
const list = z.preprocess((v) => (v === undefined ? [] : [v].flat().flatMap((s) => (typeof s === 'string' ? s.split(',').filter(Boolean) : [s]))), z.array(z.enum(SECTIONS)));

/**
 * The sections asked for: every one when the URL names none (an old bookmark, the first visit);
 * `choose=1` marks a submitted form, where ticking nothing is an error beside the boxes.
 */
export function chosenSections(req: Pick<Request, 'query'>): { sections: Section[]; error: boolean } {
  const r = list.safeParse(req.query.sections);
  const picked = r.success ? r.data : [];
  if (picked.length) return { sections: SECTIONS.filter((s) => picked.includes(s)), error: false };
  return { sections: [...SECTIONS], error: req.query.choose === '1' || !r.success };
}

/** Roman numerals for the appendices (Phụ lục I, II, III). */
export const roman = (n: number) => ['I', 'II', 'III', 'IV', 'V', 'VI'][n - 1] ?? String(n);

/** Where the layout form sends the user back to: the report as it was, from the form's hidden fields. */
export const backQuery = z.object({
  from: isoDate.optional().catch(undefined), to: isoDate.optional().catch(undefined), scope: unitRef.optional().catch(undefined),
  kind: z.string().regex(/^[a-z_]{1,30}$/).optional().catch(undefined), sections: list.catch([]), at: isoDate.optional().catch(undefined),
});

const field = (max: number) => z.string().trim().max(max).default('');
const needed = (max: number) => z.string().trim().max(max).refine((s) => s.length > 0, { params: { i18n: 'FIELD_REQUIRED' } });
const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** The layout form (Nghị định 30/2020/NĐ-CP): what the report must carry is required, the rest may stay empty. */
export const layoutSchema = z.object({
  scope: optional(unitRef),
  parentOffice: field(150), office: needed(150), number: field(50), place: needed(80), signedOn: optional(isoDate),
  docType: needed(60), subject: needed(300), recipients: field(2000), signerAuthority: field(100), signerTitle: needed(100), signerName: field(100),
});
export type LayoutForm = z.infer<typeof layoutSchema>;
