/**
 * The kinds of unit, their subtypes, and the one table saying which kind may sit under which.
 * Territorial units nest; agencies and public service units hang under the body that manages them.
 */
export const KINDS = ['province', 'district', 'commune', 'village', 'agency', 'public_service_unit'] as const;
export type Kind = (typeof KINDS)[number];

export const SUBTYPES: Record<Kind, readonly string[]> = {
  province: ['tinh', 'thanh_pho_tw'],
  district: ['huyen', 'thi_xa', 'thanh_pho', 'quan'],
  commune: ['xa', 'phuong', 'thi_tran', 'dac_khu'],
  village: ['thon', 'ban', 'to_dan_pho'],
  agency: ['ubnd', 'so', 'ban', 'van_phong', 'thanh_tra', 'chi_cuc', 'phong'],
  public_service_unit: ['giao_duc', 'y_te', 'van_hoa', 'nong_nghiep', 'khac'],
};

/** `null` in a list means the kind may be a root of the tree. */
export const PARENT_RULES: Record<Kind, readonly (Kind | null)[]> = {
  province: [null],
  district: ['province'],
  // From 01/07/2025 communes sit directly under the province.
  commune: ['district', 'province'],
  village: ['commune'],
  agency: ['province', 'district', 'commune', 'agency'],
  public_service_unit: ['province', 'district', 'commune', 'agency', 'public_service_unit'],
};

export function mayBeUnder(child: Kind, parent: Kind | null): boolean {
  return PARENT_RULES[child].includes(parent);
}

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

export function isSubtypeOf(kind: Kind, subtype: string): boolean {
  return SUBTYPES[kind].includes(subtype);
}

/** Kinds whose area and population add up when units merge. */
export const TERRITORIAL: readonly Kind[] = ['province', 'district', 'commune', 'village'];
