/** Syllables of place names in Lào Cai (Hmông, Dao, Tày, Giáy and Kinh), for illustrative villages. */
const FIRST = ['Nậm', 'Sín', 'Lùng', 'Pả', 'Cốc', 'Na', 'Bản', 'Tả', 'Séo', 'Làng', 'Khe', 'Phìn', 'Cán', 'Ngải', 'Mường', 'Xín', 'Hoà', 'Tân', 'Đồng', 'Thác'];
const SECOND = ['Cang', 'Chải', 'Vai', 'Lầy', 'Hồ', 'Pao', 'Sán', 'Thàng', 'Mế', 'Ngòi', 'Khoá', 'Lùng', 'Phố', 'Tiến', 'Bo', 'Sinh', 'Hạ', 'Thượng', 'Mới', 'Đen'];

/** The `i`-th village name of a commune: "Thôn Nậm Cang", "Bản Sín Chải"; distinct within a commune. */
export function villageName(prefix: 'Thôn' | 'Bản', i: number, salt: number): string {
  const n = (i * 7 + salt) % (FIRST.length * SECOND.length);
  return `${prefix} ${FIRST[n % FIRST.length]} ${SECOND[Math.floor(n / FIRST.length)]}`;
}

export function residentialGroupName(i: number): string {
  return `Tổ dân phố số ${i + 1}`;
}

/** "Nậm Cang" from "Thôn Nậm Cang", for naming schools after the place they serve. */
export function placeOf(name: string): string {
  return name.replace(/^(Xã|Phường|Thị trấn|Huyện|Thị xã|Thành phố)\s+/, '');
}
