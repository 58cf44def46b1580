import type { IsoDate } from '../../domain/dates.js';
import type { UnitId, Version } from '../../domain/tree.js';
import type { Country, ProvinceInfo } from './country.js';
import type { DecisionInfo } from './decisions.js';
import { coreName, withPrefix } from './names.js';
import { bySize, citeOf } from './schedule.js';

/** The 2025 reform takes effect on 01/07/2025. */
export const REFORM: IsoDate = '2025-07-01';

interface NewProvince {
  id: UnitId;
  code: string;
}

/**
 * The 2025 reform, in the order the engine needs: provinces consolidated 63 → 34 (Nghị quyết
 * 202/2025/QH15), the departments of consolidated provinces merged, every district's agencies
 * ended and every district dissolved with its communes and remaining bodies handed to the province,
 * then each former district's communes consolidated in groups of about three into new communes
 * that take over one constituent's code. Provinces go first: a commune created today and then
 * moved today would need a second code handover, which the engine (rightly) refuses.
 */
export function reform2025(c: Country, provinces: ProvinceInfo[]): void {
  const before = '2025-06-30';
  const communesByDistrict = new Map<UnitId, UnitId[]>();
  for (const p of provinces) {
    for (const d of c.children(p.id, before, 'district')) communesByDistrict.set(d.unitId, c.children(d.unitId, before, 'commune').map((x) => x.unitId));
  }
  const result = consolidateProvinces(c, provinces);
  for (const p of result) {
    const all = c.children(p.id, REFORM, 'district');
    const districts = all.filter((d) => !c.islands.has(d.unitId));
    endDistricts(c, p, districts);
    const special = c.rng.chance(13 / 34) ? districts.filter((d) => d.subtype === 'huyen').sort(bySize)[0] : undefined;
    for (const d of districts) consolidateCommunes(c, p, communesByDistrict.get(d.unitId) ?? [], d.unitId === special?.unitId ? coreName(d.name) : null);
    for (const island of all.filter((d) => c.islands.has(d.unitId))) islandZone(c, p, island);
  }
}

/** An island district without communes becomes a đặc khu with a new code, directly under its province. */
function islandZone(c: Country, p: NewProvince, island: Version): void {
  const decide = c.decisions.standingCommittee(`${p.code}-2025`, REFORM, `Về việc sắp xếp các đơn vị hành chính cấp xã của ${citeOf(c.on(p.id, REFORM))} năm 2025`);
  const zone = c.newUnit('commune', 'dac_khu', withPrefix('dac_khu', coreName(island.name)), p.id, { code: c.communeCode() });
  c.record(REFORM, { type: 'reorganise', outputs: [{ unit: zone, from: [{ unit: island.unitId, share: 'whole' }] }] }, decide);
}

/** How many provinces end up in groups of two or three, in the proportions of 2025 (23 groups, 11 kept). */
export function provinceGroups(c: Country, count: number): number[][] {
  const results = Math.max(1, Math.round((count * 34) / 63));
  const absorbed = count - results;
  if (absorbed <= 0) return [];
  const groupCount = Math.min(Math.max(1, Math.round((results * 23) / 34)), absorbed, results);
  const sizes = Array.from({ length: groupCount }, () => 2);
  for (let extra = absorbed - groupCount, i = 0; extra > 0; extra--, i = (i + 1) % groupCount) sizes[i]++;
  const order = c.rng.shuffle(Array.from({ length: count }, (_, i) => i));
  let at = 0;
  return sizes.map((s) => order.slice(at, (at += s)));
}

function consolidateProvinces(c: Country, provinces: ProvinceInfo[]): NewProvince[] {
  const decision = c.decisions.fixed('202/2025/QH15', 'Quốc hội', '2025-06-12', 'Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh');
  const groups = provinceGroups(c, provinces.length);
  const grouped = new Set(groups.flat());
  const out: NewProvince[] = provinces.filter((_, i) => !grouped.has(i)).map((p) => ({ id: p.id, code: p.code }));
  for (const group of groups) {
    const members = group.map((i) => c.on(provinces[i].id, REFORM));
    const seat = c.rng.pick(members);
    const named = c.rng.pick(members);
    const subtype = members.some((m) => m.subtype === 'thanh_pho_tw') ? 'thanh_pho_tw' : 'tinh';
    const name = withPrefix(subtype, coreName(named.name));
    const province = c.newUnit('province', subtype, name, null, { code: seat.code });
    c.record(REFORM, { type: 'consolidate', units: members.map((m) => m.unitId), result: province }, decision);
    mergeCounterparts(c, province.id);
    out.push({ id: province.id, code: seat.code! });
  }
  return out;
}

/**
 * The departments of consolidated provinces merge, each into its counterpart of the oldest
 * constituent, then their branches merge likewise inside each department.
 */
function mergeCounterparts(c: Country, province: UnitId): void {
  const cite = citeOf(c.on(province, REFORM));
  const decide = c.decisions.committee(`p${province}`, cite, REFORM, 'Về việc sắp xếp các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh sau hợp nhất');
  mergeByRole(c, c.children(province, REFORM, 'agency'), decide, cite);
  for (const dept of c.children(province, REFORM, 'agency')) mergeByRole(c, c.children(dept.unitId, REFORM, 'agency'), decide, cite);
}

function mergeByRole(c: Country, bodies: Version[], decide: DecisionInfo, cite: string): void {
  const byRole = new Map<string, Version[]>();
  for (const b of bodies) {
    const role = c.roles.get(b.unitId);
    if (role) byRole.set(role, [...(byRole.get(role) ?? []), b]);
  }
  for (const [role, list] of byRole) {
    if (list.length < 2) continue;
    const [into, ...absorbed] = list;
    const name = ['ubnd', 'van-phong', 'thanh-tra'].includes(role) ? into.name.replace(/(tỉnh|thành phố) .*$/, cite) : undefined;
    c.record(REFORM, { type: 'merge', absorbed: absorbed.map((a) => a.unitId), into: into.unitId, name }, decide);
  }
}

/** Every district ends: its agencies first, then the district, its communes and other bodies going to the province. */
function endDistricts(c: Country, p: NewProvince, districts: Version[]): void {
  const cite = citeOf(c.on(p.id, REFORM));
  const bodies = c.decisions.committee(`p${p.id}`, cite, REFORM, 'Về việc kết thúc hoạt động của các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp huyện');
  const law = c.decisions.fixed('72/2025/QH15', 'Quốc hội', '2025-06-16', 'Luật Tổ chức chính quyền địa phương');
  for (const d of districts) {
    for (const a of c.children(d.unitId, REFORM, 'agency')) {
      const hasChildren = c.children(a.unitId, REFORM).length > 0;
      c.record(REFORM, { type: 'dissolve', unit: a.unitId, childrenTo: hasChildren ? p.id : null }, bodies);
    }
    c.record(REFORM, { type: 'dissolve', unit: d.unitId, childrenTo: p.id }, law, 'Kết thúc hoạt động của đơn vị hành chính cấp huyện');
  }
}

const GROUP_SIZES = [1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 6];

/**
 * A former district's communes (alive on the day) consolidated in runs of neighbours (by id, the
 * order they were listed in); a run of one is kept, a thị trấn kept alone becomes a xã. With
 * `specialZone`, the whole district becomes one đặc khu of that name.
 */
function consolidateCommunes(c: Country, p: NewProvince, ids: UnitId[], specialZone: string | null): void {
  const alive = ids.map((id) => c.tree.on(id, REFORM)).filter((v): v is Version => v !== undefined && v.kind === 'commune');
  const cite = citeOf(c.on(p.id, REFORM));
  const decide = c.decisions.standingCommittee(`${p.code}-2025`, REFORM, `Về việc sắp xếp các đơn vị hành chính cấp xã của ${cite} năm 2025`);
  if (specialZone !== null && alive.length >= 2) return consolidate(c, p, alive, decide, 'dac_khu', specialZone);
  for (let at = 0; at < alive.length; ) {
    const run = alive.slice(at, (at += c.rng.pick(GROUP_SIZES)));
    if (run.length >= 2) consolidate(c, p, run, decide, run.some((x) => x.subtype === 'phuong') ? 'phuong' : 'xa', null);
    else if (run[0].subtype === 'thi_tran') c.record(REFORM, { type: 'reclassify', unit: run[0].unitId, subtype: 'xa', name: withPrefix('xa', coreName(run[0].name)) }, decide);
    else c.names.claim(`n${p.id}`, coreName(run[0].name));
  }
}

function consolidate(c: Country, p: NewProvince, run: Version[], decide: DecisionInfo, subtype: string, core: string | null): void {
  const seat = [...run].sort(bySize).at(-1)!;
  const name = core ?? (c.rng.chance(0.5) ? coreName(seat.name) : c.names.place(`n${p.id}`));
  c.names.claim(`n${p.id}`, name);
  const result = c.newUnit('commune', subtype, withPrefix(subtype, name), p.id, { code: seat.code });
  c.record(REFORM, { type: 'consolidate', units: run.map((x) => x.unitId), result }, decide);
}
