import type { Clause, Measure, MergerRule, Reason } from '../../domain/standard.types.js';
import type { Locale } from '../i18n.js';
import { formatNumber } from './locals.js';

type Words = [vi: string, en: string];
const pick = (locale: Locale, w: Words) => (locale === 'en' ? w[1] : w[0]);

const REGION_LABEL: Record<string, Words> = {
  mountainous: ['Miền núi, vùng cao', 'Mountainous or highland'],
  other: ['Vùng khác (không phải miền núi)', 'Elsewhere (not mountainous)'],
  northern_midlands_mountains: ['Trung du và miền núi phía Bắc', 'Northern midlands and mountains'],
  border: ['Xã biên giới', 'Border commune'],
};

export const MEASURE_LABEL: Record<Measure, Words> = {
  area: ['diện tích', 'area'],
  population: ['dân số', 'population'],
  households: ['số hộ', 'households'],
};

/** Short names beside a neighbour's ratios, the full word in the tooltip. */
export const MEASURE_SHORT: Record<Measure, Words> = {
  area: ['DT', 'area'],
  population: ['DS', 'pop.'],
  households: ['hộ', 'hh'],
};

export const UNASSESSED_LABEL: Record<string, Words> = {
  not_covered: ['Quy định không áp dụng', 'The rule does not apply'],
  no_standard: ['Chưa có tiêu chuẩn cho loại đơn vị và vùng này', 'No standard recorded for this type of unit and region'],
  no_figures: ['Thiếu số liệu (diện tích, dân số hoặc số hộ)', 'Figures missing (area, population or households)'],
};

export const regionLabel = (locale: Locale, r: string) => (REGION_LABEL[r] ? pick(locale, REGION_LABEL[r]) : r);

export const percentText = (locale: Locale, n: number) => `${formatNumber(locale, n)} %`;

/** "diện tích dưới 20 % và dân số dưới 300 %". */
function clauseText(locale: Locale, clause: Clause): string {
  const parts = (Object.entries(clause) as [Measure, number][]).map(([m, t]) => `${pick(locale, MEASURE_LABEL[m])} ${locale === 'en' ? 'below' : 'dưới'} ${percentText(locale, t)}`);
  return parts.join(locale === 'en' ? ' and ' : ' và ');
}

/** A rule in words: its clauses, "or" between them, of the standard. */
export function ruleText(locale: Locale, rule: MergerRule): string {
  const clauses = rule.clauses.map((c) => clauseText(locale, c)).join(locale === 'en' ? '; or ' : '; hoặc ');
  return `${clauses} ${locale === 'en' ? 'of the standard' : 'tiêu chuẩn'}`;
}

/** Why a unit is below: "diện tích 10,04 % < 20 % và dân số 66,84 % < 300 %". */
export function reasonText(locale: Locale, reason: Reason): string {
  return reason.conditions
    .map((c) => `${pick(locale, MEASURE_LABEL[c.measure])} ${percentText(locale, c.ratio)} < ${percentText(locale, c.threshold)}`)
    .join(locale === 'en' ? ' and ' : ' và ');
}

/** The colour of a ratio: far below (under half), below, or meeting the standard. */
export function ratioClass(ratio: number | undefined): string {
  if (ratio === undefined) return '';
  return ratio < 50 ? 'ratio-far' : ratio < 100 ? 'ratio-below' : 'ratio-meets';
}

/** Clauses as the rule form takes them back, one a line: "diện tích < 70 % và dân số < 70 %". */
export function clausesInput(locale: Locale, clauses: Clause[]): string {
  return clauses.map((c) => (Object.entries(c) as [Measure, number][]).map(([m, t]) => `${pick(locale, MEASURE_LABEL[m])} < ${t} %`).join(locale === 'en' ? ' and ' : ' và ')).join('\n');
}

/** A note written in two lines (Vietnamese, then English) shows the line of the language in use; any other note as written. */
export function noteIn(locale: Locale, note: string | null): string {
  const lines = (note ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length === 2 ? pick(locale, lines as Words) : lines.join(' ');
}

/** A rule's full name for lists: its legal source, what it asks, and its years ("Nghị quyết 653/2019/UBTVQH14: …, 01/01/2019 – 01/01/2022"). */
export function ruleLabel(locale: Locale, rule: MergerRule, date: (d: string) => string): string {
  const until = rule.validTo ? date(rule.validTo) : pick(locale, ['nay', 'now']);
  return `${rule.source}: ${ruleText(locale, rule)} (${date(rule.validFrom)} – ${until})`;
}
