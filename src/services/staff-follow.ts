import type { Transaction } from 'kysely';
import type { ChangeInput, Outcome } from '../domain/changes/index.js';
import { dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { staffDisposal, staffTransfers, type Disposal, type StaffShare } from '../domain/staff-moves.js';
import { CATEGORIES, headcountOn, quotaOn, type Category, type Movement, type Reason } from '../domain/staffing.js';
import type { Database } from '../db/schema.js';
import { findMovements, findQuotas, insertMovements, insertQuotas, type QuotaRecord } from '../db/staffing.repository.js';
import { findUnitIdByCode, unitExists } from '../db/unit.repository.js';
import type { ChangeRequest, Ref } from './change-request.js';

type Trx = Transaction<Database>;

/** The optional `staff` field of a change: shares for a split, the staff's fate for a dissolution. */
export interface StaffField {
  staff?: StaffShare[] | { to: Ref } | { reason: Reason };
}

/**
 * Which units end and who succeeds them, in the change's output order: the lineage's targets of the
 * ended units (a merge's absorbing unit, a consolidation's or a split's new units). A dissolution
 * has no successor: its staff go where the `staff` field says.
 */
function endings(input: ChangeInput, outcome: Outcome): { ended: number[]; successors: number[] } | null {
  if (outcome.ended.length === 0) return null;
  if (input.type === 'dissolve') return { ended: outcome.ended, successors: [] };
  const ended = new Set(outcome.ended);
  const successors = [...new Set(outcome.lineage.filter(([from, to]) => ended.has(from) && !ended.has(to)).map(([, to]) => to))];
  return { ended: outcome.ended, successors };
}

/**
 * Staff and quota of the units a change ends follow it, as transfers dated on its effective day
 * and tied to the change (voiding it removes them). Merge, consolidation and split hand them to
 * the successors (split: `staff` shares, the rest to the first new unit); dissolution needs `staff`.
 */
export async function moveStaffOfChange(trx: Trx, req: ChangeRequest, input: ChangeInput, outcome: Outcome, changeId: number, decision: string, now: string): Promise<void> {
  const on = req.effectiveOn;
  const field = (req as ChangeRequest & StaffField).staff;
  const ends = endings(input, outcome);
  if (!ends || ends.ended.length === 0) return;
  const movements = await findMovements(trx, ends.ended, on);
  const quotas = await findQuotas(trx, [...ends.ended, ...ends.successors.slice(0, 1)]);
  const out: Movement[] = [];
  for (const unit of ends.ended) {
    const count = headcountOn(movements.filter((m) => m.unitId === unit), on);
    if (input.type === 'dissolve') out.push(...staffDisposal(unit, count, on, await disposalOf(trx, field, on)));
    else if (ends.successors.length > 0) out.push(...staffTransfers(unit, count, ends.successors, on, Array.isArray(field) ? field : []));
  }
  await insertMovements(trx, out.map((m) => ({ ...m, decision, changeId })), now);
  await insertQuotas(trx, quotaHandover(quotas, ends.ended, ends.successors[0], on, decision, changeId), now);
}

/** Ended units' quota drops to zero; a successor's grows by it (the next quota decision may redistribute it). */
function quotaHandover(quotas: QuotaRecord[], ended: number[], successor: number | undefined, on: IsoDate, decision: string, changeId: number): QuotaRecord[] {
  const out: QuotaRecord[] = [];
  const added: Partial<Record<Category, number>> = {};
  for (const unit of ended) {
    const q = quotaOn(quotas.filter((x) => x.unitId === unit), on);
    for (const c of CATEGORIES) {
      if (!q[c]) continue;
      out.push({ unitId: unit, category: c, on, quota: 0, decision, changeId });
      added[c] = (added[c] ?? 0) + q[c]!;
    }
  }
  if (successor === undefined) return out;
  const own = quotaOn(quotas.filter((x) => x.unitId === successor), on);
  const grown = Object.entries(added).map(([c, n]) => ({ unitId: successor, category: c as Category, on, quota: (own[c as Category] ?? 0) + n!, decision, changeId }));
  return [...out, ...grown];
}

async function disposalOf(trx: Trx, field: StaffField['staff'], on: IsoDate): Promise<Disposal | undefined> {
  if (!field || Array.isArray(field)) return undefined;
  if ('reason' in field) return { reason: field.reason };
  const r = field.to;
  if ('id' in r) {
    if (!(await unitExists(trx, r.id))) throw new DomainError('UNKNOWN_UNIT', { ref: `id:${r.id}` }, 'staff.to');
    return { to: r.id };
  }
  const id = await findUnitIdByCode(trx, r.code, dayBefore(on));
  if (id === undefined) throw new DomainError('UNKNOWN_CODE', { code: r.code, date: dayBefore(on) }, 'staff.to');
  return { to: id };
}
