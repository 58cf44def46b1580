import type { IsoDate } from '../../domain/dates.js';
import type { Country, ProvinceInfo } from './country.js';
import type { DecisionInfo } from './decisions.js';
import { withPrefix } from './names.js';
import { bySize } from './schedule.js';

/** Village and residential-group changes of 2015–2024, ordered by the provincial People's Council. */
type Decide = () => DecisionInfo;

function communeWithVillages(c: Country, p: ProvinceInfo, date: IsoDate, min: number) {
  const candidates = c.communesOf(p.id, date);
  for (let attempt = 0; attempt < 10 && candidates.length > 0; attempt++) {
    const x = c.rng.pick(candidates);
    if (c.children(x.unitId, date, 'village').length >= min) return x;
  }
  return undefined;
}

/** nhập thôn: the smallest village of a commune into the next smallest (Thông tư 14/2018: below half the standard). */
export function mergeVillages(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const x = communeWithVillages(c, p, date, 4);
  if (!x) return;
  const [small, into] = c.children(x.unitId, date, 'village').sort(bySize);
  const name = into.subtype !== 'to_dan_pho' && c.rng.chance(0.3) ? withPrefix(into.subtype, c.names.place(`v${x.unitId}`, into.subtype === 'ban')) : undefined;
  c.record(date, { type: 'merge', absorbed: [small.unitId], into: into.unitId, name }, decide());
}

export function renameVillage(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const x = communeWithVillages(c, p, date, 2);
  const v = x && c.rng.pick(c.children(x.unitId, date, 'village'));
  if (!x || !v) return;
  const name = withPrefix(v.subtype, c.names.place(`v${x.unitId}`, v.subtype === 'ban'));
  if (name !== v.name) c.record(date, { type: 'rename', unit: v.unitId, name }, decide());
}

/** A village handed to the neighbouring commune of the same district. */
export function moveVillage(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const x = communeWithVillages(c, p, date, 4);
  if (!x || x.parentId === null) return;
  const neighbour = c.rng.pick(c.children(x.parentId, date, 'commune').filter((n) => n.unitId !== x.unitId && n.subtype === x.subtype));
  if (!neighbour) return;
  const v = c.children(x.unitId, date, 'village').sort(bySize)[0];
  c.record(date, { type: 'transfer', unit: v.unitId, toParent: neighbour.unitId }, decide());
}

/** thành lập: a new residential group in a growing ward. */
export function newResidentialGroup(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const ward = c.rng.pick(c.communesOf(p.id, date).filter((x) => x.subtype === 'phuong'));
  if (!ward) return;
  const name = withPrefix('to_dan_pho', c.names.place(`v${ward.unitId}`));
  const unit = c.newUnit('village', 'to_dan_pho', name, ward.unitId, { figures: { households: c.rng.int(150, 400) } });
  c.record(date, { type: 'establish', units: [unit] }, decide());
}
