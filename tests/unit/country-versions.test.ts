import { describe, expect, it } from 'vitest';
import { replaceUnits, subtreeOn, viewOn, type CountryVersions, type VersionFacts } from '../../src/domain/country-versions.js';
import { numbersOn, statusCountsBetween } from '../../src/domain/country-numbers.js';

let nextId = 1;
function v(unitId: number, parentId: number | null, kind: string, name: string, validFrom: string, validTo: string | null = null, code: string | null = null): VersionFacts {
  return { id: nextId++, unitId, parentId, kind, subtype: kind === 'commune' ? 'xa' : kind, name, code, validFrom, validTo };
}

/**
 * Tỉnh A (1) ⊃ Huyện B (2) ⊃ Xã C (3) ⊃ Thôn E (5), and Xã D (4). On 2021-01-01 Xã C merged into
 * Xã D, which is renamed Xã CD and takes Thôn E; Xã F (6) is new. Tỉnh G (7) stands alone, and
 * Thôn H (8) hangs from a unit that does not exist (a broken chain: counted, under no province).
 */
function country(): CountryVersions {
  const index: CountryVersions = new Map();
  replaceUnits(index, [], [
    v(1, null, 'province', 'Tỉnh A', '2019-01-01', null, '01'),
    v(2, 1, 'district', 'Huyện B', '2019-01-01'),
    v(3, 2, 'commune', 'Xã C', '2019-01-01', '2021-01-01'),
    v(4, 2, 'commune', 'Xã CD', '2021-01-01'),
    v(4, 2, 'commune', 'Xã D', '2019-01-01', '2021-01-01'),
    v(5, 3, 'village', 'Thôn E', '2019-01-01', '2021-01-01'),
    v(5, 4, 'village', 'Thôn E', '2021-01-01'),
    v(6, 2, 'commune', 'Xã F', '2021-01-01'),
    v(7, null, 'province', 'Tỉnh G', '2019-01-01', null, '07'),
    v(8, 99, 'village', 'Thôn H', '2019-01-01'),
  ]);
  return index;
}

const count = (rows: { kind: string; count: number }[], kind: string) => rows.filter((r) => r.kind === kind).reduce((a, r) => a + r.count, 0);

describe('the country on a date, from the versions kept in memory', () => {
  it('keeps each unit\'s versions in date order, whatever order they were read in', () => {
    expect(country().get(4)!.map((x) => x.name)).toEqual(['Xã D', 'Xã CD']);
  });

  it('counts every unit by kind, and those below each province', () => {
    const before = numbersOn(viewOn(country(), '2020-06-01'));
    expect(before.roots.map((r) => r.id).sort()).toEqual([1, 7]);
    expect([count(before.counts, 'province'), count(before.counts, 'commune'), count(before.counts, 'village')]).toEqual([2, 2, 2]);
    const underA = before.underRoots.filter((r) => r.rootId === 1);
    expect([count(underA, 'district'), count(underA, 'commune'), count(underA, 'village')]).toEqual([1, 2, 1]);
    expect(before.underRoots.filter((r) => r.rootId === 7)).toEqual([]);
    const after = numbersOn(viewOn(country(), '2021-01-01'));
    expect(count(after.underRoots.filter((r) => r.rootId === 1), 'commune')).toBe(2);
  });

  it('lists a subtree on the date, from a province or from any unit', () => {
    const ids = (list: VersionFacts[]) => list.map((x) => x.unitId).sort();
    expect(ids(subtreeOn(viewOn(country(), '2020-06-01'), 1))).toEqual([1, 2, 3, 4, 5]);
    expect(ids(subtreeOn(viewOn(country(), '2020-06-01'), 3))).toEqual([3, 5]);
    expect(ids(subtreeOn(viewOn(country(), '2021-01-01'), 4))).toEqual([4, 5]);
  });

  it('counts statuses by the rules of the comparison', () => {
    const index = country();
    const [a, b] = [viewOn(index, '2020-06-01'), viewOn(index, '2021-01-01')];
    expect(statusCountsBetween(a, b, null, new Set([4]))).toEqual({
      ended: 1, created: 1, renamed: 1, moved: 1, reclassified: 0, recoded: 0, absorbed: 1, unchanged: 4,
    });
    expect(statusCountsBetween(a, b, 'commune', new Set([4]))).toEqual({
      ended: 1, created: 1, renamed: 1, moved: 0, reclassified: 0, recoded: 0, absorbed: 1, unchanged: 0,
    });
  });
});
