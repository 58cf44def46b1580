import type { ChangeInput, Outcome } from '../domain/changes/index.js';
import { dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { staffDisposal, staffTransfers, type Disposal, type StaffShare } from '../domain/staff-moves.js';
import { CATEGORIES, headcountOn, quotaOn, type Category, type Movement, type Reason } from '../domain/staffing.js';
import { findMovements, findQuotas, insertMovements, insertQuotas, type QuotaRecord } from '../db/staffing.repository.js';
import { findUnitIdByCode, unitExists } from '../db/unit.repository.js';
import type { ChangeRequest, Ref } from './change-request.js';
import type { Trx } from '../db/connection.js';

/** The optional `staff` field of a change: shares for a split, the staff's fate for a dissolution. */
export interface StaffField {
  staff?: StaffShare[] | { to: Ref } | { reason: Reason };
}

/**
 * Which units end and who succeeds each, in the change's output order: the lineage's targets of that
 * unit (a merge's absorbing unit, a consolidation's or a split's new units, the output of a
 * reorganisation that takes it whole, or first lists its part). A dissolution, or a unit a
 * reorganisation dissolves, has no successor: its staff go where the `staff` field (or `childrenTo`) says.
 */
function endings(outcome: Outcome): { ended: number[]; successorsOf: (unit: number) => number[] } | null {
  if (outcome.ended.length === 0) return null;
  const ended = new Set(outcome.ended);
  const successorsOf = (unit: number) => [...new Set(outcome.lineage.filter(([from, to]) => from === unit && !ended.has(to)).map(([, to]) => to))];
  return { ended: outcome.ended, successorsOf };
}

/**
 * Staff and quota of the units a change ends follow it, as transfers dated on its effective day
 * and tied to the change (voiding it removes them). Merge, consolidation, split and reorganisation
 * hand them to each unit's successors (split: `staff` shares, the rest to the first new unit);
 * a unit with no successor needs `staff` (a reorganisation's dissolved units: `childrenTo` takes them).
 */
export async function moveStaffOfChange(trx: Trx, req: ChangeRequest, input: ChangeInput, outcome: Outcome, changeId: number, decision: string, now: string): Promise<void> {
  const on = req.effectiveOn;
  const field = (req as ChangeRequest & StaffField).staff;
  const ends = endings(outcome);
  if (!ends) return;
  const firsts = ends.ended.flatMap((u) => ends.successorsOf(u).slice(0, 1));
  const movements = await findMovements(trx, ends.ended, on);
  const quotas = await findQuotas(trx, [...new Set([...ends.ended, ...firsts])]);
  const out: Movement[] = [];
  for (const unit of ends.ended) {
    const count = headcountOn(movements.filter((m) => m.unitId === unit), on);
    const successors = ends.successorsOf(unit);
    if (successors.length > 0) out.push(...staffTransfers(unit, count, successors, on, Array.isArray(field) ? field : []));
    else if (input.type === 'reorganise' && input.childrenTo !== undefined) out.push(...staffDisposal(unit, count, on, { to: input.childrenTo }));
    else out.push(...staffDisposal(unit, count, on, await disposalOf(trx, field, on)));
  }
  await insertMovements(trx, out.map((m) => ({ ...m, decision, changeId })), now);
  await insertQuotas(trx, quotaHandover(quotas, ends.ended, (u) => ends.successorsOf(u)[0], on, decision, changeId), now);
}

/** Ended units' quota drops to zero; each one's first successor's grows by it (the next quota decision may redistribute it). */
function quotaHandover(quotas: QuotaRecord[], ended: number[], successorOf: (unit: number) => number | undefined, on: IsoDate, decision: string, changeId: number): QuotaRecord[] {
  const out: QuotaRecord[] = [];
  const added = new Map<number, Partial<Record<Category, number>>>();
  for (const unit of ended) {
    const q = quotaOn(quotas.filter((x) => x.unitId === unit), on);
    const successor = successorOf(unit);
    for (const c of CATEGORIES) {
      if (!q[c]) continue;
      out.push({ unitId: unit, category: c, on, quota: 0, decision, changeId });
      if (successor === undefined) continue;
      const sum = added.get(successor) ?? {};
      sum[c] = (sum[c] ?? 0) + q[c]!;
      added.set(successor, sum);
    }
  }
  for (const [successor, sum] of added) {
    const own = quotaOn(quotas.filter((x) => x.unitId === successor), on);
    out.push(...Object.entries(sum).map(([c, n]) => ({ unitId: successor, category: c as Category, on, quota: (own[c as Category] ?? 0) + n!, decision, changeId })));
  }
  return out;
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
