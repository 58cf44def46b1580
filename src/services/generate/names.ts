import type { Rng } from './random.js';

/** Sino-Vietnamese syllables common in lowland place names. */
const LOWLAND = [
  'An', 'Bình', 'Phú', 'Tân', 'Hòa', 'Hưng', 'Thịnh', 'Long', 'Phước', 'Mỹ', 'Thạnh', 'Đông', 'Tây', 'Nam', 'Bắc',
  'Trung', 'Sơn', 'Thủy', 'Lâm', 'Hải', 'Hà', 'Quang', 'Minh', 'Đức', 'Thành', 'Nghĩa', 'Lộc', 'Phúc', 'Thọ', 'Xuân',
  'Vĩnh', 'Yên', 'Cẩm', 'Gia', 'Kim', 'Ngọc', 'Hồng', 'Lạc', 'Thuận', 'Thái', 'Hiệp', 'Định', 'Khánh', 'Bảo', 'Châu',
  'Hương', 'Liên', 'Mai', 'Trường', 'Cát', 'Quế', 'Tiên', 'Vân', 'Đồng', 'Lương', 'Thượng', 'Hạ', 'Tiến', 'Hợp',
  'Kiến', 'Thắng', 'Lợi', 'Quảng', 'Hoàng', 'Đại', 'Cao', 'Linh', 'Nhân', 'Hội', 'Tường', 'Thanh', 'Vạn', 'Ninh',
  'Điền', 'Thiện', 'Hiền', 'Hậu', 'Khê', 'Giang', 'Dương', 'Lập', 'Phong', 'Phương', 'Quý', 'Tín', 'Trà', 'Tuy',
  'Văn', 'Việt', 'Xương', 'Hoa', 'Hữu', 'Lam', 'Nhơn', 'Phổ', 'Quỳnh', 'Tam', 'Ân', 'Cảnh', 'Diễn', 'Đoài', 'Hiếu',
];

/** Syllables of Tày, Thái, Mông and Dao place names in the northern mountains. */
const MOUNTAIN = [
  'Nậm', 'Pác', 'Sín', 'Chải', 'Lùng', 'Phìn', 'Mường', 'Khao', 'Nà', 'Bó', 'Cốc', 'Tả', 'Van', 'Hồ', 'Thầu', 'Ngải',
  'Sủng', 'Mần', 'Xín', 'Mồ', 'Pả', 'Hầu', 'Thàng', 'Cang', 'Lử', 'Sáng', 'Chồ', 'Lao', 'Sà', 'Phàng', 'Tủng', 'Pá',
  'Cháng', 'Lìn', 'Ngài', 'Tòng', 'Nhù', 'Dìn', 'Páo', 'Sảng', 'Pho', 'Mú', 'Tà', 'Púng', 'Pờ', 'Hua', 'Háng', 'Kè',
  'Chiềng', 'Noong', 'Phiêng', 'Huổi', 'Pắc', 'Khuổi', 'Lũng', 'Bản', 'Quang', 'Thèn', 'Ngòi', 'Chản',
];

/** The word before the name, by kind and subtype (Xã Tân Phú, Tổ dân phố 5). */
export const PREFIX: Record<string, string> = {
  tinh: 'Tỉnh', thanh_pho_tw: 'Thành phố',
  huyen: 'Huyện', thi_xa: 'Thị xã', thanh_pho: 'Thành phố', quan: 'Quận',
  xa: 'Xã', phuong: 'Phường', thi_tran: 'Thị trấn', dac_khu: 'Đặc khu',
  thon: 'Thôn', ban: 'Bản', to_dan_pho: 'Tổ dân phố',
};

const PREFIXES = Object.values(PREFIX).sort((a, b) => b.length - a.length);

/** The name without its prefix: "Xã Tân Phú" → "Tân Phú". */
export function coreName(name: string): string {
  const p = PREFIXES.find((x) => name.startsWith(`${x} `));
  return p ? name.slice(p.length + 1) : name;
}

export function withPrefix(subtype: string, core: string): string {
  return `${PREFIX[subtype]} ${core}`;
}

/** "huyện Tân Phú", "thị xã Sa Pa": the unit as it is cited inside another name. */
export function cited(subtype: string, core: string): string {
  return `${PREFIX[subtype].toLowerCase()} ${core}`;
}

/** Two-syllable place names, never the same twice within one scope. */
export class NameSource {
  private readonly used = new Map<string, Set<string>>();

  constructor(private readonly rng: Rng) {}

  place(scope: string, mountain = false): string {
    const pool = mountain ? MOUNTAIN : LOWLAND;
    const taken = this.taken(scope);
    for (let attempt = 0; ; attempt++) {
      const a = this.rng.pick(pool);
      const b = this.rng.pick(pool);
      const name = attempt < 50 ? `${a} ${b}` : `${a} ${b} ${this.rng.pick(pool)}`;
      if (a === b || taken.has(name)) continue;
      taken.add(name);
      return name;
    }
  }

  has(scope: string, name: string): boolean {
    return this.taken(scope).has(name);
  }

  /** Marks a name as taken in a scope (a unit renamed or kept its name). */
  claim(scope: string, name: string): void {
    this.taken(scope).add(name);
  }

  private taken(scope: string): Set<string> {
    let s = this.used.get(scope);
    if (!s) this.used.set(scope, (s = new Set()));
    return s;
  }
}
