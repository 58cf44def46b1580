import type { ChangeInput } from '../domain/changes/index.js';
import type { IsoDate } from '../domain/dates.js';
import type { Kind } from '../domain/kinds.js';
import type { Figures } from '../domain/tree.js';

/** A unit named in a request: by internal id, or by official code (resolved on the day before the change). */
export type Ref = { id: number } | { code: string };

/** A new unit as a request describes it; kind, subtype and parent default to those of the unit it comes from. */
export interface NewUnitRequest {
  name: string;
  code?: string | null;
  kind?: Kind;
  subtype?: string;
  parent?: Ref | null;
  figures?: Partial<Figures>;
}

export interface DecisionRequest {
  number: string;
  issuer?: string | null;
  signedOn?: IsoDate | null;
  title?: string | null;
}

export type ChangeRequest = ChangeInput<Ref, NewUnitRequest> & {
  effectiveOn: IsoDate;
  decision: DecisionRequest;
  note?: string | null;
  recordedBy?: string;
};

