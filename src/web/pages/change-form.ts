import type { DecidedType } from '../../domain/changes/index.js';
import { dayBefore } from '../../domain/dates.js';
import { KINDS, type Kind } from '../../domain/kinds.js';
import { CATEGORIES } from '../../domain/staffing.js';
import type { Db } from '../../db/connection.js';
import type { ChangeRequest, NewUnitRequest, Ref } from '../../services/change-request.js';
import { pickUnits } from '../../services/unit-search.service.js';
import { outputsFromTable } from '../../services/reform-table.js';
import { changeRequestSchema } from '../api/change.schemas.js';
import type { Locale } from '../i18n.js';
import { parseInput } from '../validation.js';

export type FormValues = Record<string, string | string[] | undefined>;
export type FormErrors = Record<string, string>;

/** The fields of each form, in the order shown; names follow the API so that errors land on the right field. */
export const FORM_FIELDS: Record<DecidedType, string[]> = {
  establish: ['name', 'code', 'reissue', 'subtype', 'parent', 'areaKm2', 'population', 'households', 'sector'],
  dissolve: ['unit', 'childrenTo', 'staffTo', 'staffReason'],
  merge: ['absorbed', 'into', 'name'],
  consolidate: ['units', 'name', 'code', 'reissue', 'subtype', 'parent'],
  split: ['unit', 'name1', 'code1', 'name2', 'code2', 'name3', 'code3', 'reissue', 'childrenTo', 'staffShares'],
  separate: ['unit', 'name', 'code', 'reissue', 'areaKm2', 'population'],
  transfer: ['mode', 'unit', 'toParent', 'from', 'to', 'children', 'areaKm2', 'population', 'households'],
  rename: ['unit', 'name'],
  reclassify: ['unit', 'subtype', 'name'],
  amend: ['unit', 'code', 'reissue', 'areaKm2', 'population', 'households'],
  reorganise: ['table', 'parent', 'dissolve', 'reissue'],
};
/** Who records is the signed-in user (issue 8), never a name typed in the form. */
export const COMMON_FIELDS = ['effectiveOn', 'decisionNumber', 'decisionSignedOn', 'decisionIssuer', 'decisionTitle', 'note'];
/** Fields that name several units: the form has several inputs of that name. */
export const MULTI_FIELDS = ['absorbed', 'units', 'children', 'dissolve'];

const text = (v: FormValues[string]) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const list = (v: FormValues[string]) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
const number = (v: FormValues[string]) => {
  const s = text(v)?.replace(/\s/g, '').replace(',', '.');
  return s === undefined ? undefined : Number(s);
};

/** "kind:subtype" from the grouped select. */
function kindAndSubtype(v: FormValues[string]): { kind?: Kind; subtype?: string } {
  const [kind, subtype] = (text(v) ?? '').split(':');
  return (KINDS as readonly string[]).includes(kind) ? { kind: kind as Kind, subtype } : {};
}

/**
 * A unit typed in a form: `id:42`, an official code, or a name (narrowed by its ancestors' names,
 * as the picker does) that only one unit alive on the day before the change answers, so that the
 * form works without the picker's script.
 */
async function formRef(db: Db, value: string, date: string, locale: Locale): Promise<Ref | string> {
  if (/^id:\d+$/.test(value)) return { id: Number(value.slice(3)) };
  if (/^[0-9]{2,5}$/.test(value)) return { code: value };
  const hits = (await pickUnits(db, value, dayBefore(date), { offset: 0, limit: 20 })).units.filter((u) => u.state === 'alive');
  const exact = hits.filter((h) => h.name.toLowerCase() === value.toLowerCase());
  const found = exact.length === 1 ? exact : hits;
  if (found.length === 1) return { id: found[0].unitId };
  if (found.length === 0) return locale === 'en' ? `No unit named “${value}” exists then.` : `Không có đơn vị nào tên “${value}” vào thời điểm đó.`;
  return locale === 'en' ? `${found.length} units match “${value}”: pick one from the list or type its code.` : `Có ${found.length} đơn vị khớp “${value}”: hãy chọn trong danh sách hoặc nhập mã.`;
}

function figures(v: FormValues) {
  return { areaKm2: number(v.areaKm2), population: number(v.population), households: number(v.households), sector: text(v.sector) };
}

function newUnit(v: FormValues, suffix = ''): NewUnitRequest {
  return { name: text(v[`name${suffix}`]) ?? '', code: text(v[`code${suffix}`]) ?? null };
}

/** Builds the API request of a form, resolving the units it names; every problem is reported against its field. */
export async function formToRequest(db: Db, type: DecidedType, v: FormValues, locale: Locale): Promise<{ request?: ChangeRequest; errors: FormErrors }> {
  const errors: FormErrors = {};
  const date = text(v.effectiveOn) ?? '';
  const refs = async (field: string): Promise<Ref[]> => {
    const out: Ref[] = [];
    for (const value of list(v[field])) {
      const r = /^\d{4}-\d{2}-\d{2}$/.test(date) ? await formRef(db, value, date, locale) : { code: value };
      if (typeof r === 'string') errors[field] = r;
      else out.push(r);
    }
    return out;
  };
  const ref = async (field: string) => (await refs(field))[0];
  const body: Record<string, unknown> = {
    type,
    effectiveOn: date,
    decision: { number: text(v.decisionNumber) ?? '', signedOn: text(v.decisionSignedOn) ?? null, issuer: text(v.decisionIssuer) ?? null, title: text(v.decisionTitle) ?? null },
    note: text(v.note) ?? null,
    recordedBy: text(v.recordedBy),
  };
  switch (type) {
    case 'establish':
      body.units = [{ ...newUnit(v), ...kindAndSubtype(v.subtype), parent: (await ref('parent')) ?? null, figures: figures(v) }];
      break;
    case 'dissolve': {
      // Staff of a dissolved unit go to another unit, or leave for a stated reason (staffing rule of issue 5).
      const staffTo = await ref('staffTo');
      const staff = staffTo ? { to: staffTo } : text(v.staffReason) ? { reason: text(v.staffReason) } : undefined;
      Object.assign(body, { unit: await ref('unit'), childrenTo: (await ref('childrenTo')) ?? null, ...(staff ? { staff } : {}) });
      break;
    }
    case 'merge':
      Object.assign(body, { absorbed: await refs('absorbed'), into: await ref('into'), name: text(v.name) });
      break;
    case 'consolidate': {
      const parent = await ref('parent');
      Object.assign(body, { units: await refs('units'), result: { ...newUnit(v), ...kindAndSubtype(v.subtype), ...(parent ? { parent } : {}) } });
      break;
    }
    case 'split': {
      const into = ['1', '2', '3'].filter((i) => text(v[`name${i}`]) || text(v[`code${i}`])).map((i) => newUnit(v, i));
      const to = number(v.childrenTo);
      // Staff go to the first new unit unless the form sends some of a category to the second or third.
      const staff = [2, 3].flatMap((n) => CATEGORIES.map((category) => ({ to: n - 1, category, count: number(v[`staff${n}_${category}`]) ?? 0 })))
        .filter((sh) => sh.count !== 0);
      Object.assign(body, { unit: await ref('unit'), into, ...(to ? { childrenTo: to - 1 } : {}), ...(staff.length ? { staff } : {}) });
      break;
    }
    case 'separate':
      Object.assign(body, { unit: await ref('unit'), parts: [{ ...newUnit(v), figures: { areaKm2: number(v.areaKm2), population: number(v.population) } }] });
      break;
    case 'transfer':
      if (text(v.mode) === 'part') Object.assign(body, { from: await ref('from'), to: await ref('to'), children: await refs('children'), figures: figures(v) });
      else Object.assign(body, { unit: await ref('unit'), toParent: await ref('toParent') });
      break;
    case 'rename':
      Object.assign(body, { unit: await ref('unit'), name: text(v.name) });
      break;
    case 'reclassify':
      Object.assign(body, { unit: await ref('unit'), ...kindAndSubtype(v.subtype), name: text(v.name) });
      break;
    case 'reorganise': {
      // The correspondence table as the resolution's annex gives it, one row per (new, old) pair.
      const parent = await ref('parent');
      const t = outputsFromTable(text(v.table) ?? '', parent);
      if (t.errors.length) errors.table = t.errors.map((e) => `${locale === 'en' ? 'line' : 'dòng'} ${e.row}, ${e.column}: ${e.message}`).join('; ');
      else if (!t.outputs.length && !list(v.dissolve).length) errors.table = locale === 'en' ? 'Give the table of new and old units.' : 'Hãy nhập bảng đơn vị mới và đơn vị cũ.';
      const dissolve = await refs('dissolve');
      Object.assign(body, { outputs: t.outputs, ...(dissolve.length ? { dissolve, ...(parent ? { childrenTo: parent } : {}) } : {}) });
      if (text(v.reissue)) body.reissue = t.reissue.length ? t.reissue : t.outputs.flatMap((o) => ('unit' in o && o.unit.code ? [o.unit.code] : []));
      break;
    }
    case 'amend': {
      const f = figures(v);
      Object.assign(body, { unit: await ref('unit'), figures: { areaKm2: f.areaKm2, population: f.population, households: f.households }, ...(text(v.code) ? { code: text(v.code) } : {}) });
      break;
    }
  }
  // The box acknowledges reissuing the codes this form gives (the engine still refuses a code a living unit holds).
  if (text(v.reissue) && type !== 'reorganise') body.reissue = ['code', 'code1', 'code2', 'code3'].flatMap((f) => text(v[f]) ?? []);
  const parsed = parseInput(changeRequestSchema, JSON.parse(JSON.stringify(body)), locale);
  if (!parsed.ok) for (const e of parsed.errors) errors[fieldOf(type, e.path)] ??= e.message;
  return Object.keys(errors).length ? { errors } : { request: parsed.ok ? (parsed.value as ChangeRequest) : undefined, errors };
}

/** The form field an API or domain error path belongs to ("decision.number" → decisionNumber, "into.1.name" → name2). */
export function fieldOf(type: DecidedType, path: string): string {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'staff') return type === 'dissolve' ? 'staffTo' : type === 'split' ? 'staffShares' : '_form';
  if (parts[0] === 'decision') return `decision${(parts[1] ?? 'number').replace(/^./, (c) => c.toUpperCase())}`;
  const fields = [...FORM_FIELDS[type], ...COMMON_FIELDS];
  if (type === 'reorganise' && (parts[0] === 'outputs' || parts[0] === 'childMoves')) return 'table';
  if (type === 'split' && parts[0] === 'into' && parts[1]) return `${parts[2] === 'code' ? 'code' : 'name'}${Number(parts[1]) + 1}`;
  const named = [...parts].reverse().find((p) => fields.includes(p) && !/^\d+$/.test(p));
  if (named) return named;
  if (['units', 'result', 'parts'].includes(parts[0]) && type !== 'consolidate') return 'name';
  if (parts[0] === 'figures' || parts[0] === 'remaining') return 'areaKm2';
  return fields.includes(parts[0]) ? parts[0] : '_form';
}
