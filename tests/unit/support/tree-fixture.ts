import { expect } from 'vitest';
import { applyChange, type ChangeInput, type NewUnit, type Outcome } from '../../../src/domain/changes/index.js';
import type { IsoDate } from '../../../src/domain/dates.js';
import { DomainError } from '../../../src/domain/errors.js';
import { NO_FIGURES, Tree, type Attrs, type UnitId, type Version } from '../../../src/domain/tree.js';

/** The day the fixture's units come into being, and a later day the tests record changes on. */
export const OPENED: IsoDate = '2020-01-01';
export const ON: IsoDate = '2024-01-01';
export const LATER: IsoDate = '2024-07-01';

export const ID = {
  laoCai: 1,
  bacHa: 2,
  siMaCai: 3,
  ttBacHa: 10,
  taChai: 11,
  naHoi: 12,
  sanChai: 20,
  nanSan: 21,
  thonNaKim: 30,
  thonTaChai: 31,
  tdpNaCo: 32,
  ubndTinh: 40,
  soNoiVu: 41,
  phongToChuc: 42,
  chiCucVanThu: 43,
  thpt1BacHa: 50,
  thpt2BacHa: 51,
} as const;

export const CODE = {
  laoCai: '10',
  bacHa: '085',
  siMaCai: '084',
  ttBacHa: '02839',
  taChai: '02872',
  naHoi: '02866',
  sanChai: '02815',
  nanSan: '02803',
} as const;

type Spec = Pick<Attrs, 'name' | 'kind' | 'subtype' | 'parentId'> & Partial<Attrs>;

function version(unitId: UnitId, spec: Spec): Version {
  return { ...NO_FIGURES, code: null, ...spec, unitId, validFrom: OPENED, validTo: null };
}

/**
 * Part of Lào Cai as of 2020: two districts, their communes with area and population, a few
 * villages with households, and the provincial home-affairs agencies with two schools.
 */
export function laoCaiVersions(): Version[] {
  const commune = (id: UnitId, name: string, code: string, parentId: UnitId, areaKm2: number, population: number, subtype = 'xa') =>
    version(id, { name, code, kind: 'commune', subtype, parentId, areaKm2, population });
  const village = (id: UnitId, name: string, parentId: UnitId, households: number, subtype = 'thon') =>
    version(id, { name, kind: 'village', subtype, parentId, households });
  return [
    version(ID.laoCai, { name: 'Tỉnh Lào Cai', code: CODE.laoCai, kind: 'province', subtype: 'tinh', parentId: null, areaKm2: 6364.25, population: 730420 }),
    version(ID.bacHa, { name: 'Huyện Bắc Hà', code: CODE.bacHa, kind: 'district', subtype: 'huyen', parentId: ID.laoCai }),
    version(ID.siMaCai, { name: 'Huyện Si Ma Cai', code: CODE.siMaCai, kind: 'district', subtype: 'huyen', parentId: ID.laoCai }),
    commune(ID.ttBacHa, 'Thị trấn Bắc Hà', CODE.ttBacHa, ID.bacHa, 1.47, 8861, 'thi_tran'),
    commune(ID.taChai, 'Xã Tà Chải', CODE.taChai, ID.bacHa, 5.02, 3342),
    commune(ID.naHoi, 'Xã Na Hối', CODE.naHoi, ID.bacHa, 22.8, 4500),
    commune(ID.sanChai, 'Xã Sán Chải', CODE.sanChai, ID.siMaCai, 16.3, 2900),
    commune(ID.nanSan, 'Xã Nàn Sán', CODE.nanSan, ID.siMaCai, 21.5, 3400),
    village(ID.thonNaKim, 'Thôn Na Kim', ID.taChai, 150),
    village(ID.thonTaChai, 'Thôn Tà Chải', ID.taChai, 120),
    village(ID.tdpNaCo, 'Tổ dân phố Na Cồ', ID.ttBacHa, 210, 'to_dan_pho'),
    version(ID.ubndTinh, { name: 'UBND tỉnh Lào Cai', kind: 'agency', subtype: 'ubnd', parentId: ID.laoCai }),
    version(ID.soNoiVu, { name: 'Sở Nội vụ', kind: 'agency', subtype: 'so', parentId: ID.ubndTinh }),
    version(ID.phongToChuc, { name: 'Phòng Tổ chức biên chế', kind: 'agency', subtype: 'phong', parentId: ID.soNoiVu }),
    version(ID.chiCucVanThu, { name: 'Chi cục Văn thư - Lưu trữ', kind: 'agency', subtype: 'chi_cuc', parentId: ID.soNoiVu }),
    version(ID.thpt1BacHa, { name: 'Trường THPT số 1 Bắc Hà', kind: 'public_service_unit', subtype: 'giao_duc', parentId: ID.bacHa, areaKm2: 0.02, population: 900 }),
    version(ID.thpt2BacHa, { name: 'Trường THPT số 2 Bắc Hà', kind: 'public_service_unit', subtype: 'giao_duc', parentId: ID.bacHa, areaKm2: 0.01, population: 600 }),
  ];
}

export function laoCai(): Tree {
  return new Tree(laoCaiVersions());
}

/** A unit for a change to create; a commune of Huyện Bắc Hà unless told otherwise. */
export function newUnit(id: UnitId, over: Partial<NewUnit> = {}): NewUnit {
  return { id, name: `Đơn vị ${id}`, code: null, kind: 'commune', subtype: 'xa', parent: ID.bacHa, figures: {}, ...over };
}

export function apply(tree: Tree, date: IsoDate, input: ChangeInput): Outcome {
  return applyChange(tree, date, input);
}

/** The DomainError `run` throws; fails the test when it returns or throws anything else. */
export function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError, but the change was accepted');
}

/** [name, validFrom, validTo] of each version, for compact history assertions. */
export function spans(tree: Tree, id: UnitId): [string, IsoDate, IsoDate | null][] {
  return tree.history(id).map((v) => [v.name, v.validFrom, v.validTo]);
}

export function namesUnder(tree: Tree, parent: UnitId, date: IsoDate): string[] {
  return tree.children(parent, date).map((id) => tree.on(id, date)!.name);
}
