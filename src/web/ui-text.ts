import { DECIDED_TYPES } from '../domain/changes/index.js';
import type { Locale } from './i18n.js';

type Text = { vi: string; en: string };

/** Subtypes are labelled per kind: "ban" is a bản among villages and a Ban among agencies. */
const SUBTYPES: Record<string, Record<string, Text>> = {
  province: { tinh: { vi: 'Tỉnh', en: 'Province' }, thanh_pho_tw: { vi: 'Thành phố trực thuộc TW', en: 'Centrally-run city' } },
  district: {
    huyen: { vi: 'Huyện', en: 'District' }, thi_xa: { vi: 'Thị xã', en: 'Town' },
    thanh_pho: { vi: 'Thành phố', en: 'Provincial city' }, quan: { vi: 'Quận', en: 'Urban district' },
  },
  commune: {
    xa: { vi: 'Xã', en: 'Commune' }, phuong: { vi: 'Phường', en: 'Ward' },
    thi_tran: { vi: 'Thị trấn', en: 'Township' }, dac_khu: { vi: 'Đặc khu', en: 'Special zone' },
  },
  village: { thon: { vi: 'Thôn', en: 'Village' }, ban: { vi: 'Bản', en: 'Village (bản)' }, to_dan_pho: { vi: 'Tổ dân phố', en: 'Residential group' } },
  agency: {
    ubnd: { vi: 'UBND', en: "People's committee" }, so: { vi: 'Sở', en: 'Department' }, ban: { vi: 'Ban', en: 'Board' },
    van_phong: { vi: 'Văn phòng', en: 'Office' }, thanh_tra: { vi: 'Thanh tra', en: 'Inspectorate' },
    chi_cuc: { vi: 'Chi cục', en: 'Branch' }, phong: { vi: 'Phòng', en: 'Division' },
  },
  public_service_unit: {
    giao_duc: { vi: 'Giáo dục', en: 'Education' }, y_te: { vi: 'Y tế', en: 'Health' }, van_hoa: { vi: 'Văn hoá, thể thao', en: 'Culture, sport' },
    nong_nghiep: { vi: 'Nông nghiệp', en: 'Agriculture' }, khac: { vi: 'Khác', en: 'Other' },
  },
};

const KINDS_PLURAL: Record<string, Text> = {
  province: { vi: 'tỉnh', en: 'provinces' },
  district: { vi: 'huyện', en: 'districts' },
  commune: { vi: 'xã', en: 'communes' },
  village: { vi: 'thôn, tổ dân phố', en: 'villages' },
  agency: { vi: 'cơ quan hành chính', en: 'agencies' },
  public_service_unit: { vi: 'đơn vị sự nghiệp', en: 'public service units' },
};

export const CHANGE_TYPES: Record<string, Text & { verb: Text }> = {
  establish: { vi: 'Thành lập', en: 'Establish', verb: { vi: 'thành lập đơn vị mới', en: 'a new unit comes into being' } },
  dissolve: { vi: 'Giải thể', en: 'Dissolve', verb: { vi: 'đơn vị chấm dứt hoạt động', en: 'a unit ends' } },
  merge: { vi: 'Nhập, sáp nhập', en: 'Merge', verb: { vi: 'nhập vào một đơn vị tiếp tục tồn tại', en: 'units join one that continues' } },
  consolidate: { vi: 'Hợp nhất', en: 'Consolidate', verb: { vi: 'hợp nhất thành một đơn vị mới', en: 'units become one new unit' } },
  split: { vi: 'Chia', en: 'Split', verb: { vi: 'chia một đơn vị thành nhiều đơn vị mới', en: 'one unit becomes several new ones' } },
  separate: { vi: 'Tách', en: 'Separate', verb: { vi: 'tách một phần thành đơn vị mới', en: 'part of a unit becomes a new unit' } },
  transfer: { vi: 'Điều chuyển, điều chỉnh địa giới', en: 'Transfer', verb: { vi: 'chuyển đơn vị hoặc một phần địa giới', en: 'a unit, or part of one, moves' } },
  rename: { vi: 'Đổi tên', en: 'Rename', verb: { vi: 'đổi tên, giữ nguyên mã', en: 'new name, same code' } },
  reclassify: { vi: 'Chuyển đổi loại', en: 'Reclassify', verb: { vi: 'xã thành phường, huyện thành thị xã…', en: 'commune to ward, district to town…' } },
  amend: { vi: 'Đính chính số liệu', en: 'Amend figures', verb: { vi: 'sửa diện tích, dân số, mã', en: 'correct area, population, code' } },
  reorganise: { vi: 'Sắp xếp', en: 'Reorganise', verb: { vi: 'nhiều đơn vị thành nhiều đơn vị, toàn bộ hoặc một phần (2025)', en: 'many units into many, wholly or in part (2025)' } },
  correct: { vi: 'Sửa lỗi nhập liệu', en: 'Data-entry correction', verb: { vi: 'sửa tên nhập sai, không cần quyết định', en: 'a mistyped name put right, no decision needed' } },
};

/** The types a decision orders, as the change form and plans offer them (a correction has its own form). */
export const DECIDED_TYPE_TEXT = Object.fromEntries(DECIDED_TYPES.map((t) => [t, CHANGE_TYPES[t]]));

export function subtypeLabel(locale: Locale, kind: string, subtype: string): string {
  return SUBTYPES[kind]?.[subtype]?.[locale] ?? subtype;
}

export function subtypeOptions(locale: Locale, kind: string): { value: string; label: string }[] {
  return Object.entries(SUBTYPES[kind] ?? {}).map(([value, t]) => ({ value, label: t[locale] }));
}

export function kindsLabel(locale: Locale, kind: string): string {
  return KINDS_PLURAL[kind]?.[locale] ?? kind;
}

export function changeTypeLabel(locale: Locale, type: string): string {
  return CHANGE_TYPES[type]?.[locale] ?? type;
}
