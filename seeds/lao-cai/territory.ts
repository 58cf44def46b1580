import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../src/services/csv.js';
import { parseChangesCsv } from '../../src/services/import.service.js';
import { typeFromWord } from '../../src/domain/vocabulary.js';
import type { NewUnitRequest } from '../../src/services/change-request.js';
import { OPENING, OPENING_DECISION, type PlannedChange } from './plan.js';
import { intBetween, rng, round2 } from './random.js';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '../data');
const read = (file: string) => readFileSync(path.join(DATA, file), 'utf8');

export interface Commune {
  code: string;
  name: string;
  subtype: string;
  district: string;
}

/**
 * Before Nghị quyết 767/NQ-UBTVQH14 (our simplified reconstruction): huyện Sa Pa with thị trấn Sa Pa
 * and 17 xã — the five future phường as xã of the same name, plus Hầu Thào and Thanh Kim.
 */
const SA_PA_BEFORE: Record<string, { name: string; subtype: string }> = {
  '03001': { name: 'Thị trấn Sa Pa', subtype: 'thi_tran' },
  '03002': { name: 'Xã Sa Pả', subtype: 'xa' },
  '03003': { name: 'Xã Ô Quý Hồ', subtype: 'xa' },
  '03006': { name: 'Xã Phan Si Păng', subtype: 'xa' },
  '03016': { name: 'Xã Hàm Rồng', subtype: 'xa' },
  '03028': { name: 'Xã Cầu Mây', subtype: 'xa' },
};
const SA_PA_CLOSED: Commune[] = [
  { code: '03025', name: 'Xã Hầu Thào', subtype: 'xa', district: '088' },
  { code: '03031', name: 'Xã Thanh Kim', subtype: 'xa', district: '088' },
];

/** Real figures published for the 2024 merger (Báo Lào Cai); every other commune's are illustrative. */
const KNOWN_FIGURES: Record<string, { areaKm2: number; population: number }> = {
  '02839': { areaKm2: 1.47, population: 8861 },
  '02872': { areaKm2: 5.02, population: 3342 },
};

/** The 164 commune-level units of 2015: the official list of 01/12/2019 with Sa Pa as it was before 767. */
export function openingCommunes(): Commune[] {
  const rows = parseCsv(read('lao-cai-communes-2019-12-01.csv')).rows.map((r) => ({
    code: r.code, name: r.name, subtype: typeFromWord(r.type)!.subtype, district: r.district_code,
    ...(SA_PA_BEFORE[r.code] as { name: string; subtype: string } | undefined),
  }));
  return [...rows, ...SA_PA_CLOSED].sort((a, b) => a.code.localeCompare(b.code));
}

export const DISTRICTS = [
  { code: '080', name: 'Thành phố Lào Cai', subtype: 'thanh_pho' },
  { code: '082', name: 'Huyện Bát Xát', subtype: 'huyen' },
  { code: '083', name: 'Huyện Mường Khương', subtype: 'huyen' },
  { code: '084', name: 'Huyện Si Ma Cai', subtype: 'huyen' },
  { code: '085', name: 'Huyện Bắc Hà', subtype: 'huyen' },
  { code: '086', name: 'Huyện Bảo Thắng', subtype: 'huyen' },
  { code: '087', name: 'Huyện Bảo Yên', subtype: 'huyen' },
  { code: '088', name: 'Huyện Sa Pa', subtype: 'huyen' },
  { code: '089', name: 'Huyện Văn Bàn', subtype: 'huyen' },
];

/** Illustrative area and population, in ranges typical of each type (mountain xã are large and sparse). */
function figures(c: Commune) {
  const r = rng(Number(c.code));
  if (KNOWN_FIGURES[c.code]) return KNOWN_FIGURES[c.code];
  if (c.subtype === 'phuong') return { areaKm2: round2(6 + r() * 14), population: intBetween(r, 8000, 20000) };
  if (c.subtype === 'thi_tran') return { areaKm2: round2(15 + r() * 25), population: intBetween(r, 7000, 15000) };
  return { areaKm2: round2(38 + r() * 100), population: intBetween(r, 3700, 9500) };
}

export function territoryOpening(): PlannedChange[] {
  const base = { effectiveOn: OPENING, decision: OPENING_DECISION };
  const communes: NewUnitRequest[] = openingCommunes().map((c) => ({
    name: c.name, code: c.code, kind: 'commune', subtype: c.subtype, parent: { code: c.district }, figures: figures(c),
  }));
  return [
    { date: OPENING, build: () => ({ ...base, type: 'establish', units: [{ name: 'Tỉnh Lào Cai', code: '10', kind: 'province', subtype: 'tinh', parent: null, figures: { areaKm2: 6364.25 } }] }) },
    { date: OPENING, build: () => ({ ...base, type: 'establish', units: DISTRICTS.map((d) => ({ ...d, kind: 'district' as const, parent: { code: '10' } })) }) },
    { date: OPENING, build: () => ({ ...base, type: 'establish', units: communes }) },
  ];
}

const NQ_767 = {
  number: '767/NQ-UBTVQH14', issuer: 'Ủy ban Thường vụ Quốc hội', signedOn: '2019-09-11',
  title: 'Nghị quyết về việc thành lập thị xã Sa Pa và các phường thuộc thị xã Sa Pa, tỉnh Lào Cai',
};
const NOTE_767 = 'Tái dựng giản lược: nguồn của chúng tôi không nêu cách 18 đơn vị cũ hợp thành 16 đơn vị mới; ngày hiệu lực lấy là 01/10/2019.';

/** Nghị quyết 767/NQ-UBTVQH14: huyện Sa Pa becomes thị xã Sa Pa, 18 → 16 commune-level units. */
export function saPa767(): PlannedChange[] {
  const date = '2019-10-01';
  const base = { effectiveOn: date, decision: NQ_767, note: NOTE_767 };
  const phuong = Object.entries(SA_PA_BEFORE).map(([code, before]): PlannedChange => ({
    date, build: () => ({ ...base, type: 'reclassify', unit: { code }, subtype: 'phuong', name: before.name.replace(/^(Xã|Thị trấn)/, 'Phường') }),
  }));
  return [
    { date, build: () => ({ ...base, type: 'reclassify', unit: { code: '088' }, subtype: 'thi_xa', name: 'Thị xã Sa Pa' }) },
    ...phuong,
    { date, build: () => ({ ...base, type: 'merge', absorbed: [{ code: '03025' }], into: { code: '03019' } }) },
    { date, build: () => ({ ...base, type: 'merge', absorbed: [{ code: '03031' }], into: { code: '03022' } }) },
  ];
}

/** The real changes of 2020–2024 (896/NQ-UBTVQH14, 1197/NQ-UBTVQH15), exactly as in the shared CSV. */
export function realChanges(): PlannedChange[] {
  return parseChangesCsv(read('lao-cai-changes-2019-2024.csv')).map(({ request }) => ({ date: request.effectiveOn, build: () => request }));
}
