import type { Trx } from '../../src/db/connection.js';
import { addDays, type IsoDate } from '../../src/domain/dates.js';
import type { ChangeRequest, DecisionRequest, Ref } from '../../src/services/change-request.js';
import { recordChangeIn } from '../../src/services/change.service.js';

/** Units without an official code (villages, agencies, service units) are named by a key of the demo's own. */
export type RefTo = (key: string) => Ref;

export interface PlannedChange {
  date: IsoDate;
  /** Keys for the units the change creates, in the order it creates them. */
  creates?: string[];
  build(ref: RefTo): ChangeRequest;
}

export const OPENING: IsoDate = '2015-01-01';

/** The opening inventory: the units as they stood when recording began, not their founding. */
export const OPENING_DECISION: DecisionRequest = {
  number: 'Số liệu đầu kỳ 01/01/2015',
  issuer: 'Sở Nội vụ tỉnh Lào Cai',
  signedOn: OPENING,
  title: 'Danh sách đơn vị tại thời điểm bắt đầu theo dõi (dữ liệu minh hoạ cho thôn, tổ dân phố, cơ quan, đơn vị sự nghiệp)',
};

/** Records the planned changes in date order (stable within a day), inside the caller's transaction. */
export async function runPlan(trx: Trx, plan: PlannedChange[]): Promise<number> {
  const ids = new Map<string, number>();
  const ref: RefTo = (key) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`demo plan refers to ${key} before it exists`);
    return { id };
  };
  const ordered = plan.map((p, i) => [p, i] as const).sort((a, b) => (a[0].date === b[0].date ? a[1] - b[1] : a[0].date < b[0].date ? -1 : 1));
  for (const [p] of ordered) {
    const { outcome } = await recordChangeIn(trx, { recordedBy: 'demo', ...p.build(ref) }, '2024-12-01T00:00:00.000Z');
    (p.creates ?? []).forEach((key, i) => ids.set(key, outcome.created[i]));
  }
  return ordered.length;
}

/** `Map.groupBy`, which Node 20 lacks. Keys keep their first-seen order. */
export function groupBy<T, K>(items: T[], key: (item: T, index: number) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  items.forEach((item, i) => {
    const k = key(item, i);
    out.set(k, [...(out.get(k) ?? []), item]);
  });
  return out;
}

/** Numbers the demo's illustrative decisions the way a province does: one series per year. */
export class DecisionBook {
  private readonly next = new Map<string, number>();

  issue(effectiveOn: IsoDate, title: string, issuer = 'UBND tỉnh Lào Cai'): DecisionRequest {
    const signedOn = addDays(effectiveOn, -20);
    const year = signedOn.slice(0, 4);
    const n = this.next.get(year) ?? 1100 + (Number(year) % 7) * 41;
    this.next.set(year, n + 37);
    return { number: `${n}/QĐ-UBND`, issuer, signedOn, title };
  }
}
