import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Trx } from '../../src/db/connection.js';
import { typeFromWord } from '../../src/domain/vocabulary.js';
import { parseCsv } from '../../src/services/csv.js';
import { planReform, recordReformIn } from '../../src/services/reform-import.service.js';
import type { PlannedChange } from './plan.js';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '../data');
const read = (file: string) => readFileSync(path.join(DATA, file));

/** The statistics office's list of 01/03/2025: the first day of Yên Bái's record in the demo. */
export const YEN_BAI_FROM = '2025-03-01';
export const REFORM_ON = '2025-07-01';
/** When the demo says the reform was recorded: fixed, so every load is the same. */
const RECORDED_AT = '2025-07-01T08:00:00.000Z';

/**
 * Real: tỉnh Yên Bái as the statistics office listed it on 01/03/2025 (9 district-level units, 168
 * commune-level units). We hold no earlier list, so its record begins that day.
 */
export function yenBai2025(): PlannedChange[] {
  const { rows } = parseCsv(read('yen-bai-communes-2025-03-01.csv'));
  const decision = { number: 'Danh mục ĐVHC 01/03/2025', issuer: 'Cục Thống kê', signedOn: YEN_BAI_FROM, title: 'Danh mục các đơn vị hành chính Việt Nam (Yên Bái)' };
  const note = 'Hồ sơ của tỉnh Yên Bái bắt đầu từ danh mục ngày 01/03/2025 (không có danh mục trước đó).';
  const districts = [...new Map(rows.map((r) => [r.district_code, r])).values()];
  const typed = (word: string) => typeFromWord(word)!;
  return [
    { date: YEN_BAI_FROM, build: () => ({ type: 'establish', effectiveOn: YEN_BAI_FROM, decision, note, units: [{ name: 'Tỉnh Yên Bái', code: '15', kind: 'province', subtype: 'tinh', parent: null }] }) },
    {
      date: YEN_BAI_FROM,
      build: () => ({
        type: 'establish', effectiveOn: YEN_BAI_FROM, decision, note,
        units: districts.map((r) => ({ name: r.district_name, code: r.district_code, ...typed(r.district_type), parent: { code: '15' } })),
      }),
    },
    {
      date: YEN_BAI_FROM,
      build: () => ({
        type: 'establish', effectiveOn: YEN_BAI_FROM, decision, note,
        units: rows.map((r) => ({ name: r.name, code: r.code, ...typed(r.type), parent: { code: r.district_code } })),
      }),
    },
  ];
}

/**
 * Real: on 01/07/2025 Nghị quyết 202/2025/QH15 formed the new tỉnh Lào Cai (code 15) from Lào Cai
 * and Yên Bái, Nghị quyết 1673/NQ-UBTVQH15 took their 319 commune-level units to 99, and Luật
 * 72/2025/QH15 ended the district level. Recorded through the reform import, from the published
 * tables as they are. Illustrative: the district-level offices and public service units go to the province.
 */
export async function reform2025(trx: Trx): Promise<number> {
  const plan = await planReform(trx, {
    communes: read('lao-cai-2025-07-01-communes.csv'),
    provinces: read('lao-cai-2025-07-01-provinces.csv'),
    at: REFORM_ON,
    decisions: {
      provinces: { number: '202/2025/QH15', issuer: 'Quốc hội', signedOn: '2025-06-12', title: 'Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh' },
      communes: { number: '1673/NQ-UBTVQH15', issuer: 'Ủy ban Thường vụ Quốc hội', signedOn: '2025-06-16', title: 'Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Lào Cai năm 2025' },
      districts: { number: '72/2025/QH15', issuer: 'Quốc hội', signedOn: '2025-06-16', title: 'Luật Tổ chức chính quyền địa phương' },
    },
  });
  return (await recordReformIn(trx, plan, { username: 'demo' }, RECORDED_AT)).changes.length;
}
