import type { IsoDate } from '../domain/dates.js';
import { NotFoundError } from '../domain/errors.js';
import { refsOf, type Proposal } from '../domain/plan.js';
import type { Db } from '../db/connection.js';
import { deleteProposal, findProposals, insertProposal, setProposalPosition, updateProposal } from '../db/plan.repository.js';
import { findUnitIdByCode } from '../db/unit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import { attribute, draft } from './plan.service.js';
import type { Writer } from './scope.service.js';
import type { Trx } from '../db/connection.js';

/** The recorded units a proposal names (codes looked up on the base date; a code an earlier proposal gives is not one). */
async function namedUnits(trx: Trx, p: Proposal, baseOn: IsoDate): Promise<number[]> {
  const ids: number[] = [];
  for (const r of refsOf(p)) {
    const id = 'id' in r ? r.id : await findUnitIdByCode(trx, r.code, baseOn);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** The proposal is kept even when the engine refuses it: the plan page shows why. */
export async function addProposal(db: Db, planId: number, p: Proposal, form: object, who: Writer): Promise<number> {
  return writeTransaction(db, async (trx) => {
    const plan = await draft(trx, planId);
    const id = await insertProposal(trx, planId, p, form);
    await attribute(trx, who, plan, { action: 'plan.proposal.add', entity: 'plan', entityId: planId, after: { proposal: id, request: p } }, await namedUnits(trx, p, plan.baseOn));
    return id;
  });
}

export async function editProposal(db: Db, planId: number, proposalId: number, p: Proposal, form: object, who: Writer): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const plan = await draft(trx, planId);
    const before = await proposalOf(trx, planId, proposalId);
    await updateProposal(trx, proposalId, p, form);
    await attribute(trx, who, plan, { action: 'plan.proposal.update', entity: 'plan', entityId: planId, before: { proposal: proposalId, request: before.request }, after: { proposal: proposalId, request: p } }, await namedUnits(trx, p, plan.baseOn));
  });
}

export async function removeProposal(db: Db, planId: number, proposalId: number, who: Writer): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const plan = await draft(trx, planId);
    const before = await proposalOf(trx, planId, proposalId);
    await deleteProposal(trx, proposalId);
    await attribute(trx, who, plan, { action: 'plan.proposal.remove', entity: 'plan', entityId: planId, before: { proposal: proposalId, request: before.request } });
  });
}

/** Swaps a proposal with its neighbour above (-1) or below (+1). */
export async function moveProposal(db: Db, planId: number, proposalId: number, by: -1 | 1, who: Writer): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const plan = await draft(trx, planId);
    const list = await findProposals(trx, planId);
    const i = list.findIndex((p) => p.id === proposalId);
    if (i < 0) throw new NotFoundError('proposal', String(proposalId));
    const j = i + by;
    if (j < 0 || j >= list.length) return;
    await setProposalPosition(trx, list[i].id, list[j].position);
    await setProposalPosition(trx, list[j].id, list[i].position);
    await attribute(trx, who, plan, { action: 'plan.proposal.move', entity: 'plan', entityId: planId, before: { proposal: proposalId, position: i + 1 }, after: { proposal: proposalId, position: j + 1 } });
  });
}

async function proposalOf(trx: Trx, planId: number, proposalId: number) {
  const p = (await findProposals(trx, planId)).find((x) => x.id === proposalId);
  if (!p) throw new NotFoundError('proposal', String(proposalId));
  return p;
}
