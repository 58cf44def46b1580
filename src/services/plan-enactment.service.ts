import { unitsTouched } from '../domain/changes/touched.js';
import { dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { nextStatus } from '../domain/plan.js';
import type { Db } from '../db/connection.js';
import { insertTransition, setPlanStatus, setProposalChange } from '../db/plan.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import type { DecisionRequest } from './change-request.js';
import { recordChangeIn } from './change.service.js';
import { attribute, getPlan, mustApply, PlanConflicts } from './plan.service.js';
import { assertWithinScope, type Writer } from './scope.service.js';

export interface Enactment {
  effectiveOn: IsoDate;
  decision: DecisionRequest;
  comment: string | null;
}

/**
 * Every proposal becomes a real change, in order, in one transaction: all or nothing. First the
 * plan is evaluated on the real tree as it stands the day before the effective date, so that every
 * proposal that no longer applies is listed at once; recording can still meet a conflict with a
 * change recorded after that date, which is reported the same way.
 */
export async function enactPlan(db: Db, id: number, e: Enactment, who: Writer, now = new Date().toISOString()): Promise<number[]> {
  return writeTransaction(db, async (trx) => {
    const plan = await getPlan(trx, id);
    nextStatus(plan.status, 'enact');
    const proposals = await mustApply(trx, plan, dayBefore(e.effectiveOn));
    const changeIds: number[] = [];
    let decisionId = 0;
    for (const [i, p] of proposals.entries()) {
      const { note, ...request } = p.request;
      try {
        const r = await recordChangeIn(trx, { ...request, effectiveOn: e.effectiveOn, decision: e.decision, note: note ?? `${plan.name} (#${plan.id})`, recordedBy: who.username } as never, now);
        await assertWithinScope(trx, who, unitsTouched(r.change.input), [dayBefore(e.effectiveOn), e.effectiveOn]);
        await setProposalChange(trx, p.id, r.change.id);
        changeIds.push(r.change.id);
        decisionId = r.decision.id;
      } catch (err) {
        if (err instanceof DomainError) throw new PlanConflicts([{ position: i + 1, proposalId: p.id, error: err }]);
        throw err;
      }
    }
    await setPlanStatus(trx, id, 'enacted', now, { on: e.effectiveOn, decisionId });
    await insertTransition(trx, id, { action: 'enact', fromStatus: plan.status, toStatus: 'enacted', by: who.username, at: now, comment: e.comment });
    await attribute(trx, who, plan, { action: 'plan.enact', entity: 'plan', entityId: id, before: { status: plan.status }, after: { status: 'enacted', effectiveOn: e.effectiveOn, decision: e.decision.number, changes: changeIds } });
    return changeIds;
  });
}
