import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, type ChangeInput, type NewUnit } from '../../src/domain/changes/index.js';
import type { IsoDate } from '../../src/domain/dates.js';
import { DomainError } from '../../src/domain/errors.js';
import { mayBeUnder, type Kind } from '../../src/domain/kinds.js';
import { Tree, type UnitId, type Version } from '../../src/domain/tree.js';
import { laoCaiVersions } from './support/tree-fixture.js';

const OPS = ['merge', 'consolidate', 'rename', 'transfer', 'transferAgency', 'dissolve', 'split', 'separate', 'establishVillage', 'amendCode'] as const;
type Op = (typeof OPS)[number];

/** One step: what to try, which units to pick (indexes into the live tree), how many days later, and whether to aim for a valid change. */
interface Step {
  op: Op;
  picks: number[];
  gap: number;
  valid: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  op: fc.constantFrom(...OPS),
  picks: fc.array(fc.nat(1000), { minLength: 6, maxLength: 6 }),
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })),
  valid: fc.boolean(),
});

function addDays(date: IsoDate, days: number): IsoDate {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** Turns a step into a change input, reading the tree as of `date`; invalid steps pick from every unit ever held. */
class Generator {
  private nextId = 1000;
  private nextCode = 0;

  constructor(private readonly tree: Tree) {}

  input(step: Step, date: IsoDate): ChangeInput {
    const p = step.picks;
    const live = (kind: Kind) => [...this.tree.unitIds()].filter((id) => this.tree.on(id, date)?.kind === kind).sort((a, b) => a - b);
    const any = [...this.tree.unitIds(), 999_999].sort((a, b) => a - b);
    const pick = <T>(list: T[], n: number, fallback: T): T => (list.length === 0 ? fallback : list[n % list.length]);
    const communes = step.valid ? live('commune') : any;
    const unit = pick(communes, p[0], 999_999);
    const parent = this.tree.on(unit, date)?.parentId ?? null;
    const siblings = step.valid && parent !== null ? this.tree.children(parent, date).filter((c) => c !== unit && this.tree.on(c, date)?.kind === 'commune') : any;
    const sibling = pick(siblings, p[1], unit);
    const children = this.tree.children(unit, date);
    const code = (i: number) => this.code(p[i], unit, date);

    switch (step.op) {
      case 'merge':
        return { type: 'merge', absorbed: [sibling], into: unit };
      case 'consolidate':
        return { type: 'consolidate', units: [unit, sibling], result: this.newCommune(parent, code(2)) };
      case 'rename':
        return { type: 'rename', unit: pick(step.valid ? communes : any, p[0], unit), name: `Xã Tên ${p[1] % 4}` };
      case 'transfer':
        return { type: 'transfer', unit, toParent: pick(step.valid ? live('district') : any, p[1], unit) };
      case 'transferAgency': {
        const agencies = step.valid ? live('agency') : any;
        return { type: 'transfer', unit: pick(agencies, p[0], unit), toParent: pick(agencies, p[1], unit) };
      }
      case 'dissolve':
        return { type: 'dissolve', unit, childrenTo: p[1] % 3 === 0 ? null : sibling };
      case 'split': {
        const into = [this.newCommune(parent, code(2)), this.newCommune(parent, code(3))];
        const childMoves = children.map((c, i) => ({ unit: c, to: (p[4] + i) % 2 }));
        return step.valid ? { type: 'split', unit, into, childMoves } : { type: 'split', unit, into, childrenTo: p[4] % 3 === 0 ? undefined : p[4] % 3 };
      }
      case 'separate': {
        const population = (this.tree.on(unit, date)?.population ?? 100) * (step.valid ? 0.3 : 1.5);
        const part = { ...this.newCommune(parent, code(2)), figures: { population: Math.round(population) } };
        const childMoves = children.filter((_, i) => (p[4] >> i) & 1).map((c) => ({ unit: c, to: step.valid ? 0 : p[5] % 2 }));
        return { type: 'separate', unit, parts: [part], childMoves };
      }
      case 'establishVillage': {
        const id = step.valid || p[2] % 2 === 0 ? this.nextId++ : pick(any, p[2], 1);
        const village: NewUnit = { id, name: `Thôn ${id}`, code: null, kind: 'village', subtype: step.valid ? 'thon' : pick(['thon', 'xa'], p[3], 'thon'), parent: unit, figures: { households: p[4] } };
        return { type: 'establish', units: [village] };
      }
      case 'amendCode':
        return { type: 'amend', unit, code: code(2) };
    }
  }

  private newCommune(parent: UnitId | null, code: string | null): NewUnit {
    const id = this.nextId++;
    return { id, name: `Xã ${id}`, code, kind: 'commune', subtype: 'xa', parent, figures: {} };
  }

  /** A fresh code, the code of the unit the change is about, or any code ever used (mostly a closed or taken one). */
  private code(n: number, unit: UnitId, date: IsoDate): string | null {
    switch (n % 4) {
      case 0: return `T${this.nextCode++}`;
      case 1: return this.tree.on(unit, date)?.code ?? null;
      case 2: {
        const codes = [...new Set(this.tree.allVersions().flatMap((v) => (v.code ? [v.code] : [])))].sort();
        return codes[n % codes.length] ?? null;
      }
      default: return null;
    }
  }
}

/** The rules of the versioned tree, checked on every date on which some version begins or ends. */
function assertInvariants(tree: Tree): void {
  const versions = tree.allVersions();
  for (const id of tree.unitIds()) {
    const h = tree.history(id);
    for (const [i, v] of h.entries()) {
      expect(v.validTo === null || v.validFrom < v.validTo, `unit ${id} has an empty version from ${v.validFrom}`).toBe(true);
      const next = h[i + 1];
      if (next) expect(v.validTo !== null && v.validTo <= next.validFrom, `versions of unit ${id} overlap at ${next.validFrom}`).toBe(true);
    }
  }
  const dates = new Set(versions.flatMap((v) => (v.validTo === null ? [v.validFrom] : [v.validFrom, v.validTo])));
  for (const date of dates) {
    const codes = new Map<string, UnitId>();
    for (const id of tree.unitIds()) {
      const v = tree.on(id, date);
      if (!v) continue;
      const parent = v.parentId === null ? null : tree.on(v.parentId, date);
      expect(parent !== undefined, `parent ${v.parentId} of unit ${id} is not alive on ${date}`).toBe(true);
      expect(mayBeUnder(v.kind, parent?.kind ?? null), `a ${v.kind} under a ${parent?.kind ?? 'nothing'} on ${date}`).toBe(true);
      const seen = new Set([id]);
      for (let up = v.parentId; up !== null; up = tree.on(up, date)?.parentId ?? null) {
        expect(seen.has(up), `unit ${id} is its own ancestor on ${date}`).toBe(false);
        seen.add(up);
      }
      if (v.code === null) continue;
      expect(codes.get(v.code), `code ${v.code} held by units ${codes.get(v.code)} and ${id} on ${date}`).toBeUndefined();
      codes.set(v.code, id);
    }
  }
}

/** A code passes from one unit to another only on the day the first one ends (the consolidation handover). */
function assertCodesNeverReissued(tree: Tree): void {
  const codes = new Set(tree.allVersions().flatMap((v) => (v.code ? [v.code] : [])));
  for (const code of codes) {
    const spans = new Map<UnitId, { from: IsoDate; to: IsoDate | null }>();
    for (const h of tree.codeHolders(code)) {
      const s = spans.get(h.unitId);
      if (!s) spans.set(h.unitId, { from: h.from, to: h.to });
      else spans.set(h.unitId, { from: h.from < s.from ? h.from : s.from, to: s.to === null || h.to === null ? null : h.to > s.to ? h.to : s.to });
    }
    const ordered = [...spans.entries()].sort((a, b) => (a[1].from < b[1].from ? -1 : 1));
    for (let i = 1; i < ordered.length; i++) {
      const [prevId, prev] = ordered[i - 1];
      const [id, cur] = ordered[i];
      expect(prev.to, `code ${code} passed from unit ${prevId} to ${id} while still held`).not.toBeNull();
      expect(cur.from, `code ${code} reissued to unit ${id} after unit ${prevId} gave it up`).toBe(prev.to);
      expect(tree.on(prevId, prev.to!), `code ${code} passed on from unit ${prevId}, which did not end`).toBeUndefined();
    }
  }
}

describe('the versioned tree under random changes', () => {
  it('either applies a change or refuses it with a DomainError, and keeps the rules of the tree', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 30 }), (steps) => {
        const tree = new Tree(laoCaiVersions());
        const gen = new Generator(tree);
        let date: IsoDate = '2024-01-01';
        for (const step of steps) {
          date = addDays(date, step.gap);
          const input = gen.input(step, date);
          try {
            applyChange(new Tree(tree.allVersions()), date, input);
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            continue;
          }
          applyChange(tree, date, input);
          assertInvariants(tree);
          assertCodesNeverReissued(tree);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('applies most valid-looking changes, so the property is not vacuous', () => {
    const tree = new Tree(laoCaiVersions());
    const gen = new Generator(tree);
    let applied = 0;
    let date: IsoDate = '2024-01-01';
    const ops: Op[] = ['rename', 'transfer', 'establishVillage', 'separate', 'split', 'merge', 'amendCode', 'consolidate'];
    for (const [i, op] of ops.entries()) {
      date = addDays(date, 10);
      try {
        applyChange(tree, date, gen.input({ op, picks: [i, 0, 4, 0, 1, 0], gap: 10, valid: true }, date));
        applied++;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
      }
    }
    expect(applied).toBeGreaterThanOrEqual(6);
    assertInvariants(tree);
  });
});

describe('the invariant checks themselves', () => {
  const broken = (edit: (versions: Version[]) => Version[]) => new Tree(edit(laoCaiVersions()));
  const at = (versions: Version[], id: UnitId) => versions.find((v) => v.unitId === id)!;

  it.each<[string, (versions: Version[]) => Version[]]>([
    ['overlapping versions of one unit', (vs) => [...vs, { ...at(vs, 11), validFrom: '2021-01-01' }]],
    ['an empty version', (vs) => vs.map((v) => (v.unitId === 11 ? { ...v, validTo: v.validFrom } : v))],
    ['a village under a district', (vs) => vs.map((v) => (v.unitId === 30 ? { ...v, parentId: 2 } : v))],
    ['a commune whose district has ended', (vs) => vs.map((v) => (v.unitId === 3 ? { ...v, validTo: '2021-01-01' } : v))],
    ['two agencies under each other', (vs) => vs.map((v) => (v.unitId === 41 ? { ...v, parentId: 42 } : v))],
    ['two communes holding one code', (vs) => vs.map((v) => (v.unitId === 12 ? { ...v, code: at(vs, 11).code } : v))],
  ])('notice %s', (_what, edit) => {
    expect(() => assertInvariants(broken(edit))).toThrow();
  });

  it('notice a closed code given to another unit', () => {
    const tree = broken((vs) => [
      ...vs.map((v) => (v.unitId === 21 ? { ...v, validTo: '2022-01-01' } : v)),
      { ...at(vs, 21), unitId: 99, validFrom: '2023-01-01' },
    ]);
    assertInvariants(tree);
    expect(() => assertCodesNeverReissued(tree)).toThrow(/reissued/);
  });

  it('accept the untouched fixture', () => {
    const tree = new Tree(laoCaiVersions());
    assertInvariants(tree);
    assertCodesNeverReissued(tree);
  });
});
