import type { IsoDate } from '../domain/dates.js';
import type { Db } from '../db/connection.js';
import { describeUnitRefs, type PickedUnit } from '../services/unit-search.service.js';
import { t, type Locale } from './i18n.js';
import { formatNumber } from './pages/locals.js';
import { subtypeLabel } from './ui-text.js';

/** A unit as the picker offers it and as a form shows the unit it names: the same words in both places. */
export interface PickerOption {
  id: number;
  /** What the form sends: the id, which never changes hands as a code can. */
  ref: string;
  name: string;
  code: string | null;
  kind: string;
  subtype: string;
  /** "Tổ dân phố", "Phường": the unit's type in the reader's language. */
  type: string;
  alive: boolean;
  state: PickedUnit['state'];
  /** Ancestors' names from the province down (the API has always given them so). */
  path: string[];
  /** "Phường Kim Tân › Thành phố Lào Cai › Tỉnh Lào Cai": nearest first, as a reader narrows. */
  pathText: string;
  /** "Tổ dân phố · không có mã · id:275" */
  details: string;
  /** Why it is greyed (ended, or only later), and that it cannot be picked; null when alive. */
  note: string | null;
  /** The name that matched when the unit carried it at another time. */
  otherName: string | null;
  endedOn: string | null;
  successors: { id: number; name: string }[];
}

export function pickerOption(locale: Locale, u: PickedUnit): PickerOption {
  const type = subtypeLabel(locale, u.kind, u.subtype);
  return {
    id: u.unitId, ref: `id:${u.unitId}`, name: u.name, code: u.code, kind: u.kind, subtype: u.subtype, type,
    alive: u.state === 'alive', state: u.state,
    path: u.path.map((p) => p.name).reverse(),
    pathText: u.path.map((p) => p.name).join(' › '),
    details: [type, u.code ?? t(locale, 'PICK_NO_CODE'), `id:${u.unitId}`].join(' · '),
    note: standing(locale, u),
    otherName: u.otherName && t(locale, 'PICK_OTHER_NAME', { name: u.otherName }),
    endedOn: u.state === 'ended' ? u.validTo : null,
    successors: u.successors,
  };
}

function standing(locale: Locale, u: PickedUnit): string | null {
  if (u.state === 'alive') return null;
  if (u.state === 'not_yet') return t(locale, 'PICK_NOT_YET', { date: u.validFrom });
  const units = u.successors.map((s) => s.name).join(', ');
  return t(locale, units ? 'PICK_ENDED_INTO' : 'PICK_ENDED', { date: u.validTo!, units });
}

/** The line above the suggestions: how many matched and how many are shown. */
export function pickerSummary(locale: Locale, q: string, total: number, shown: number): string {
  if (total === 0) return t(locale, 'PICK_NONE', { q });
  if (total === 1) return t(locale, 'PICK_COUNT_ONE');
  const count = formatNumber(locale, total);
  return shown < total ? t(locale, 'PICK_SHOWN', { count, shown: formatNumber(locale, shown) }) : t(locale, 'PICK_COUNT', { count });
}

/** The line above a level of the tree being browsed: how many units it holds and how many are shown. */
export function pickerChildrenSummary(locale: Locale, total: number, shown: number): string {
  const count = formatNumber(locale, total);
  return shown < total ? t(locale, 'PICK_CHILDREN_SHOWN', { count, shown: formatNumber(locale, shown) }) : t(locale, 'PICK_CHILDREN', { count });
}

/** The words of the picker's own controls, in the reader's language. */
export function pickerWords(locale: Locale, remaining: number) {
  return { more: t(locale, 'PICK_MORE', { count: formatNumber(locale, remaining) }), refused: t(locale, 'PICK_REFUSED') };
}

/**
 * The units a form's fields name (`id:N` or a code), as the picker shows them on the form's date,
 * one entry per value (null when the value names no unit): a form sent back never shows a bare id.
 */
export async function pickedOptions(db: Db, fields: { name: string; value: string | string[] | undefined }[], at: IsoDate, locale: Locale) {
  const valuesOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v : [v ?? '']).map((s) => s.trim());
  const refs = fields.flatMap((f) => valuesOf(f.value)).filter((r) => /^(id:\d+|\d{2,5})$/.test(r));
  const found = refs.length ? await describeUnitRefs(db, refs, at) : new Map<string, PickedUnit>();
  const option = (ref: string) => (found.has(ref) ? pickerOption(locale, found.get(ref)!) : null);
  return Object.fromEntries(fields.map((f) => [f.name, valuesOf(f.value).map(option)]));
}
