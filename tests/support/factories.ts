import type { Db } from '../../src/db/connection.js';
import type { ChangeRequest, NewUnitRequest } from '../../src/services/change-request.js';
import { recordChange } from '../../src/services/change.service.js';

let n = 0;

type Loose<R> = R extends unknown ? Omit<R, 'decision'> & { decision?: ChangeRequest['decision'] } : never;

/** Records a change with a throwaway decision; returns the outcome. */
export async function record(db: Db, req: Loose<ChangeRequest>) {
  return recordChange(db, { decision: { number: `${++n}/QĐ-UBND` }, ...req } as ChangeRequest);
}

/** Establishes one unit and returns its id. */
export async function establish(db: Db, date: string, unit: NewUnitRequest): Promise<number> {
  const r = await record(db, { type: 'establish', effectiveOn: date, units: [unit] });
  return r.outcome.created[0];
}

/** A small province: Tỉnh Thử (code 99), two districts, communes and villages. */
export async function smallProvince(db: Db, date = '2019-01-01') {
  const province = await establish(db, date, { name: 'Tỉnh Thử', code: '99', kind: 'province', subtype: 'tinh', parent: null });
  const d1 = await establish(db, date, { name: 'Huyện Một', code: '901', kind: 'district', subtype: 'huyen', parent: { id: province } });
  const d2 = await establish(db, date, { name: 'Huyện Hai', code: '902', kind: 'district', subtype: 'huyen', parent: { id: province } });
  const commune = (name: string, code: string, parent: number, area: number, population: number) =>
    establish(db, date, { name, code, kind: 'commune', subtype: 'xa', parent: { id: parent }, figures: { areaKm2: area, population } });
  const c1 = await commune('Xã Bản Mế', '90001', d1, 30, 3000);
  const c2 = await commune('Xã Nàn Sán', '90002', d1, 20, 2500);
  const c3 = await commune('Xã Cán Cấu', '90003', d2, 40, 4000);
  const v1 = await establish(db, date, { name: 'Thôn Một', kind: 'village', subtype: 'thon', parent: { id: c2 }, figures: { households: 80 } });
  const v2 = await establish(db, date, { name: 'Thôn Hai', kind: 'village', subtype: 'thon', parent: { id: c2 }, figures: { households: 120 } });
  return { province, d1, d2, c1, c2, c3, v1, v2 };
}
