import { describe, expect, it } from 'vitest';
import { findCandidates } from '../../src/domain/standard.candidates.js';
import { evaluateUnit } from '../../src/domain/standard.evaluation.js';
import { regionsOf, ruleForDate, ruleInForce, standardFor } from '../../src/domain/standard.lookups.js';
import type { AssessedUnit, MergerRule, Standard } from '../../src/domain/standard.types.js';
import { clausesOf } from '../../src/web/api/standard.schemas.js';

const std = (over: Partial<Standard>): Standard => ({
  id: 1, kind: 'commune', subtype: 'xa', region: 'mountainous', areaKm2: 50, population: 5000, households: null,
  source: 'NQ 1211/2016', validFrom: '2016-07-01', validTo: null, note: null, ...over,
});
const rule = (over: Partial<MergerRule>): MergerRule => ({
  id: 1, key: 'r', name: 'r', kind: 'commune', subtype: null, region: null, clauses: [], source: 's', validFrom: '2019-01-01', validTo: null, note: null, ...over,
});
const STANDARDS: Standard[] = [
  std({ id: 1 }),
  std({ id: 2, region: 'other', areaKm2: 30, population: 8000 }),
  std({ id: 3, kind: 'village', subtype: 'thon', region: 'northern_midlands_mountains', areaKm2: null, population: null, households: 150 }),
  std({ id: 4, kind: 'village', subtype: 'thon', region: 'border', areaKm2: null, population: null, households: 100 }),
];
const NQ653 = rule({ clauses: [{ area: 50, population: 50 }] });
const NQ35 = rule({ id: 2, clauses: [{ area: 70, population: 70 }, { area: 20, population: 300 }], validFrom: '2023-01-01', validTo: '2026-01-01' });
const VILLAGE50 = rule({ id: 3, kind: 'village', clauses: [{ households: 50 }] });

const xa = (areaKm2: number | null, population: number | null, regions = ['mountainous']): AssessedUnit => ({ id: 7, kind: 'commune', subtype: 'xa', regions, areaKm2, population, households: null });
const thon = (households: number, regions = ['mountainous', 'northern_midlands_mountains']): AssessedUnit => ({ id: 8, kind: 'village', subtype: 'thon', regions, areaKm2: null, population: null, households });

describe('standards', () => {
  it('measures a mountainous xã against 50 km² and 5,000 people, another xã against 30 km² and 8,000', () => {
    expect(standardFor(xa(1, 1), STANDARDS, '2024-01-01')?.id).toBe(1);
    expect(standardFor(xa(1, 1, []), STANDARDS, '2024-01-01')?.id).toBe(2);
  });

  it('gives a village in a border commune the border standard (100) over the regional one (150)', () => {
    expect(standardFor(thon(90), STANDARDS, '2024-01-01')?.households).toBe(150);
    expect(standardFor(thon(90, ['northern_midlands_mountains', 'border']), STANDARDS, '2024-01-01')?.households).toBe(100);
  });

  it('uses the standard in force on the date, the most recent when two are', () => {
    const later = std({ id: 9, areaKm2: 100, validFrom: '2025-12-01' });
    const list = [std({ id: 1, validTo: '2025-12-01' }), later];
    expect(standardFor(xa(1, 1), list, '2025-11-30')?.areaKm2).toBe(50);
    expect(standardFor(xa(1, 1), list, '2025-12-01')?.areaKm2).toBe(100);
    expect(standardFor(xa(1, 1), [std({ id: 1 }), later], '2026-01-01')?.id).toBe(9);
    expect(standardFor(xa(1, 1), list, '2016-06-30')).toBeNull();
  });

  it('Xã Tà Chải (5.02 km², 3,342 people) is below 35/2023 by both clauses: 10.04 % and 66.84 %', () => {
    const e = evaluateUnit(xa(5.02, 3342), STANDARDS, NQ35, '2024-06-30');
    expect(e.ratios.area).toBeCloseTo(10.04, 10);
    expect(e.ratios.population).toBeCloseTo(66.84, 10);
    expect(e.below).toBe(true);
    expect(e.reasons.map((r) => r.clause)).toEqual([0, 1]);
    expect(e.reasons[1].conditions).toEqual([
      { measure: 'area', ratio: e.ratios.area, threshold: 20 },
      { measure: 'population', ratio: e.ratios.population, threshold: 300 },
    ]);
  });

  it.each([
    // name, area km², population, rule, below
    ['exactly 50 % of both is not below 653/2019', 25, 2500, NQ653, false],
    ['just under 50 % of both is below 653/2019', 24.99, 2499, NQ653, true],
    ['below 50 % of the area only is not below 653/2019', 10, 2500, NQ653, false],
    ['exactly 70 % of both is not below 35/2023', 35, 3500, NQ35, false],
    ['69.98 % area and 69.98 % population is below 35/2023', 34.99, 3499, NQ35, true],
    ['exactly 20 % of the area (and 100 %) is not below 35/2023', 10, 5000, NQ35, false],
    ['19.98 % area and 299.98 % population is below 35/2023 (second clause)', 9.99, 14999, NQ35, true],
    ['19.98 % area but exactly 300 % population is not below 35/2023', 9.99, 15000, NQ35, false],
  ] as const)('%s', (_name, area, population, r, below) => {
    expect(evaluateUnit(xa(area, population), STANDARDS, r, '2024-06-30').below).toBe(below);
  });

  it('villages: 74 households is below half of 150, 75 is not', () => {
    expect(evaluateUnit(thon(74), STANDARDS, VILLAGE50, '2024-01-01')).toMatchObject({ below: true, ratios: { households: 74 / 1.5 } });
    expect(evaluateUnit(thon(75), STANDARDS, VILLAGE50, '2024-01-01').below).toBe(false);
  });

  it('says why a unit cannot be measured: not covered, no standard, no figures', () => {
    expect(evaluateUnit(thon(10), STANDARDS, NQ35, '2024-01-01').unassessed).toBe('not_covered');
    expect(evaluateUnit({ ...xa(1, 1), subtype: 'thi_tran' }, STANDARDS, NQ35, '2024-01-01')).toMatchObject({ unassessed: 'no_standard', below: false });
    expect(evaluateUnit(xa(null, 100), STANDARDS, NQ35, '2024-01-01')).toMatchObject({ unassessed: 'no_figures', below: false });
    expect(evaluateUnit(thon(10, []), STANDARDS, VILLAGE50, '2024-01-01').unassessed).toBe('no_standard');
  });

  it('a rule limited to a region or subtype assesses only those units', () => {
    const nq76 = rule({ subtype: 'xa', region: 'mountainous', clauses: [{ area: 200 }, { population: 100 }] });
    expect(evaluateUnit(xa(99, 5000), STANDARDS, nq76, '2025-06-01').below).toBe(true);
    expect(evaluateUnit(xa(100, 5000), STANDARDS, nq76, '2025-06-01').below).toBe(false);
    expect(evaluateUnit(xa(100, 4999), STANDARDS, nq76, '2025-06-01').reasons).toEqual([{ clause: 1, conditions: [{ measure: 'population', ratio: 99.98, threshold: 100 }] }]);
    expect(evaluateUnit(xa(1, 1, []), STANDARDS, nq76, '2025-06-01').unassessed).toBe('not_covered');
  });

  it('lists the candidates furthest below first', () => {
    const units = [{ ...xa(30, 3000), id: 1 }, { ...xa(5, 500), id: 2 }, { ...xa(40, 4000), id: 3 }, { ...thon(10), id: 4 }];
    expect(findCandidates(units, STANDARDS, NQ35, '2024-01-01').map((e) => e.unitId)).toEqual([2, 1]);
  });

  it('inherits regions from every ancestor', () => {
    const parents = new Map([[3, 2], [2, 1]]);
    const settings = new Map([[1, ['mountainous', 'northern_midlands_mountains']], [3, ['border']]]);
    expect(regionsOf(3, (id) => parents.get(id), settings).sort()).toEqual(['border', 'mountainous', 'northern_midlands_mountains']);
    expect(regionsOf(2, (id) => parents.get(id), settings).sort()).toEqual(['mountainous', 'northern_midlands_mountains']);
  });

  it('picks the rule in force on the date', () => {
    expect(ruleInForce([NQ653, NQ35, VILLAGE50], 'commune', '2024-06-30')?.id).toBe(2);
    expect(ruleInForce([{ ...NQ653, validTo: '2022-01-01' }, NQ35], 'commune', '2022-06-30')).toBeNull();
  });

  it('judges a date with no rule in force by the latest that had begun, else the first to come', () => {
    const ended653 = { ...NQ653, validTo: '2022-01-01' };
    const ended35 = { ...NQ35, validTo: '2026-01-01' };
    expect(ruleForDate([ended653, ended35], 'commune', '2024-06-30')?.id).toBe(2);
    expect(ruleForDate([ended653, ended35], 'commune', '2022-06-30')?.id).toBe(1);
    expect(ruleForDate([ended653, ended35], 'commune', '2027-01-01')?.id).toBe(2);
    expect(ruleForDate([ended653, ended35], 'commune', '2000-01-01')?.id).toBe(1);
  });
});

describe('merger rule clauses typed in words', () => {
  it.each([
    ['diện tích < 70 % và dân số < 70 %\ndiện tích < 20 % và dân số < 300 %', [{ area: 70, population: 70 }, { area: 20, population: 300 }]],
    ['area < 200 %\npopulation < 100', [{ area: 200 }, { population: 100 }]],
    ['Số hộ < 50 %', [{ households: 50 }]],
    ['diện tích < 0,5 %, dân số < 1.5 %', [{ area: 0.5, population: 1.5 }]],
    ['diện tích > 70 %', ['diện tích > 70 %']],
    ['diện tích < 70 % và diện tích < 20 %', ['diện tích < 70 % và diện tích < 20 %']],
  ])('%j', (text, expected) => {
    expect(clausesOf(text)).toEqual(expected);
  });
});
