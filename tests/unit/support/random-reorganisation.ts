import fc from 'fast-check';
import type { Constituent, InputOf, NewUnit } from '../../../src/domain/changes/index.js';
import type { IsoDate } from '../../../src/domain/dates.js';
import type { Figures, Tree, UnitId } from '../../../src/domain/tree.js';
import { liveOf, PROVINCE } from './random-tree.js';

export type Input = InputOf<'reorganise'>;
export type Stated = Partial<Pick<Figures, 'areaKm2' | 'population'>>;

/** A reorganisation in the abstract: picks are indexes into whatever the tree holds on the day. */
export interface Spec {
  outputs: { continues: boolean; pick: number; parent: 'keep' | 'province' | number; rename: boolean; stated: Stated | null; code: boolean }[];
  members: { role: 'none' | 'whole' | 'part'; to: number[]; figures: (Stated | undefined)[] }[];
  swap: boolean;
  dissolve: ('no' | 'emptied' | 'yes')[];
  childrenTo: boolean;
  moves: number[];
  noise: number;
}

const figuresArb: fc.Arbitrary<Stated | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ areaKm2: fc.integer({ min: 10, max: 300 }).map((x) => x / 100), population: fc.integer({ min: 10, max: 600 }) }),
  fc.record({ areaKm2: fc.integer({ min: 10, max: 300 }).map((x) => x / 100) }),
  fc.record({ population: fc.integer({ min: 10, max: 600 }) }),
);

export const specArb: fc.Arbitrary<Spec> = fc.record({
  outputs: fc.array(
    fc.record({
      continues: fc.boolean(),
      pick: fc.nat(20),
      parent: fc.oneof(fc.constant('keep' as const), fc.constant('province' as const), fc.nat(3)),
      rename: fc.boolean(),
      stated: fc.option(fc.record({ population: fc.integer({ min: 100, max: 9000 }) }), { freq: 5 }),
      code: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  members: fc.array(
    fc.record({
      role: fc.constantFrom('none' as const, 'whole' as const, 'whole' as const, 'part' as const, 'part' as const),
      to: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }),
      figures: fc.array(figuresArb, { minLength: 3, maxLength: 3 }),
    }),
    { minLength: 12, maxLength: 12 },
  ),
  swap: fc.boolean(),
  dissolve: fc.array(fc.constantFrom('no' as const, 'no' as const, 'emptied' as const, 'emptied' as const, 'yes' as const), { minLength: 4, maxLength: 4 }),
  childrenTo: fc.boolean(),
  moves: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 5, maxLength: 5 }),
  noise: fc.nat(19),
});

/**
 * Turns a spec into an input against the tree on `date`; `fresh` allocates the ids of new units.
 * `slipped` says a clerk's slip was added, which the engine must refuse.
 */
export function reorganisationOf(spec: Spec, tree: Tree, date: IsoDate, fresh: () => UnitId): { input: Input; slipped: boolean } {
  const communes = liveOf(tree, 'commune', date);
  const districts = liveOf(tree, 'district', date);
  const parentOf = (p: Spec['outputs'][number]['parent']) => (p === 'province' ? PROVINCE : p === 'keep' ? undefined : districts[p % districts.length] ?? PROVINCE);
  const continuing = new Set<UnitId>();
  const outputs: Input['outputs'] = spec.outputs.map((o, k) => {
    const id = communes.map((_, i) => communes[(o.pick + i) % communes.length]).find((c) => !continuing.has(c));
    if (o.continues && id !== undefined) {
      continuing.add(id);
      return { continues: id, ...(o.rename ? { name: `Xã ${id} mới` } : {}), ...(o.parent === 'keep' ? {} : { parent: parentOf(o.parent) }), from: [] };
    }
    const unit: NewUnit = { id: fresh(), name: `Xã mới ${k}`, code: null, kind: 'commune', subtype: 'xa', parent: parentOf(o.parent) ?? PROVINCE, figures: o.stated ?? {} };
    return { unit, from: [] };
  });
  addConstituents(spec, outputs, communes, continuing);
  outputs.forEach((o, k) => {
    if ('unit' in o && spec.outputs[k].code && o.from[0]) o.unit.code = tree.on(o.from[0].unit, date)?.code ?? null;
  });
  const input: Input = { type: 'reorganise', outputs, ...(spec.childrenTo ? { childrenTo: PROVINCE } : {}) };
  dissolveAndMove(spec, input, tree, date, districts, continuing);
  return noisy(input, spec.noise);
}

/** Each commune whole into one output, in part into several, or in none; with `swap`, two continuing units each take a part of the other. */
function addConstituents(spec: Spec, outputs: Input['outputs'], communes: UnitId[], continuing: Set<UnitId>): void {
  const own = (k: number) => ('continues' in outputs[k] ? outputs[k].continues : undefined);
  communes.forEach((id, i) => {
    const m = spec.members[i % spec.members.length];
    const targets = [...new Set(m.to.map((t) => t % outputs.length))].filter((k) => own(k) !== id);
    if (m.role === 'none' || targets.length === 0) return;
    if (m.role === 'whole' && !continuing.has(id)) outputs[targets[0]].from.push({ unit: id, share: 'whole' });
    else targets.forEach((k, j) => outputs[k].from.push({ unit: id, share: 'part', ...(m.figures[j] ? { figures: m.figures[j] } : {}) }));
  });
  const [a, b] = outputs.filter((o) => 'continues' in o) as Extract<Input['outputs'][number], { continues: UnitId }>[];
  if (!spec.swap || !a || !b) return;
  if (!a.from.some((c) => c.unit === b.continues)) a.from.push({ unit: b.continues, share: 'part', figures: { areaKm2: 0.5, population: 50 } });
  if (!b.from.some((c) => c.unit === a.continues)) b.from.push({ unit: a.continues, share: 'part', figures: { areaKm2: 0.25, population: 30 } });
}

/** Districts dissolved (always, never, or once the change leaves them no commune), and villages and schools of the units that end sent to an output by `childMoves`. */
function dissolveAndMove(spec: Spec, input: Input, tree: Tree, date: IsoDate, districts: UnitId[], continuing: Set<UnitId>): void {
  const leaving = new Set(input.outputs.flatMap((o) => o.from.map((c) => c.unit)).filter((u) => !continuing.has(u)));
  for (const o of input.outputs) if ('continues' in o && o.parent !== undefined) leaving.add(o.continues);
  const emptied = (d: UnitId) => tree.children(d, date).every((c) => leaving.has(c) || tree.on(c, date)!.kind !== 'commune');
  const dissolve = districts.filter((d, i) => ({ no: false, emptied: emptied(d), yes: true })[spec.dissolve[i % spec.dissolve.length]]);
  const ending = [...leaving, ...dissolve].filter((u) => !continuing.has(u));
  const move = (i: number) => spec.moves[i % spec.moves.length];
  const childMoves = ending.flatMap((u) => tree.children(u, date)).filter((c) => tree.on(c, date)!.kind !== 'commune')
    .flatMap((c, i) => (move(i) < 0 ? [] : [{ unit: c, to: move(i) % input.outputs.length }]));
  if (dissolve.length) input.dissolve = dissolve;
  if (childMoves.length) input.childMoves = childMoves;
}

/** One time in five, a slip a clerk could make: a unit taken whole twice, a unit that does not exist, a constituent also dissolved, a continuing unit also taken whole. */
function noisy(input: Input, noise: number): { input: Input; slipped: boolean } {
  const wholes = input.outputs.flatMap((o) => o.from.filter((c) => c.share === 'whole'));
  const last = input.outputs.at(-1)!;
  const cont = input.outputs.find((o) => 'continues' in o);
  const slips = [
    () => wholes[0] && input.outputs.length > 1 && input.outputs[0].from.push({ ...wholes[0] }),
    () => last.from.push({ unit: 9_999, share: 'part' }),
    () => wholes[0] && (input.dissolve = [...(input.dissolve ?? []), wholes[0].unit]),
    () => cont && 'continues' in cont && cont !== last && last.from.push({ unit: cont.continues, share: 'whole' }),
  ];
  return { input, slipped: Boolean(slips[noise]?.()) };
}

/** Each output's area and population, computed from the tree before the change: wholes, stated parts, less parts given; null once a term is unknown. */
export function expectedFigures(before: Tree, date: IsoDate, input: Input, id: UnitId, k: number): Stated {
  const o = input.outputs[k];
  const given = input.outputs.flatMap((x) => x.from.filter((c) => c.unit === id && c.share === 'part'));
  const terms: [Constituent, 1 | -1][] = [
    ...('continues' in o ? [[{ unit: id, share: 'whole' }, 1] as [Constituent, 1]] : []),
    ...o.from.map((c) => [c, 1] as [Constituent, 1]),
    ...given.map((c) => [c, -1] as [Constituent, -1]),
  ];
  const out: Stated = {};
  for (const key of ['areaKm2', 'population'] as const) {
    const stated = 'unit' in o ? o.unit.figures[key] : undefined;
    if (stated !== undefined && stated !== null) out[key] = stated;
    else if (o.from.length === 0 && given.length === 0) out[key] = 'unit' in o ? null : before.on(id, date)![key];
    else out[key] = terms.reduce<number | null>((sum, [c, sign]) => {
      const v = c.share === 'whole' ? before.on(c.unit, date)![key] : (c.figures?.[key] ?? null);
      return sum === null || v === null ? null : sum + sign * v;
    }, 0);
  }
  return out;
}

/**
 * The refusals an input without a slip can deserve, each from something the input shows: an output
 * hung under a district dissolved in it, a dissolved district's units sent nowhere, a code still held
 * or given twice, a unit giving away more than it has.
 */
export function deservedRefusals(before: Tree, date: IsoDate, input: Input): Set<string> {
  const out = new Set<string>();
  const dissolved = new Set(input.dissolve ?? []);
  const parentOf = (o: Input['outputs'][number]) => ('unit' in o ? o.unit.parent : o.parent);
  if (input.outputs.some((o) => dissolved.has(parentOf(o) ?? -1))) out.add('PARENT_NOT_ALIVE');
  if (dissolved.size > 0 && input.childrenTo === undefined) {
    out.add('CHILDREN_LEFT');
    if (input.outputs.some((o) => 'continues' in o && o.parent === undefined && dissolved.has(before.on(o.continues, date)!.parentId!))) out.add('PARENT_NOT_ALIVE');
  }
  const ending = new Set(input.outputs.flatMap((o) => o.from.map((c) => c.unit)));
  input.outputs.forEach((o) => 'continues' in o && ending.delete(o.continues));
  const codes = input.outputs.flatMap((o) => ('unit' in o && o.unit.code ? [o.unit.code] : []));
  if (new Set(codes).size < codes.length) out.add('CODE_TAKEN');
  for (const code of codes) {
    const holders = before.codeHolders(code).filter((h) => before.on(h.unitId, date)?.code === code);
    if (holders.some((h) => !ending.has(h.unitId))) out.add('CODE_TAKEN');
  }
  input.outputs.forEach((o, k) => {
    const f = expectedFigures(before, date, input, 'unit' in o ? o.unit.id : o.continues, k);
    if ((f.areaKm2 ?? 0) < 0 || (f.population ?? 0) < 0) out.add('FIGURES_NEGATIVE');
  });
  return out;
}
