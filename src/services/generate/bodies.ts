import type { IsoDate } from '../../domain/dates.js';
import type { UnitId, Version } from '../../domain/tree.js';
import { DEPARTMENT_MERGES_2025, SECTOR } from './catalogue.js';
import type { Country, ProvinceInfo } from './country.js';
import type { DecisionInfo } from './decisions.js';
import { coreName } from './names.js';

/**
 * Changes to agencies and public service units, ordered by the provincial People's Committee:
 * the 19-NQ/TW reorganisation of schools, the 18-NQ/TW mergers of departments' branches, and the
 * 2025 mergers of departments.
 */
type Decide = () => DecisionInfo;

function roleOf(c: Country, v: Version): string | undefined {
  return c.roles.get(v.unitId);
}

/** hợp nhất trường: a commune's primary and lower-secondary schools become one inter-level school. */
export function consolidateSchools(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const communes = c.communesOf(p.id, date);
  for (let attempt = 0; attempt < 10 && communes.length > 0; attempt++) {
    const x = c.rng.pick(communes);
    const kids = c.children(x.unitId, date, 'public_service_unit');
    const primary = kids.find((k) => roleOf(c, k) === 'tieu-hoc');
    const lower = kids.find((k) => roleOf(c, k) === 'thcs');
    if (!primary || !lower) continue;
    const name = `Trường Tiểu học và Trung học cơ sở ${coreName(x.name)}`;
    const result = c.newUnit('public_service_unit', 'giao_duc', name, x.unitId, { role: 'th-thcs', figures: { sector: SECTOR.giao_duc } });
    c.record(date, { type: 'consolidate', units: [primary.unitId, lower.unitId], result }, decide());
    return;
  }
}

/** After communes merged, their two schools or health stations of one kind become one. */
export function mergeTwinBodies(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  for (const x of c.communesOf(p.id, date)) {
    const byRole = new Map<string, UnitId[]>();
    for (const k of c.children(x.unitId, date, 'public_service_unit')) {
      const role = roleOf(c, k);
      if (role) byRole.set(role, [...(byRole.get(role) ?? []), k.unitId]);
    }
    for (const [, ids] of byRole) {
      if (ids.length < 2 || !c.rng.chance(0.6)) continue;
      c.record(date, { type: 'merge', absorbed: ids.slice(1), into: ids[0] }, decide());
    }
  }
}

/** giải thể: a district's construction project board, its projects handed to the province. */
export function dissolveProjectBoard(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const boards = c.children(p.id, date, 'district').flatMap((d) => c.children(d.unitId, date, 'public_service_unit')).filter((k) => roleOf(c, k) === 'bql-da');
  const board = c.rng.pick(boards);
  if (board && c.children(board.unitId, date).length === 0) c.record(date, { type: 'dissolve', unit: board.unitId, childrenTo: null }, decide());
}

/** A department's branch merged back into the department (chi cục → sở). */
export function mergeBranch(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide, role: string, parentRole: string): void {
  const parent = c.byRole(p.id, date, parentRole);
  const branch = parent && c.byRole(parent.unitId, date, role);
  if (parent && branch) c.record(date, { type: 'merge', absorbed: [branch.unitId], into: parent.unitId }, decide());
}

export function dissolveBranch(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide, role: string, parentRole: string): void {
  const parent = c.byRole(p.id, date, parentRole);
  const branch = parent && c.byRole(parent.unitId, date, role);
  if (parent && branch) c.record(date, { type: 'dissolve', unit: branch.unitId, childrenTo: parent.unitId }, decide());
}

/** A tourism department separated from the culture department, which is renamed. */
export function separateTourism(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  const culture = c.byRole(p.id, date, 'so-vhttdl');
  if (!culture) return;
  c.record(date, { type: 'rename', unit: culture.unitId, name: 'Sở Văn hóa và Thể thao' }, decide());
  const tourism = c.newUnit('agency', 'so', 'Sở Du lịch', p.id, { role: 'so-du-lich' });
  c.record(date, { type: 'establish', units: [tourism] }, decide());
}

/** The department mergers of March 2025, in every province. */
export function mergeDepartments2025(c: Country, p: ProvinceInfo, date: IsoDate, decide: Decide): void {
  for (const [from, to, name] of DEPARTMENT_MERGES_2025) {
    const absorbed = c.byRole(p.id, date, from);
    const into = c.byRole(p.id, date, to);
    if (absorbed && into) c.record(date, { type: 'merge', absorbed: [absorbed.unitId], into: into.unitId, name: name ?? undefined }, decide());
  }
}
