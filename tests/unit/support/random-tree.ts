import fc from 'fast-check';
import { expect } from 'vitest';
import type { IsoDate } from '../../../src/domain/dates.js';
import { mayBeUnder } from '../../../src/domain/kinds.js';
import { NO_FIGURES, Tree, type Attrs, type UnitId, type Version } from '../../../src/domain/tree.js';

export const PROVINCE: UnitId = 1;
export const OPENED: IsoDate = '2020-01-01';

/** A province, 2–4 districts (some with a school), 4–12 communes (a few with unknown area or population) and their villages. */
export interface TreeShape {
  districts: number;
  schools: number;
  communes: { district: number; areaKm2: number | null; population: number | null; villages: number }[];
}

export const treeShapeArb: fc.Arbitrary<TreeShape> = fc.integer({ min: 2, max: 4 }).chain((districts) =>
  fc.record({
    districts: fc.constant(districts),
    schools: fc.nat(districts),
    communes: fc.array(
      fc.record({
        district: fc.nat(districts - 1),
        areaKm2: fc.option(fc.integer({ min: 500, max: 5000 }).map((x) => x / 100), { freq: 8 }),
        population: fc.option(fc.integer({ min: 1000, max: 9000 }), { freq: 10 }),
        villages: fc.nat(2),
      }),
      { minLength: 4, maxLength: 12 },
    ),
  }),
);

const version = (unitId: UnitId, a: Partial<Attrs> & Pick<Attrs, 'name' | 'kind' | 'subtype' | 'parentId'>): Version => ({
  ...NO_FIGURES, code: null, ...a, unitId, validFrom: OPENED, validTo: null,
});

/** Province 1, districts from 2, communes from 10 (codes C10…), schools from 90 under the first districts, villages from 100. */
export function treeOf(shape: TreeShape): Tree {
  const vs: Version[] = [version(PROVINCE, { name: 'Tỉnh Thử', code: 'P1', kind: 'province', subtype: 'tinh', parentId: null })];
  for (let d = 0; d < shape.districts; d++) vs.push(version(2 + d, { name: `Huyện ${d}`, code: `D${2 + d}`, kind: 'district', subtype: 'huyen', parentId: PROVINCE }));
  for (let d = 0; d < shape.schools; d++) vs.push(version(90 + d, { name: `Trường ${d}`, kind: 'public_service_unit', subtype: 'giao_duc', parentId: 2 + d }));
  let village = 100;
  shape.communes.forEach((c, i) => {
    const id = 10 + i;
    vs.push(version(id, { name: `Xã ${id}`, code: `C${id}`, kind: 'commune', subtype: 'xa', parentId: 2 + c.district, areaKm2: c.areaKm2, population: c.population }));
    for (let k = 0; k < c.villages; k++, village++) vs.push(version(village, { name: `Thôn ${village}`, kind: 'village', subtype: 'thon', parentId: id, households: 40 + k }));
  });
  return new Tree(vs);
}

export function liveOf(tree: Tree, kind: Attrs['kind'], date: IsoDate): UnitId[] {
  return [...tree.unitIds()].filter((id) => tree.on(id, date)?.kind === kind).sort((a, b) => a - b);
}

/** Versions of one unit never overlap and are never empty; on `date`, every parent is alive and of an allowed kind, codes are unique, and the tree has no cycles. */
export function assertTreeRules(tree: Tree, date: IsoDate): void {
  const codes = new Map<string, UnitId>();
  for (const id of tree.unitIds()) {
    const h = tree.history(id);
    h.forEach((v, i) => {
      expect(v.validTo === null || v.validFrom < v.validTo, `unit ${id} has an empty version from ${v.validFrom}`).toBe(true);
      if (h[i + 1]) expect(v.validTo !== null && v.validTo <= h[i + 1].validFrom, `versions of unit ${id} overlap at ${h[i + 1].validFrom}`).toBe(true);
    });
    const v = tree.on(id, date);
    if (!v) continue;
    const parent = v.parentId === null ? null : tree.on(v.parentId, date);
    expect(parent, `unit ${id} is left under ${v.parentId}, not alive on ${date}`).not.toBeUndefined();
    expect(mayBeUnder(v.kind, parent?.kind ?? null), `a ${v.kind} under a ${parent?.kind ?? 'nothing'}`).toBe(true);
    const seen = new Set([id]);
    for (let up = v.parentId; up !== null; up = tree.on(up, date)?.parentId ?? null) {
      expect(seen.has(up), `unit ${id} is its own ancestor on ${date}`).toBe(false);
      seen.add(up);
    }
    if (v.code === null) continue;
    expect(codes.get(v.code), `code ${v.code} held by ${codes.get(v.code)} and ${id}`).toBeUndefined();
    codes.set(v.code, id);
  }
}
