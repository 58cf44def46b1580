import { describe, expect, it } from 'vitest';
import { attrsOf, Tree } from '../../src/domain/tree.js';
import { ID, laoCai, LATER, ON, OPENED, spans } from './support/tree-fixture.js';

const attrsOn = (tree: Tree, id: number, date: string) => attrsOf(tree.on(id, date)!);

describe('Tree versions', () => {
  it('closes the open version and opens a new one on a later date', () => {
    const tree = laoCai();
    tree.write(ID.taChai, ON, { ...attrsOn(tree, ID.taChai, ON), name: 'Xã Tà Chải Mới' });
    expect(spans(tree, ID.taChai)).toEqual([
      ['Xã Tà Chải', OPENED, ON],
      ['Xã Tà Chải Mới', ON, null],
    ]);
    expect(tree.on(ID.taChai, '2023-12-31')!.name).toBe('Xã Tà Chải');
    expect(tree.on(ID.taChai, ON)!.name).toBe('Xã Tà Chải Mới');
  });

  it('writes nothing when the attributes do not change', () => {
    const tree = laoCai();
    tree.write(ID.taChai, ON, attrsOn(tree, ID.taChai, ON));
    expect(tree.history(ID.taChai)).toHaveLength(1);
  });

  it('overwrites a version that began the same day instead of leaving an empty one', () => {
    const tree = laoCai();
    const base = attrsOn(tree, ID.taChai, ON);
    tree.write(ID.taChai, ON, { ...base, name: 'Tên một' });
    tree.write(ID.taChai, ON, { ...base, name: 'Tên hai' });
    expect(spans(tree, ID.taChai)).toEqual([
      ['Xã Tà Chải', OPENED, ON],
      ['Tên hai', ON, null],
    ]);
  });

  it('removes a version that began the same day when the unit ends that day', () => {
    const tree = laoCai();
    tree.write(ID.taChai, ON, { ...attrsOn(tree, ID.taChai, ON), name: 'Tên một' });
    tree.write(ID.taChai, ON, null);
    expect(spans(tree, ID.taChai)).toEqual([['Xã Tà Chải', OPENED, ON]]);
    expect(tree.on(ID.taChai, ON)).toBeUndefined();
  });

  it('refuses a write before the last version began', () => {
    const tree = laoCai();
    tree.write(ID.taChai, LATER, { ...attrsOn(tree, ID.taChai, LATER), name: 'Tên mới' });
    expect(() => tree.write(ID.taChai, ON, null)).toThrow(/before its last version/);
  });

  it('forgets versions from a date on with truncate, reopening the one that covered it', () => {
    const tree = laoCai();
    tree.write(ID.taChai, ON, { ...attrsOn(tree, ID.taChai, ON), name: 'Tên mới' });
    tree.write(ID.taChai, LATER, null);
    tree.truncate(ID.taChai, ON);
    expect(spans(tree, ID.taChai)).toEqual([['Xã Tà Chải', OPENED, null]]);
  });

  it('lists the children a parent has on a date, following moves', () => {
    const tree = laoCai();
    tree.write(ID.thonNaKim, ON, { ...attrsOn(tree, ID.thonNaKim, ON), parentId: ID.naHoi });
    expect(tree.children(ID.taChai, '2023-12-31')).toEqual([ID.thonNaKim, ID.thonTaChai]);
    expect(tree.children(ID.taChai, ON)).toEqual([ID.thonTaChai]);
    expect(tree.children(ID.naHoi, ON)).toEqual([ID.thonNaKim]);
  });

  it('reports every holder of a code with the interval it held it', () => {
    const tree = laoCai();
    tree.write(ID.taChai, ON, null);
    tree.write(99, ON, { ...attrsOn(tree, ID.taChai, '2023-12-31'), name: 'Xã Tà Chải Mới' });
    expect(tree.codeHolders('02872')).toEqual([
      { unitId: ID.taChai, from: OPENED, to: ON },
      { unitId: 99, from: ON, to: null },
    ]);
  });

  it('keeps a clone independent of the tree it was copied from', () => {
    const tree = laoCai();
    const clone = new Tree(tree.allVersions());
    clone.write(ID.taChai, ON, null);
    expect(tree.on(ID.taChai, ON)).toBeDefined();
    expect(clone.on(ID.taChai, ON)).toBeUndefined();
  });
});

describe('a change undone on the same day', () => {
  it('leaves one version going on rather than two identical ones back to back', async () => {
    const { Tree } = await import('../../src/domain/tree.js');
    const tree = new Tree();
    const attrs = { name: 'Xã A', code: '99001', kind: 'commune' as const, subtype: 'xa', parentId: null, areaKm2: 10, population: 100, households: null, sector: null };
    tree.write(1, '2020-01-01', attrs);
    tree.write(1, '2021-01-01', { ...attrs, name: 'Xã B' });
    tree.write(1, '2021-01-01', attrs);
    expect(tree.history(1).map((v) => [v.name, v.validFrom, v.validTo])).toEqual([['Xã A', '2020-01-01', null]]);
  });
});
