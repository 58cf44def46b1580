import type { ChangeInput, NewUnit } from './changes/index.js';
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
  const refs = (rs: PlanRef[], path: string) => rs.map((r, i) => ref(r, `${path}.${i}`));
  const moves = (ms: { unit: PlanRef; to: number }[] | undefined) => ms?.map((m, i) => ({ unit: ref(m.unit, `childMoves.${i}.unit`), to: m.to }));
  const fresh = (ns: PlanNewUnit[], template: UnitId | null, path: string): NewUnit[] => {
    const model = template === null ? undefined : tree.on(template, date);
    const ids = ns.map(() => allocate());
    return ns.map((n, i) => newUnit(n, ids[i], model, `${path}.${i}`, ref));
  };
  switch (p.type) {
    case 'establish': return { type: 'establish', units: fresh(p.units, null, 'units') };
    case 'dissolve': return { type: 'dissolve', unit: ref(p.unit, 'unit'), childrenTo: p.childrenTo ? ref(p.childrenTo, 'childrenTo') : null };
    case 'merge': return { type: 'merge', absorbed: refs(p.absorbed, 'absorbed'), into: ref(p.into, 'into'), name: p.name, figures: p.figures };
    case 'consolidate': {
      const units = refs(p.units, 'units');
      return { type: 'consolidate', units, result: fresh([p.result], units[0], 'result')[0] };
    }
    case 'split': {
      const unit = ref(p.unit, 'unit');
      return { type: 'split', unit, into: fresh(p.into, unit, 'into'), childrenTo: p.childrenTo, childMoves: moves(p.childMoves) };
    }
    case 'separate': {
      const unit = ref(p.unit, 'unit');
      return { type: 'separate', unit, parts: fresh(p.parts, unit, 'parts'), childMoves: moves(p.childMoves), remaining: p.remaining };
    }
    case 'transfer':
      return 'toParent' in p
        ? { type: 'transfer', unit: ref(p.unit, 'unit'), toParent: ref(p.toParent, 'toParent') }
        : { type: 'transfer', from: ref(p.from, 'from'), to: ref(p.to, 'to'), children: p.children && refs(p.children, 'children'), figures: p.figures };
    case 'rename': return { type: 'rename', unit: ref(p.unit, 'unit'), name: p.name };
    case 'reclassify': return { type: 'reclassify', unit: ref(p.unit, 'unit'), subtype: p.subtype, kind: p.kind, name: p.name };
    case 'amend': return { type: 'amend', unit: ref(p.unit, 'unit'), figures: p.figures, code: p.code };
  }
}

function newUnit(n: PlanNewUnit, id: UnitId, model: { kind: Kind; subtype: string; parentId: UnitId | null } | undefined, path: string, ref: (r: PlanRef, path: string) => UnitId): NewUnit {
  const kind = n.kind ?? model?.kind;
  const subtype = n.subtype ?? (n.kind && n.kind !== model?.kind ? undefined : model?.subtype);
  if (!kind) throw new DomainError('FIELD_REQUIRED', {}, `${path}.kind`);
  if (!subtype) throw new DomainError('FIELD_REQUIRED', {}, `${path}.subtype`);
  const parent = n.parent === undefined ? (model?.parentId ?? null) : n.parent && ref(n.parent, `${path}.parent`);
  return { id, name: n.name, code: n.code ?? null, kind, subtype, parent, figures: n.figures ?? {} };
}
