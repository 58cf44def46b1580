import { applyChange, type ChangeInput, type NewUnit, type Outcome } from '../../domain/changes/index.js';
import type { IsoDate } from '../../domain/dates.js';
import { DomainError } from '../../domain/errors.js';
import type { Kind } from '../../domain/kinds.js';
import { Tree, type Figures, type UnitId, type Version } from '../../domain/tree.js';
import { Decisions, type DecisionInfo } from './decisions.js';
import { NameSource } from './names.js';
import { Rng } from './random.js';

/** One generated change, resolved (units by id), in the order it is to be recorded. */
export interface GeneratedEvent {
  effectiveOn: IsoDate;
  input: ChangeInput;
  decision: DecisionInfo;
  note: string | null;
}

export interface ProvinceInfo {
  id: UnitId;
  code: string;
  mountain: boolean;
  coastal: boolean;
}

/**
 * The generator's working state: the whole tree in memory, advanced by the engine itself
 * (`applyChange`) one change at a time, so the generated history is exactly what the services
 * would accept. Also hands out unit ids, official codes and decisions, and remembers each body's
 * role (which Sở it is) to find counterparts later.
 */
export class Country {
  readonly tree = new Tree();
  readonly events: GeneratedEvent[] = [];
  readonly roles = new Map<UnitId, string>();
  /** District-level island units without communes (Bạch Long Vĩ, Cồn Cỏ): no commune-level history touches them. */
  readonly islands = new Set<UnitId>();
  readonly names: NameSource;
  readonly decisions: Decisions;
  private nextUnit = 1;
  private nextDistrictCode = 1;
  private nextCommuneCode = 1;

  constructor(readonly rng: Rng) {
    this.names = new NameSource(rng);
    this.decisions = new Decisions(rng);
  }

  /** Applies a change with the engine and keeps it; a refusal here is a bug in the generator. */
  record(date: IsoDate, input: ChangeInput, decision: DecisionInfo, note: string | null = null): Outcome {
    try {
      const outcome = applyChange(this.tree, date, input);
      this.events.push({ effectiveOn: date, input, decision, note });
      return outcome;
    } catch (err) {
      if (err instanceof DomainError) throw new Error(`generator bug: ${input.type} on ${date} refused (${err.message})`, { cause: err });
      throw err;
    }
  }

  newUnit(kind: Kind, subtype: string, name: string, parent: UnitId | null, extra: { code?: string | null; figures?: Partial<Figures>; role?: string } = {}): NewUnit {
    const id = this.nextUnit++;
    if (extra.role) this.roles.set(id, extra.role);
    return { id, name, code: extra.code ?? null, kind, subtype, parent, figures: extra.figures ?? {} };
  }

  districtCode(): string {
    return String(this.nextDistrictCode++).padStart(3, '0');
  }

  /** Commune codes run in steps of three, as the statistics office numbers them. */
  communeCode(): string {
    const code = String(this.nextCommuneCode).padStart(5, '0');
    this.nextCommuneCode += 3;
    return code;
  }

  on(id: UnitId, date: IsoDate): Version {
    const v = this.tree.on(id, date);
    if (!v) throw new Error(`generator bug: unit ${id} is not alive on ${date}`);
    return v;
  }

  /** The units directly under `id` on `date`, of one kind (all kinds when omitted). */
  children(id: UnitId, date: IsoDate, kind?: Kind): Version[] {
    const out: Version[] = [];
    for (const c of this.tree.children(id, date)) {
      const v = this.tree.on(c, date)!;
      if (!kind || v.kind === kind) out.push(v);
    }
    return out;
  }

  /** The child of `id` on `date` with this role (a province's Sở Y tế), if it has one. */
  byRole(id: UnitId, date: IsoDate, role: string): Version | undefined {
    return this.children(id, date).find((v) => this.roles.get(v.unitId) === role);
  }

  /** Every commune of a province on `date`: under its districts before 2025, directly under it after. */
  communesOf(province: UnitId, date: IsoDate): Version[] {
    const direct = this.children(province, date, 'commune');
    return [...direct, ...this.children(province, date, 'district').flatMap((d) => this.children(d.unitId, date, 'commune'))];
  }
}
