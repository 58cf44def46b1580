import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src/domain/changes/index.js';
import { apply, CODE, ID, laoCai, namesUnder, newUnit, ON, OPENED, refusal, spans } from '../support/tree-fixture.js';

type Input = InputOf<'reorganise'>;
const whole = (unit: number) => ({ unit, share: 'whole' as const });
const part = (unit: number, figures?: { areaKm2?: number; population?: number }) => ({ unit, share: 'part' as const, figures });

/** Bắc Hà's and Si Ma Cai's communes under the province, as 2025 did: two new xã, one continuing. */
const reform = (over: Partial<Input> = {}): Input => ({
  type: 'reorganise',
  outputs: [
    { unit: newUnit(100, { name: 'Xã Bắc Hà', code: CODE.ttBacHa, parent: ID.laoCai }), from: [whole(ID.ttBacHa), whole(ID.taChai), part(ID.naHoi, { areaKm2: 10, population: 2000 })] },
    { unit: newUnit(101, { name: 'Xã Si Ma Cai', code: CODE.sanChai, parent: ID.laoCai }), from: [whole(ID.sanChai), part(ID.naHoi, { areaKm2: 12.8, population: 2500 })] },
    { continues: ID.nanSan, name: 'Xã Nàn Sán mới', parent: ID.laoCai, from: [] },
  ],
  dissolve: [ID.bacHa, ID.siMaCai],
  childMoves: [{ unit: ID.thpt1BacHa, to: 0 }, { unit: ID.thpt2BacHa, to: 1 }],
  ...over,
});

describe('reorganise', () => {
  it('creates the new communes, continues the unchanged one under the province and ends the districts', () => {
    const tree = laoCai();
    const out = apply(tree, ON, reform());
    expect(out.created).toEqual([100, 101]);
    expect(new Set(out.ended)).toEqual(new Set([ID.ttBacHa, ID.taChai, ID.naHoi, ID.sanChai, ID.bacHa, ID.siMaCai]));
    expect(tree.children(ID.laoCai, ON)).toEqual([ID.nanSan, ID.ubndTinh, 100, 101]);
    expect(spans(tree, ID.nanSan)).toEqual([['Xã Nàn Sán', OPENED, ON], ['Xã Nàn Sán mới', ON, null]]);
    expect(tree.on(ID.nanSan, ON)!.parentId).toBe(ID.laoCai);
    expect(tree.on(100, ON)!.code).toBe(CODE.ttBacHa);
  });

  it('holds exactly the decided pairs, parts marked as parts', () => {
    const out = apply(laoCai(), ON, reform());
    expect(out.lineage).toEqual([
      [ID.ttBacHa, 100], [ID.taChai, 100], [ID.naHoi, 100, 'part'],
      [ID.sanChai, 101], [ID.naHoi, 101, 'part'],
    ]);
  });

  it('adds wholes and the stated figures of parts', () => {
    const tree = laoCai();
    apply(tree, ON, reform());
    expect(tree.on(100, ON)).toMatchObject({ areaKm2: 16.49, population: 14203 });
    expect(tree.on(101, ON)).toMatchObject({ areaKm2: 29.1, population: 5400 });
  });

  it('never invents a figure: a part without figures leaves the output unknown', () => {
    const tree = laoCai();
    const input = reform();
    input.outputs[0].from[2] = part(ID.naHoi);
    apply(tree, ON, input);
    expect(tree.on(100, ON)).toMatchObject({ areaKm2: null, population: null });
    expect(tree.on(101, ON)).toMatchObject({ areaKm2: 29.1, population: 5400 });
  });

  it('hands villages of a whole unit to its output and those of a divided unit to the first output listing it', () => {
    const tree = laoCai();
    apply(tree, ON, reform());
    expect(new Set(namesUnder(tree, 100, ON))).toEqual(new Set(['Thôn Na Kim', 'Thôn Tà Chải', 'Trường THPT số 1 Bắc Hà', 'Tổ dân phố Na Cồ']));
  });

  it('records a swap of parts among units in one event (a cycle no order of single changes can express)', () => {
    const tree = laoCai();
    const out = apply(tree, ON, {
      type: 'reorganise',
      outputs: [
        { continues: ID.sanChai, from: [part(ID.nanSan, { areaKm2: 1, population: 100 })] },
        { continues: ID.nanSan, from: [part(ID.sanChai, { areaKm2: 2, population: 300 })] },
      ],
    });
    expect(out.ended).toEqual([]);
    expect(out.lineage).toEqual([[ID.nanSan, ID.sanChai, 'part'], [ID.sanChai, ID.nanSan, 'part']]);
    expect(tree.on(ID.sanChai, ON)).toMatchObject({ areaKm2: 15.3, population: 2700 });
    expect(tree.on(ID.nanSan, ON)).toMatchObject({ areaKm2: 22.5, population: 3600 });
  });

  it('passes a code on again: a unit that took a predecessor\'s code hands it to its own successor', () => {
    const tree = laoCai();
    apply(tree, ON, reform());
    const again: Input = { type: 'reorganise', outputs: [{ unit: newUnit(102, { name: 'Xã Bắc Hà mới', code: CODE.ttBacHa, parent: ID.laoCai }), from: [whole(100), part(101)] }] };
    apply(tree, '2025-01-01', again);
    expect(tree.codeHolders(CODE.ttBacHa).map((h) => h.unitId)).toEqual([ID.ttBacHa, 100, 102]);
  });

  it('refuses a unit taken whole twice, or whole and in part', () => {
    const input = reform();
    input.outputs[1].from.push(whole(ID.taChai));
    expect(refusal(() => apply(laoCai(), ON, input))).toMatchObject({ code: 'WHOLE_AND_PART', path: 'outputs.1.from.2.unit' });
  });

  it('refuses to dissolve a district whose children were sent nowhere', () => {
    const input = reform({ childMoves: [{ unit: ID.thpt1BacHa, to: 0 }] });
    expect(refusal(() => apply(laoCai(), ON, input)).code).toBe('CHILDREN_LEFT');
  });

  it('refuses a constituent that no longer exists', () => {
    const tree = laoCai();
    apply(tree, ON, reform());
    expect(refusal(() => apply(tree, '2024-08-01', reform())).code).toBe('UNIT_NOT_ALIVE');
  });
});
