import type { IsoDate } from '../../domain/dates.js';
import type { Version } from '../../domain/tree.js';
import type { Country, ProvinceInfo } from './country.js';
import type { DecisionInfo } from './decisions.js';
import { coreName, withPrefix } from './names.js';
import { bySize } from './schedule.js';

/**
 * Commune- and district-level changes of 2015–2024, each applied to the tree as it stands on its
 * date. An action that finds no suitable unit does nothing.
 */
type Decide = () => DecisionInfo;

function districts(c: Country, p: ProvinceInfo, date: IsoDate, subtypes?: string[]): Version[] {
  return c.children(p.id, date, 'district').filter((d) => !c.islands.has(d.unitId) && (!subtypes || subtypes.includes(d.subtype)));
}

/** nhập: the smallest commune(s) of a district into a neighbour, sometimes under a new name. */
export function mergeCommunes(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const d = c.rng.pick(districts(c, p, date).filter((x) => c.children(x.unitId, date, 'commune').length >= 5));
  if (!d) return;
  const communes = c.children(d.unitId, date, 'commune').sort(bySize);
  const absorbed = communes.slice(0, c.rng.chance(0.2) ? 2 : 1);
  const into = c.rng.pick(communes.slice(absorbed.length));
  const name = c.rng.chance(0.35) ? withPrefix(into.subtype, c.names.place(`c${d.unitId}`, p.mountain && into.subtype === 'xa')) : undefined;
  c.record(date, { type: 'merge', absorbed: absorbed.map((a) => a.unitId), into: into.unitId, name }, decide());
}

/** hợp nhất: two or three small communes of a district become a new one with a new code. */
export function consolidateCommunes(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const d = c.rng.pick(districts(c, p, date).filter((x) => c.children(x.unitId, date, 'commune').length >= 6));
  if (!d) return;
  const parts = c.children(d.unitId, date, 'commune').sort(bySize).slice(0, c.rng.int(2, 3));
  const subtype = parts.some((x) => x.subtype === 'phuong') ? 'phuong' : parts.some((x) => x.subtype === 'thi_tran') ? 'thi_tran' : 'xa';
  const name = withPrefix(subtype, c.names.place(`c${d.unitId}`, p.mountain && subtype === 'xa'));
  const result = c.newUnit('commune', subtype, name, d.unitId, { code: c.communeCode() });
  c.record(date, { type: 'consolidate', units: parts.map((x) => x.unitId), result }, decide());
}

/** chia: a large commune into two new ones, its villages shared between them. */
export function splitCommune(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const big = c.communesOf(p.id, date).filter((x) => x.subtype === 'xa' && c.children(x.unitId, date, 'village').length >= 6);
  const unit = big.sort(bySize).at(-1);
  if (!unit) return;
  const share = c.rng.around(0.5, 0.08, 0.3);
  const figures = (f: number) => ({ areaKm2: Math.round((unit.areaKm2 ?? 0) * f * 100) / 100, population: Math.round((unit.population ?? 0) * f) });
  const into = [share, 1 - share].map((f) =>
    c.newUnit('commune', 'xa', withPrefix('xa', c.names.place(`c${unit.parentId}`, p.mountain)), unit.parentId, { code: c.communeCode(), figures: figures(f) }),
  );
  const villages = c.children(unit.unitId, date, 'village');
  const childMoves = villages.filter((_, i) => i % 2 === 1).map((v) => ({ unit: v.unitId, to: 1 }));
  c.record(date, { type: 'split', unit: unit.unitId, into, childrenTo: 0, childMoves }, decide());
}

/** tách: a new commune carved out of a large one, with a third of its villages. */
export function separateCommune(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const big = c.communesOf(p.id, date).filter((x) => c.children(x.unitId, date, 'village').length >= 6);
  const unit = big.sort(bySize).at(-1);
  if (!unit) return;
  const villages = c.children(unit.unitId, date, 'village');
  const moved = villages.slice(0, Math.floor(villages.length / 3));
  const figures = { areaKm2: Math.round((unit.areaKm2 ?? 0) * 30) / 100, population: Math.round((unit.population ?? 0) * 0.3) };
  const part = c.newUnit('commune', unit.subtype, withPrefix(unit.subtype, c.names.place(`c${unit.parentId}`, p.mountain && unit.subtype === 'xa')), unit.parentId, {
    code: c.communeCode(), figures,
  });
  c.record(date, { type: 'separate', unit: unit.unitId, parts: [part], childMoves: moved.map((v) => ({ unit: v.unitId, to: 0 })) }, decide());
}

/** chuyển đổi: a xã becomes a thị trấn (in a huyện) or a phường (in a town or city). */
export function upgradeCommune(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const d = c.rng.pick(districts(c, p, date));
  if (!d) return;
  const xa = c.children(d.unitId, date, 'commune').filter((x) => x.subtype === 'xa').sort(bySize).at(-1);
  if (!xa) return;
  const subtype = d.subtype === 'huyen' ? 'thi_tran' : 'phuong';
  c.record(date, { type: 'reclassify', unit: xa.unitId, subtype, name: withPrefix(subtype, coreName(xa.name)) }, decide());
}

/** A huyện becomes a thị xã (a quận in a centrally-run city), and its communes wards, in one resolution. */
export function upgradeDistrict(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const city = c.on(p.id, date).subtype === 'thanh_pho_tw';
  const d = districts(c, p, date, ['huyen']).sort((a, b) => (b.population ?? 0) - (a.population ?? 0))[0];
  if (!d) return;
  const subtype = city ? 'quan' : 'thi_xa';
  c.record(date, { type: 'reclassify', unit: d.unitId, subtype, name: withPrefix(subtype, coreName(d.name)) }, decide());
  for (const x of c.children(d.unitId, date, 'commune')) {
    if (x.subtype === 'phuong' || (!city && x.subtype === 'xa' && c.rng.chance(0.5))) continue;
    c.record(date, { type: 'reclassify', unit: x.unitId, subtype: 'phuong', name: withPrefix('phuong', coreName(x.name)) }, decide());
  }
}

/** đổi tên: a commune takes a new name. */
export function renameCommune(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const x = c.rng.pick(c.communesOf(p.id, date));
  if (!x) return;
  const name = withPrefix(x.subtype, c.names.place(`c${x.parentId}`, p.mountain && x.subtype === 'xa'));
  if (name !== x.name) c.record(date, { type: 'rename', unit: x.unitId, name }, decide());
}

/** điều chỉnh địa giới: part of a commune (a village, a tenth of its area and people) to its neighbour. */
export function adjustBoundary(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const d = c.rng.pick(districts(c, p, date).filter((x) => c.children(x.unitId, date, 'commune').length >= 2));
  if (!d) return;
  const [from, to] = c.rng.shuffle(c.children(d.unitId, date, 'commune'));
  const villages = c.children(from.unitId, date, 'village');
  const children = villages.length >= 3 && c.rng.chance(0.6) ? [villages[0].unitId] : [];
  const figures = { areaKm2: Math.round((from.areaKm2 ?? 0) * 10) / 100, population: Math.round((from.population ?? 0) * 0.1) };
  c.record(date, { type: 'transfer', from: from.unitId, to: to.unitId, children, figures }, decide());
}

/** điều chuyển: a commune of a huyện joins the provincial city next to it. */
export function moveCommuneToCity(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const city = districts(c, p, date, ['thanh_pho', 'quan'])[0];
  const rural = c.rng.pick(districts(c, p, date, ['huyen']).filter((x) => c.children(x.unitId, date, 'commune').length >= 4));
  if (!city || !rural) return;
  const x = c.rng.pick(c.children(rural.unitId, date, 'commune').filter((v) => v.subtype === 'xa'));
  if (x) c.record(date, { type: 'transfer', unit: x.unitId, toParent: city.unitId }, decide());
}

/** đính chính số liệu: population figures corrected after the 2019 census. */
export function amendPopulation(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const x = c.rng.pick(c.communesOf(p.id, date));
  if (!x || x.population === null) return;
  const population = Math.round(x.population * c.rng.around(1.03, 0.06, 0.8));
  if (population !== x.population) c.record(date, { type: 'amend', unit: x.unitId, figures: { population } }, decide());
}

/** nhập huyện: the smallest huyện into the provincial city; its bodies merge into their counterparts. */
export function mergeDistrict(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide, decideBodies: Decide): void {
  const city = districts(c, p, date, ['thanh_pho'])[0];
  const small = districts(c, p, date, ['huyen']).sort(bySize)[0];
  if (!city || !small) return;
  const moved = c.children(small.unitId, date).filter((v) => v.kind !== 'commune');
  c.record(date, { type: 'merge', absorbed: [small.unitId], into: city.unitId }, decide());
  for (const body of moved) {
    const role = c.roles.get(body.unitId);
    const twin = role === undefined ? undefined : c.children(city.unitId, date).find((v) => v.unitId !== body.unitId && c.roles.get(v.unitId) === role);
    if (twin) c.record(date, { type: 'merge', absorbed: [body.unitId], into: twin.unitId }, decideBodies());
    else if (body.kind === 'agency') c.record(date, { type: 'dissolve', unit: body.unitId, childrenTo: null }, decideBodies());
  }
}
