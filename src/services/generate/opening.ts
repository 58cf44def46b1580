import type { NewUnit } from '../../domain/changes/index.js';
import type { UnitId } from '../../domain/tree.js';
import { COMMUNE_BODIES, DISTRICT_BODIES, PROVINCE_BODIES, SECTOR, type BodyTemplate } from './catalogue.js';
import type { Country, ProvinceInfo } from './country.js';
import { cited, withPrefix } from './names.js';

/** The opening inventory is dated 01/01/2015: ten years of history follow it. */
export const OPENING = '2015-01-01';

interface Place {
  unit: NewUnit;
  core: string;
}

/** Establishes one province with everything in it, as a handful of opening-list changes. */
export function openProvince(c: Country, index: number, total: number, city: boolean): ProvinceInfo {
  const mountain = !city && c.rng.chance(0.4);
  const coastal = c.rng.chance(0.45);
  const core = c.names.place('province');
  const code = String(Math.floor(1 + (index * 95) / Math.max(total, 1))).padStart(2, '0');
  const subtype = city ? 'thanh_pho_tw' : 'tinh';
  const province = c.newUnit('province', subtype, withPrefix(subtype, core), null, { code });
  const info: ProvinceInfo = { id: province.id, code, mountain, coastal };
  const districts = districtTypes(c, city).map((t) => newDistrict(c, info, t));
  const communes = districts.map((d) => newCommunes(c, info, d));
  sumFigures(districts.map((d, i) => [d.unit, communes[i].map((x) => x.unit)]));
  sumFigures([[province, districts.map((d) => d.unit)]]);
  const codeList = c.decisions.fixed('124/2004/QĐ-TTg', 'Thủ tướng Chính phủ', '2004-07-08', 'Ban hành Danh mục và mã số các đơn vị hành chính Việt Nam');
  const cite = cited(subtype, core);
  const organise = (what: string) => c.decisions.committee(core, cite, OPENING, what);
  c.record(OPENING, { type: 'establish', units: [province, ...districts.map((d) => d.unit)] }, codeList);
  for (const list of communes) c.record(OPENING, { type: 'establish', units: list.map((x) => x.unit) }, codeList);
  for (const list of communes) {
    c.record(OPENING, { type: 'establish', units: list.flatMap((x) => newVillages(c, info, x)) }, organise('Về việc công nhận thôn, tổ dân phố'));
  }
  c.record(OPENING, { type: 'establish', units: provinceBodies(c, info, cite, districts) }, organise('Về việc quy định tổ chức bộ máy các cơ quan, đơn vị thuộc tỉnh'));
  districts.forEach((d, i) => {
    const units = [...districtBodies(c, info, d), ...communes[i].flatMap((x) => communeBodies(c, x))];
    c.record(OPENING, { type: 'establish', units }, organise('Về việc kiện toàn tổ chức bộ máy cấp huyện, cấp xã'));
  });
  return info;
}

function districtTypes(c: Country, city: boolean): string[] {
  if (city) {
    const n = c.rng.int(8, 24);
    return Array.from({ length: n }, (_, i) => (i < n / 2 ? 'quan' : i === n - 1 && c.rng.chance(0.5) ? 'thi_xa' : 'huyen'));
  }
  const n = c.rng.int(7, 14);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 'thanh_pho' : i === 1 && c.rng.chance(0.45) ? 'thi_xa' : 'huyen'));
}

function newDistrict(c: Country, p: ProvinceInfo, subtype: string): Place {
  const core = c.names.place(`d${p.id}`, p.mountain && subtype === 'huyen' && c.rng.chance(0.5));
  return { core, unit: c.newUnit('district', subtype, withPrefix(subtype, core), p.id, { code: c.districtCode() }) };
}

const COMMUNES_PER_DISTRICT: Record<string, [number, number]> = { quan: [8, 16], thanh_pho: [10, 20], thi_xa: [8, 16], huyen: [10, 23] };
const WARD_SHARE: Record<string, number> = { quan: 1, thanh_pho: 0.7, thi_xa: 0.5, huyen: 0 };

function newCommunes(c: Country, p: ProvinceInfo, d: Place): Place[] {
  const [lo, hi] = COMMUNES_PER_DISTRICT[d.unit.subtype];
  const n = c.rng.int(lo, hi);
  const towns = d.unit.subtype === 'huyen' ? (c.rng.chance(0.9) ? 1 : 0) + (c.rng.chance(0.08) ? 1 : 0) : 0;
  return Array.from({ length: n }, (_, i) => {
    const subtype = i < towns ? 'thi_tran' : c.rng.chance(WARD_SHARE[d.unit.subtype]) ? 'phuong' : 'xa';
    const core = c.names.place(`c${d.unit.id}`, p.mountain && subtype === 'xa' && c.rng.chance(0.7));
    const figures = communeFigures(c, subtype, p.mountain);
    return { core, unit: c.newUnit('commune', subtype, withPrefix(subtype, core), d.unit.id, { code: c.communeCode(), figures }) };
  });
}

function communeFigures(c: Country, subtype: string, mountain: boolean): { areaKm2: number; population: number } {
  const [area, people] = subtype === 'phuong' ? [4, 12_000] : subtype === 'thi_tran' ? [12, 10_000] : mountain ? [75, 5_500] : [22, 8_500];
  return { areaKm2: Math.round(c.rng.skewed(area * 100)) / 100, population: c.rng.skewed(people, 300) };
}

function newVillages(c: Country, p: ProvinceInfo, commune: Place): NewUnit[] {
  const urban = commune.unit.subtype !== 'xa';
  const n = urban ? c.rng.int(6, 14) : c.rng.int(5, 13);
  const weights = Array.from({ length: n }, () => c.rng.next() + 0.5);
  const households = Math.round((commune.unit.figures.population ?? 4_000) / 3.9);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w, i) => {
    const subtype = urban ? 'to_dan_pho' : p.mountain && c.rng.chance(0.6) ? 'ban' : 'thon';
    const numbered = subtype === 'to_dan_pho' ? c.rng.chance(0.7) : subtype === 'thon' && c.rng.chance(0.25);
    const core = numbered ? String(i + 1) : c.names.place(`v${commune.unit.id}`, subtype === 'ban');
    const figures = { households: Math.max(20, Math.round((households * w) / sum)) };
    return c.newUnit('village', subtype, withPrefix(subtype, core), commune.unit.id, { figures });
  });
}

function fits(t: BodyTemplate, tags: Set<string>): boolean {
  return !t.only || tags.has(t.only);
}

/** Creates bodies from templates; a template's `under` names the role of a body created before it. */
function bodies(c: Country, templates: BodyTemplate[], parent: UnitId, tags: Set<string>, fill: (name: string) => string): NewUnit[] {
  const byRole = new Map<string, UnitId>();
  const out: NewUnit[] = [];
  for (const t of templates.filter((x) => fits(x, tags))) {
    const under = t.under === undefined || !byRole.has(t.under) ? parent : byRole.get(t.under)!;
    const figures = t.kind === 'public_service_unit' ? { sector: SECTOR[t.subtype] } : {};
    const unit = c.newUnit(t.kind, t.subtype, fill(t.name), under, { role: t.role, figures });
    byRole.set(t.role, unit.id);
    out.push(unit);
  }
  return out;
}

function provinceBodies(c: Country, p: ProvinceInfo, cite: string, districts: Place[]): NewUnit[] {
  const tags = new Set([p.mountain ? 'mountain' : 'lowland', ...(p.coastal ? ['coastal'] : [])]);
  const out = bodies(c, PROVINCE_BODIES, p.id, tags, (n) => n.replace('{p}', cite));
  const education = out.find((u) => c.roles.get(u.id) === 'so-gddt')!;
  for (const d of districts) {
    const schools = c.rng.int(1, 3);
    for (let k = 1; k <= schools; k++) {
      const name = `Trường Trung học phổ thông ${d.core}${k > 1 ? ` số ${k}` : ''}`;
      out.push(c.newUnit('public_service_unit', 'giao_duc', name, education.id, { role: 'thpt', figures: { sector: SECTOR.giao_duc } }));
    }
  }
  return out;
}

function districtBodies(c: Country, p: ProvinceInfo, d: Place): NewUnit[] {
  const urban = d.unit.subtype !== 'huyen';
  const tags = new Set([urban ? 'urban' : 'rural', ...(p.mountain ? ['mountain'] : [])]);
  return bodies(c, DISTRICT_BODIES, d.unit.id, tags, (n) => n.replace('{d}', cited(d.unit.subtype, d.core)));
}

function communeBodies(c: Country, x: Place): NewUnit[] {
  const tags = new Set((x.unit.figures.population ?? 0) > 16_000 ? ['populous'] : []);
  return bodies(c, COMMUNE_BODIES, x.unit.id, tags, (n) => n.replace('{n}', x.core).replace('{c}', cited(x.unit.subtype, x.core)));
}

/** A district's area and population are its communes' (a province's, its districts'), as on the code list. */
function sumFigures(groups: [NewUnit, NewUnit[]][]): void {
  for (const [whole, parts] of groups) {
    const area = parts.reduce((a, u) => a + (u.figures.areaKm2 ?? 0), 0);
    whole.figures = { areaKm2: Math.round(area * 100) / 100, population: parts.reduce((a, u) => a + (u.figures.population ?? 0), 0) };
  }
}
