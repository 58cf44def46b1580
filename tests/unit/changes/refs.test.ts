import { describe, expect, it } from 'vitest';
import { CHANGE_TYPES, mapRefs, type ChangeInput } from '../../../src/domain/changes/index.js';
import { unitsTouched } from '../../../src/domain/changes/touched.js';

type Ref = { code: string };
type New = { name: string; code?: string; parent?: Ref | null };
const r = (code: string): Ref => ({ code });

/** One request of each type, every unit named by code; new units carry their own code as a plain string. */
const REQUESTS: Record<string, { input: ChangeInput<Ref, New>; paths: string[]; touched: string[] }> = {
  establish: { input: { type: 'establish', units: [{ name: 'Xã Mới', code: '99001', parent: r('P') }] }, paths: [], touched: ['P'] },
  dissolve: { input: { type: 'dissolve', unit: r('A'), childrenTo: r('B') }, paths: ['unit', 'childrenTo'], touched: ['A', 'B'] },
  merge: { input: { type: 'merge', absorbed: [r('A'), r('B')], into: r('C'), name: 'Xã C' }, paths: ['absorbed.0', 'absorbed.1', 'into'], touched: ['A', 'B', 'C'] },
  consolidate: { input: { type: 'consolidate', units: [r('A'), r('B')], result: { name: 'Xã AB', parent: r('P') } }, paths: ['units.0', 'units.1'], touched: ['A', 'B', 'P'] },
  split: {
    input: { type: 'split', unit: r('A'), into: [{ name: 'X' }, { name: 'Y' }], childrenTo: 0, childMoves: [{ unit: r('V'), to: 1 }] },
    paths: ['unit', 'childMoves.0.unit'], touched: ['A', 'V'],
  },
  separate: { input: { type: 'separate', unit: r('A'), parts: [{ name: 'X', parent: r('P') }] }, paths: ['unit'], touched: ['A', 'P'] },
  transfer: { input: { type: 'transfer', from: r('A'), to: r('B'), children: [r('V')], figures: { areaKm2: 1 } }, paths: ['from', 'to', 'children.0'], touched: ['A', 'B', 'V'] },
  rename: { input: { type: 'rename', unit: r('A'), name: 'Xã Mới' }, paths: ['unit'], touched: ['A'] },
  reclassify: { input: { type: 'reclassify', unit: r('A'), subtype: 'phuong' }, paths: ['unit'], touched: ['A'] },
  amend: { input: { type: 'amend', unit: r('A'), code: '99002' }, paths: ['unit'], touched: ['A'] },
  correct: { input: { type: 'correct', unit: r('A'), from: 'Xã Tả Chảii', name: 'Xã Tả Chải' }, paths: ['unit'], touched: ['A'] },
  reorganise: {
    input: {
      type: 'reorganise',
      outputs: [
        { unit: { name: 'Xã X', parent: r('P') }, from: [{ unit: r('A'), share: 'whole' }, { unit: r('B'), share: 'part' }] },
        { continues: r('C'), parent: r('P'), from: [{ unit: r('B'), share: 'part' }] },
      ],
      dissolve: [r('D')], childMoves: [{ unit: r('V'), to: 1 }],
    },
    paths: ['outputs.0.from.0.unit', 'outputs.0.from.1.unit', 'outputs.1.from.0.unit', 'outputs.1.parent', 'outputs.1.continues', 'dissolve.0', 'childMoves.0.unit'],
    touched: ['A', 'B', 'P', 'B', 'P', 'C', 'D', 'V'],
  },
};

describe('each change type owns its references (mapRefs)', () => {
  it.each(CHANGE_TYPES)('%s: every unit reference is mapped, with its field path, and the rest kept', (type) => {
    const { input, paths } = REQUESTS[type];
    const seen: string[] = [];
    const groups: string[] = [];
    const out = mapRefs<Ref, string, New, New>(input, {
      unit: (ref, path) => (seen.push(path), `#${ref.code}`),
      newUnits: (units, template, path) => (groups.push(`${path}<${template ?? '-'}`), units.map((u) => ({ ...u, parent: null }))),
    });
    expect(seen).toEqual(paths);
    // No reference object is left behind: every { code } a request names became an id.
    expect(JSON.stringify(out)).not.toMatch(/\{"code":/);
    expect(out.type).toBe(type);
    if (type === 'consolidate') expect(groups).toEqual(['result<#A']);
    if (type === 'split') expect(groups).toEqual(['into<#A']);
    if (type === 'establish') expect(groups).toEqual(['units<-']);
  });

  it('keeps the fields that are not references (a merge keeps its name, a split its child index)', () => {
    const id = { unit: (ref: Ref) => ref.code, newUnits: (units: New[]) => units };
    expect(mapRefs(REQUESTS.merge.input, id)).toMatchObject({ name: 'Xã C' });
    expect(mapRefs(REQUESTS.split.input, id)).toMatchObject({ childrenTo: 0, childMoves: [{ unit: 'V', to: 1 }] });
  });

  it.each(CHANGE_TYPES)('%s: the units touched are its references and the parents of its new units', (type) => {
    expect(unitsTouched(REQUESTS[type].input).map((x) => x.code)).toEqual(REQUESTS[type].touched);
  });
});
