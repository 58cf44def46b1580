import { describe, expect, it } from 'vitest';
import { apply, ID, laoCai, namesUnder, ON, OPENED, refusal, spans } from '../support/tree-fixture.js';

describe('dissolve', () => {
  it('ends a village the day before the effective date', () => {
    const tree = laoCai();
    const out = apply(tree, ON, { type: 'dissolve', unit: ID.thonNaKim, childrenTo: null });

    expect(out).toMatchObject({ created: [], ended: [ID.thonNaKim], changed: [], moved: [], lineage: [] });
    expect(spans(tree, ID.thonNaKim)).toEqual([['Thôn Na Kim', OPENED, ON]]);
    expect(tree.on(ID.thonNaKim, '2023-12-31')).toBeDefined();
    expect(tree.on(ID.thonNaKim, ON)).toBeUndefined();
    expect(tree.children(ID.taChai, ON)).toEqual([ID.thonTaChai]);
    expect(out.footprint.versions).toEqual(new Set([ID.thonNaKim]));
    expect(out.footprint.children).toEqual(new Set([ID.taChai]));
    expect(out.footprint.readChildren).toEqual(new Set([ID.thonNaKim]));
  });

  it('hands the villages of a dissolved commune to the commune named', () => {
    const tree = laoCai();
    const out = apply(tree, ON, { type: 'dissolve', unit: ID.taChai, childrenTo: ID.ttBacHa });

    expect(out.ended).toEqual([ID.taChai]);
    expect(out.moved).toEqual([
      { unitId: ID.thonNaKim, from: ID.taChai, to: ID.ttBacHa },
      { unitId: ID.thonTaChai, from: ID.taChai, to: ID.ttBacHa },
    ]);
    expect(namesUnder(tree, ID.ttBacHa, ON)).toEqual(['Thôn Na Kim', 'Thôn Tà Chải', 'Tổ dân phố Na Cồ']);
    expect(tree.children(ID.taChai, '2023-12-31')).toEqual([ID.thonNaKim, ID.thonTaChai]);
    expect(out.footprint.children).toEqual(new Set([ID.taChai, ID.ttBacHa, ID.bacHa]));
  });

  it('refuses to dissolve a commune that still has villages when no successor is named', () => {
    const tree = laoCai();
    const err = refusal(() => apply(tree, ON, { type: 'dissolve', unit: ID.taChai, childrenTo: null }));
    expect(err).toMatchObject({ code: 'CHILDREN_LEFT', params: { unit: ID.taChai, child: ID.thonNaKim, count: 2 }, path: 'childrenTo' });
  });

  it('refuses to hand the children to the dissolved unit itself', () => {
    const err = refusal(() => apply(laoCai(), ON, { type: 'dissolve', unit: ID.taChai, childrenTo: ID.taChai }));
    expect(err.code).toBe('CHILDREN_LEFT');
  });

  it('refuses to hand villages to a district', () => {
    const err = refusal(() => apply(laoCai(), ON, { type: 'dissolve', unit: ID.taChai, childrenTo: ID.siMaCai }));
    expect(err).toMatchObject({ code: 'PARENT_KIND', params: { kind: 'village', parentKind: 'district' } });
  });

  it('refuses to dissolve a unit before it exists', () => {
    const err = refusal(() => apply(laoCai(), '2019-12-31', { type: 'dissolve', unit: ID.thonNaKim, childrenTo: null }));
    expect(err).toMatchObject({ code: 'UNIT_NOT_ALIVE', params: { unit: ID.thonNaKim, date: '2019-12-31' }, path: 'unit' });
  });

  it('refuses to dissolve a unit that has already ended', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'dissolve', unit: ID.thonNaKim, childrenTo: null });
    expect(refusal(() => apply(tree, '2024-06-01', { type: 'dissolve', unit: ID.thonNaKim, childrenTo: null })).code).toBe('UNIT_NOT_ALIVE');
  });

  it('refuses to hand the children to a dissolved unit', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.tdpNaCo, childrenTo: null });
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.ttBacHa, childrenTo: null });
    const err = refusal(() => apply(tree, ON, { type: 'dissolve', unit: ID.taChai, childrenTo: ID.ttBacHa }));
    expect(err).toMatchObject({ code: 'UNIT_NOT_ALIVE', path: 'childrenTo' });
  });

  it('refuses to hand the agencies of a dissolved department to one of those agencies', () => {
    const err = refusal(() => apply(laoCai(), ON, { type: 'dissolve', unit: ID.soNoiVu, childrenTo: ID.chiCucVanThu }));
    expect(err).toMatchObject({ code: 'CYCLE', path: 'parent' });
  });

  it('drops a version the unit received on the same day instead of leaving it empty', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'rename', unit: ID.thonNaKim, name: 'Thôn Na Kim Mới' });
    apply(tree, ON, { type: 'dissolve', unit: ID.thonNaKim, childrenTo: null });
    expect(spans(tree, ID.thonNaKim)).toEqual([['Thôn Na Kim', OPENED, ON]]);
  });
});
