import type { IsoDate } from '../dates.js';
import type { Kind } from '../kinds.js';
import type { Attrs, Figures, Tree, UnitId } from '../tree.js';

export const CHANGE_TYPES = [
  'establish', 'dissolve', 'merge', 'consolidate', 'split', 'separate', 'transfer', 'rename', 'reclassify', 'amend', 'reorganise', 'correct',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/**
 * The types a decision orders, recorded from the change form, proposed in plans and imported. A
 * correction of a data-entry error (`correct`) is none of these: it has its own form on the unit.
 */
export const DECIDED_TYPES = CHANGE_TYPES.filter((t): t is Exclude<ChangeType, 'correct'> => t !== 'correct');
export type DecidedType = (typeof DECIDED_TYPES)[number];

/**
 * A unit a change creates. `U` is how units are referenced: official code or id in a request
 * (`Ref`), internal id once resolved. The id is allocated once, when the change is first recorded.
 */
export interface NewUnit<U = UnitId> {
  id: UnitId;
  name: string;
  code: string | null;
  kind: Kind;
  subtype: string;
  parent: U | null;
  figures: Partial<Figures>;
}

/** A child handed to the new unit at index `to` of the change's outputs. */
export interface ChildMove<U = UnitId> {
  unit: U;
  to: number;
}

/**
 * A unit an output of a reorganisation is formed from: the whole of it, or a part ("một phần diện
 * tích tự nhiên, quy mô dân số của xã X") with the figures the decision gives, if it gives them.
 */
export interface Constituent<U = UnitId> {
  unit: U;
  share: 'whole' | 'part';
  figures?: Partial<Figures>;
}

/** An output of a reorganisation: a new unit, or a unit that continues (renamed, moved), and what it is formed from. */
export type ReorganiseOutput<U = UnitId, N = NewUnit<U>> =
  | { unit: N; from: Constituent<U>[] }
  | { continues: U; name?: string; subtype?: string; parent?: U | null; from: Constituent<U>[] };

/** A lineage pair: `from` led to `to`, wholly or (marked) in part. */
export type LineagePair = [from: UnitId, to: UnitId, share?: 'part'];

/**
 * The input of each change type. Stored, resolved, as the event; the API takes it with refs.
 * `reissue` lists the closed official codes the change knowingly gives again (the statistics
 * office reissued some in 2025); without it a closed code is refused.
 */
export type ChangeInput<U = UnitId, N = NewUnit<U>> = ChangeShape<U, N> & { reissue?: string[] };

type ChangeShape<U, N> =
  | { type: 'establish'; units: N[] }
  | { type: 'dissolve'; unit: U; childrenTo: U | null }
  | { type: 'merge'; absorbed: U[]; into: U; name?: string; figures?: Partial<Figures> }
  | { type: 'consolidate'; units: U[]; result: N }
  | { type: 'split'; unit: U; into: N[]; childrenTo?: number; childMoves?: ChildMove<U>[] }
  | { type: 'separate'; unit: U; parts: N[]; childMoves?: ChildMove<U>[]; remaining?: Partial<Figures> }
  | { type: 'transfer'; unit: U; toParent: U }
  | { type: 'transfer'; from: U; to: U; children?: U[]; figures?: Partial<Figures> }
  | { type: 'rename'; unit: U; name: string }
  | { type: 'reclassify'; unit: U; subtype: string; kind?: Kind; name?: string }
  | { type: 'amend'; unit: U; figures?: Partial<Figures>; code?: string | null }
  | { type: 'correct'; unit: U; from: string; name: string }
  | { type: 'reorganise'; outputs: ReorganiseOutput<U, N>[]; dissolve?: U[]; childrenTo?: U; childMoves?: ChildMove<U>[] };

export type InputOf<T extends ChangeType, U = UnitId, N = NewUnit<U>> = Extract<ChangeInput<U, N>, { type: T }>;

/**
 * How a change's unit references are rewritten (a request's refs into ids, a proposal's refs into
 * the plan's ids, or just read): each unit it names, and each list of units it creates together
 * with the unit whose kind, subtype and parent they default to. `path` is the field, for errors.
 */
export interface RefMap<A, B, NA, NB> {
  unit(ref: A, path: string): B;
  newUnits(units: NA[], template: B | null, path: string): NB[];
}

/** What the engine must have loaded before planning a change. */
export interface Needs {
  units: UnitId[];
  childrenOf: UnitId[];
  codes: string[];
}

/** What a change does, before the engine checks the rules of the tree. */
export interface Plan {
  writes: Map<UnitId, Attrs | null>;
  created: UnitId[];
  ended: UnitId[];
  lineage: LineagePair[];
}

export interface ChangeModule<T extends ChangeType> {
  needs(input: InputOf<T>): Needs;
  plan(tree: Tree, date: IsoDate, input: InputOf<T>): Plan;
  /** The same input with its references rewritten: the one place that knows where this type names units. */
  mapRefs<A, B, NA, NB>(input: InputOf<T, A, NA>, map: RefMap<A, B, NA, NB>): InputOf<T, B, NB>;
}
