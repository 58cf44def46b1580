import { mapRefs, type ChangeInput, type NewUnit } from './changes/index.js';
import type { IsoDate } from './dates.js';
import { DomainError } from './errors.js';
import type { Kind } from './kinds.js';
import { Tree, type Figures, type UnitId } from './tree.js';

/** A unit named in a proposal, as the change forms name it: by internal id or by official code. */
export type PlanRef = { id: number } | { code: string };

export interface PlanNewUnit {
  name: string;
  code?: string | null;
  kind?: Kind;
  subtype?: string;
  parent?: PlanRef | null;
  figures?: Partial<Figures>;
}

/** A proposal: a change request without its date and decision (those come when the plan is enacted). */
export type Proposal = ChangeInput<PlanRef, PlanNewUnit> & { note?: string | null };

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'enacted'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The workflow: which action takes a plan from which status to which. Enacting has its own use case. */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
  withdraw: { from: ['submitted', 'approved', 'rejected'], to: 'draft' },
  enact: { from: ['approved'], to: 'enacted' },
} as const satisfies Record<string, { from: readonly PlanStatus[]; to: PlanStatus }>;
export type PlanAction = keyof typeof TRANSITIONS;

export function nextStatus(status: PlanStatus, action: PlanAction): PlanStatus {
  const t = TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(status)) throw new DomainError('PLAN_TRANSITION', { status, action });
  return t.to;
}

/** Every ref a proposal names (new units' own codes are not refs: a ref is an object of exactly `id` or `code`). */
export function refsOf(value: unknown, out: PlanRef[] = []): PlanRef[] {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, out));
  else if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'id' || keys[0] === 'code')) out.push(value as PlanRef);
    else Object.values(value).forEach((v) => refsOf(v, out));
  }
  return out;
}

/** A copy to try a proposal on: the engine leaves a tree half-written when it refuses a change. */
export function cloneTree(tree: Tree): Tree {
  return new Tree(tree.allVersions());
}

/**
 * The engine's input of a proposal, resolved against the tree as the services resolve a request
 * against the database: codes by `codes` (looked up on the base date) or else among the units
 * earlier proposals created; new units numbered by `allocate`, kind, subtype and parent taken
 * from the unit they come from unless given.
 */
export function resolveProposal(tree: Tree, date: IsoDate, p: Proposal, codes: Map<string, UnitId>, allocate: () => UnitId): ChangeInput {
  const ref = (r: PlanRef, path: string): UnitId => {
    if ('id' in r) {
      if (!tree.holds(r.id)) throw new DomainError('UNKNOWN_UNIT', { ref: `id:${r.id}` }, path);
      return r.id;
    }
    const known = codes.get(r.code) ?? tree.codeHolders(r.code).find((h) => h.from <= date && (h.to === null || date < h.to))?.unitId;
    if (known === undefined) throw new DomainError('UNKNOWN_CODE', { code: r.code, date }, path);
    return known;
  };
  return mapRefs(p, {
    unit: ref,
    newUnits(ns: PlanNewUnit[], template: UnitId | null, path: string): NewUnit[] {
      const model = template === null ? undefined : tree.on(template, date);
      const ids = ns.map(() => allocate());
      return ns.map((n, i) => newUnit(n, ids[i], model, `${path}.${i}`, ref));
    },
  });
}

function newUnit(n: PlanNewUnit, id: UnitId, model: { kind: Kind; subtype: string; parentId: UnitId | null } | undefined, path: string, ref: (r: PlanRef, path: string) => UnitId): NewUnit {
  const kind = n.kind ?? model?.kind;
  const subtype = n.subtype ?? (n.kind && n.kind !== model?.kind ? undefined : model?.subtype);
  if (!kind) throw new DomainError('FIELD_REQUIRED', {}, `${path}.kind`);
  if (!subtype) throw new DomainError('FIELD_REQUIRED', {}, `${path}.subtype`);
  const parent = n.parent === undefined ? (model?.parentId ?? null) : n.parent && ref(n.parent, `${path}.parent`);
  return { id, name: n.name, code: n.code ?? null, kind, subtype, parent, figures: n.figures ?? {} };
}
