import type { Country, ProvinceInfo } from './country.js';
import { OPENING } from './opening.js';
import { Rng } from './random.js';

/** Names of real island districts; none shares a syllable pair with the generated names. */
const ISLANDS = ['Bạch Long Vĩ', 'Cồn Cỏ', 'Hoàng Sa', 'Trường Sa', 'Cô Tô', 'Lý Sơn', 'Côn Đảo', 'Kiên Hải'];

/**
 * A few coastal provinces also have an island district without communes (as Hải Phòng, Quảng Trị,
 * Đà Nẵng and Khánh Hòa had), listed on the code list like any district. They draw from their own
 * generator seeded from the country's, so adding them leaves the rest of the country as it was.
 */
export function openIslands(c: Country, provinces: ProvinceInfo[], seed: number): void {
  const rng = new Rng(seed * 7919 + 104_729);
  const coastal = provinces.filter((p) => p.coastal);
  const count = Math.min(ISLANDS.length, Math.max(1, Math.round((provinces.length * 4) / 63)));
  const chosen = rng.shuffle(coastal.length ? coastal : provinces).slice(0, count);
  const names = rng.shuffle(ISLANDS);
  const codeList = c.decisions.fixed('124/2004/QĐ-TTg', 'Thủ tướng Chính phủ', '2004-07-08', 'Ban hành Danh mục và mã số các đơn vị hành chính Việt Nam');
  chosen.forEach((p, i) => {
    const figures = { areaKm2: rng.int(300, 30_000) / 100, population: rng.int(300, 6_000) };
    const unit = c.newUnit('district', 'huyen', `Huyện ${names[i]}`, p.id, { code: c.districtCode(), figures });
    c.islands.add(unit.id);
    c.record(OPENING, { type: 'establish', units: [unit] }, codeList);
  });
}
