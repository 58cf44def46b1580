import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findSubtreeOn } from '../../src/db/unit.repository.js';
import { DomainError } from '../../src/domain/errors.js';
import { enactPlan } from '../../src/services/plan-enactment.service.js';
import { addProposal, editProposal, moveProposal } from '../../src/services/plan-proposal.service.js';
import { createPlan, getPlan, planDetail, PlanConflicts, rebasePlan, transitionPlan } from '../../src/services/plan.service.js';
import { recordMovements } from '../../src/services/staffing.service.js';
import { newTestDb } from '../support/db.js';
import { record, smallProvince } from '../support/factories.js';
import { proposalOf } from '../support/plan-ops.js';
import { writer } from '../support/writers.js';

const decision = { number: '99/NQ-HĐND', issuer: 'HĐND tỉnh', signedOn: '2019-07-20' };

async function snapshot(db: Db) {
  return JSON.stringify([
    await db.selectFrom('versions').selectAll().orderBy('id').execute(),
    await db.selectFrom('changes').select(['id']).orderBy('id').execute(),
    await db.selectFrom('units').select(['id']).orderBy('id').execute(),
    await db.selectFrom('staff_movements').selectAll().orderBy('id').execute(),
  ]);
}

async function approved(db: Db, planId: number) {
  await transitionPlan(db, planId, 'submit', writer('Nguyễn Văn A'), 'trình');
  await transitionPlan(db, planId, 'approve', writer('Trần Thị B'), null);
}

describe('plans', () => {
  it('keeps a refused proposal with the engine’s reason and applies the ones after it to the tree without it', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const planId = await createPlan(db, { name: 'PA 1', scopeUnitId: u.province, baseOn: '2019-06-01', author: 'A', description: null }, writer('A'));
    await addProposal(db, planId, { type: 'rename', unit: { code: '90009' }, name: 'Xã Mới' }, {}, writer());
    await addProposal(db, planId, { type: 'establish', units: [{ name: 'Xã Lập', code: '90009', kind: 'commune', subtype: 'xa', parent: { id: u.d1 } }] }, {}, writer());
    await addProposal(db, planId, { type: 'merge', absorbed: [{ id: u.c1 }], into: { id: u.c2 } }, {}, writer());
    let d = await planDetail(db, planId);
    expect(d.toBe.results.map((r) => r.error?.code ?? 'ok')).toEqual(['UNKNOWN_CODE', 'ok', 'ok']);
    expect(d.toBe.after.some((v) => v.unitId === u.c1)).toBe(false);
    // Reordered, the rename finds the commune the establishment creates.
    await moveProposal(db, planId, d.proposals[0].id, 1, writer());
    d = await planDetail(db, planId);
    expect(d.toBe.results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok']);
    expect(d.toBe.after.find((v) => v.code === '90009')?.name).toBe('Xã Mới');
    expect(await db.selectFrom('changes').select('id').execute()).toHaveLength(8); // only the small province's
  });

  it('allows only the workflow’s transitions, and edits only drafts', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const planId = await createPlan(db, { name: 'PA', scopeUnitId: u.province, baseOn: '2019-06-01', author: 'A', description: null }, writer('A'));
    await expect(transitionPlan(db, planId, 'submit', writer('A'), null)).rejects.toMatchObject({ code: 'PLAN_EMPTY' });
    const pid = await addProposal(db, planId, { type: 'rename', unit: { id: u.c1 }, name: 'Xã Một' }, {}, writer());
    await expect(transitionPlan(db, planId, 'approve', writer('B'), null)).rejects.toMatchObject({ code: 'PLAN_TRANSITION' });
    await transitionPlan(db, planId, 'submit', writer('A'), 'xin ý kiến');
    await expect(addProposal(db, planId, { type: 'rename', unit: { id: u.c2 }, name: 'X' }, {}, writer())).rejects.toMatchObject({ code: 'PLAN_NOT_DRAFT' });
    await expect(editProposal(db, planId, pid, { type: 'rename', unit: { id: u.c2 }, name: 'X' }, {}, writer())).rejects.toMatchObject({ code: 'PLAN_NOT_DRAFT' });
    await expect(rebasePlan(db, planId, '2019-07-01', writer('A'))).rejects.toMatchObject({ code: 'PLAN_NOT_DRAFT' });
    await transitionPlan(db, planId, 'reject', writer('B'), 'chưa đủ căn cứ');
    expect((await getPlan(db, planId)).status).toBe('rejected');
    await expect(enactPlan(db, planId, { effectiveOn: '2019-08-01', decision, comment: null }, writer('B'))).rejects.toMatchObject({ code: 'PLAN_TRANSITION' });
    await transitionPlan(db, planId, 'withdraw', writer('A'), null);
    await editProposal(db, planId, pid, { type: 'rename', unit: { id: u.c1 }, name: 'Xã Một Mới' }, {}, writer());
    await approved(db, planId);
    const d = await planDetail(db, planId);
    expect(d.transitions.map((t) => `${t.action}:${t.toStatus}:${t.by}`)).toEqual([
      'create:draft:A', 'submit:submitted:A', 'reject:rejected:B', 'withdraw:draft:A', 'submit:submitted:Nguyễn Văn A', 'approve:approved:Trần Thị B',
    ]);
    expect(d.transitions[2].comment).toBe('chưa đủ căn cứ');
  });

  it('enacts every proposal as a real change with the decision, then refuses to enact again', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const planId = await createPlan(db, { name: 'PA', scopeUnitId: u.province, baseOn: '2019-06-01', author: 'A', description: null }, writer('A'));
    await addProposal(db, planId, { type: 'merge', absorbed: [{ id: u.c1 }], into: { id: u.c2 }, note: 'nhập' }, {}, writer());
    await addProposal(db, planId, { type: 'rename', unit: { id: u.c2 }, name: 'Xã Nàn Sán Mới' }, {}, writer());
    await approved(db, planId);
    const ids = await enactPlan(db, planId, { effectiveOn: '2019-08-01', decision, comment: 'ban hành' }, writer('B'));
    expect(ids).toHaveLength(2);
    const changes = await db.selectFrom('changes').innerJoin('decisions', 'decisions.id', 'changes.decision_id')
      .select(['changes.type', 'changes.effective_on', 'decisions.number', 'changes.recorded_by']).where('changes.id', 'in', ids).orderBy('changes.id').execute();
    expect(changes).toEqual([
      { type: 'merge', effective_on: '2019-08-01', number: '99/NQ-HĐND', recorded_by: 'B' },
      { type: 'rename', effective_on: '2019-08-01', number: '99/NQ-HĐND', recorded_by: 'B' },
    ]);
    const d = await planDetail(db, planId);
    expect(d.plan).toMatchObject({ status: 'enacted', enactedOn: '2019-08-01' });
    expect(d.proposals.map((p) => p.changeId)).toEqual(ids);
    await expect(enactPlan(db, planId, { effectiveOn: '2019-09-01', decision, comment: null }, writer('B'))).rejects.toMatchObject({ code: 'PLAN_TRANSITION' });
  });

  it('refuses in the to-be tree a dissolution that leaves staff behind, as recording would', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    await recordMovements(db, [{ unitId: u.c3, category: 'cong_chuc', on: '2019-01-01', count: 5, reason: 'opening' }]);
    const planId = await createPlan(db, { name: 'PA', scopeUnitId: u.province, baseOn: '2019-06-01', author: 'A', description: null }, writer('A'));
    await addProposal(db, planId, { type: 'dissolve', unit: { id: u.c3 }, childrenTo: null }, {}, writer());
    await addProposal(db, planId, { type: 'dissolve', unit: { id: u.c3 }, childrenTo: null, staff: { reason: 'early_retirement' } } as never, {}, writer());
    const results = (await planDetail(db, planId)).toBe.results;
    expect(results.map((r) => r.error?.code ?? 'ok')).toEqual(['STAFF_DISPOSAL_REQUIRED', 'ok']);
  });

  it('enacts all or nothing: a proposal refused while recording leaves no trace of the ones before it', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    // Recorded later but effective after the enactment date: recording the plan replays it, and it no longer applies.
    await record(db, { type: 'rename', effectiveOn: '2019-09-01', unit: { id: u.c2 }, name: 'Xã Nàn Sán Mới' });
    const planId = await createPlan(db, { name: 'PA', scopeUnitId: u.province, baseOn: '2019-06-01', author: 'A', description: null }, writer('A'));
    await addProposal(db, planId, { type: 'merge', absorbed: [{ id: u.c1 }], into: { id: u.c3 } }, {}, writer());
    await addProposal(db, planId, { type: 'merge', absorbed: [{ id: u.c2 }], into: { id: u.c3 } }, {}, writer());
    await approved(db, planId);
    const before = await snapshot(db);
    const err = await enactPlan(db, planId, { effectiveOn: '2019-08-01', decision, comment: null }, writer('B')).catch((e) => e);
    expect(err).toBeInstanceOf(PlanConflicts);
    expect(err.conflicts.map((c: PlanConflicts['conflicts'][number]) => [c.position, c.error.code])).toEqual([[2, 'REPLAY_CONFLICT']]);
    expect(await snapshot(db)).toBe(before);
    expect((await getPlan(db, planId)).status).toBe('approved');
  });

  it('enacts random plans all or nothing, and what it records is the to-be tree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ op: fc.constantFrom('rename', 'merge', 'moveVillage', 'newVillage', 'split', 'consolidate', 'dissolveCommune', 'amend' as const), a: fc.nat(50), b: fc.nat(50) }), { minLength: 1, maxLength: 6 }), async (ops) => {
        const db = await newTestDb();
        const u = await smallProvince(db);
        const ids = { communes: [u.c1, u.c2, u.c3], villages: [u.v1, u.v2], districts: [u.d1, u.d2] };
        const planId = await createPlan(db, { name: 'PA', scopeUnitId: u.province, baseOn: '2019-07-31', author: 'A', description: null }, writer('A'));
        for (const op of ops) await addProposal(db, planId, proposalOf(op, ids), {}, writer());
        const toBe = (await planDetail(db, planId)).toBe;
        await db.updateTable('plans').set({ status: 'approved' }).where('id', '=', planId).execute();
        const before = await snapshot(db);
        try {
          await enactPlan(db, planId, { effectiveOn: '2019-08-01', decision, comment: null }, writer('B'));
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          expect(toBe.results.some((r) => r.error)).toBe(true);
          expect(await snapshot(db)).toBe(before);
          return;
        }
        expect(toBe.results.every((r) => r.outcome)).toBe(true);
        const names = (list: { name: string; kind: string; parentId: number | null }[]) => list.map((v) => `${v.kind} ${v.name}`).sort();
        expect(names(await findSubtreeOn(db, '2019-08-01', u.province, 99))).toEqual(names(toBe.after));
        await db.destroy();
      }),
      { numRuns: 40 },
    );
  });

  it('refuses to enact after a real change made a proposal inapplicable, lists the conflict, and enacts once rebased and edited', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const planId = await createPlan(db, { name: 'PA', scopeUnitId: u.province, baseOn: '2019-06-01', author: 'A', description: null }, writer('A'));
    const pid = await addProposal(db, planId, { type: 'merge', absorbed: [{ id: u.c1 }], into: { id: u.c2 } }, {}, writer());
    await addProposal(db, planId, { type: 'rename', unit: { id: u.c3 }, name: 'Xã Cán Cấu Mới' }, {}, writer());
    await approved(db, planId);
    // Meanwhile, for real: Xã Nàn Sán is merged into Xã Cán Cấu.
    await record(db, { type: 'merge', effectiveOn: '2019-07-01', absorbed: [{ id: u.c2 }], into: { id: u.c3 } });
    const before = await snapshot(db);
    const err = await enactPlan(db, planId, { effectiveOn: '2019-08-01', decision, comment: null }, writer('B')).catch((e) => e);
    expect(err).toBeInstanceOf(PlanConflicts);
    expect(err.conflicts.map((c: PlanConflicts['conflicts'][number]) => [c.position, c.proposalId, c.error.code])).toEqual([[1, pid, 'UNIT_NOT_ALIVE']]);
    expect(await snapshot(db)).toBe(before);
    // On its own base date the plan still applies; rebased on today's tree it shows the conflict, until edited.
    await transitionPlan(db, planId, 'withdraw', writer('A'), 'cây đã thay đổi');
    await rebasePlan(db, planId, '2019-07-15', writer('A'));
    expect((await planDetail(db, planId)).transitions.find((t) => t.action === 'rebase')?.comment).toMatch(/^\d\d\/\d\d\/\d{4} → 15\/07\/2019$/);
    expect((await planDetail(db, planId)).toBe.results.map((r) => r.error?.code ?? 'ok')).toEqual(['UNIT_NOT_ALIVE', 'ok']);
    await editProposal(db, planId, pid, { type: 'merge', absorbed: [{ id: u.c1 }], into: { id: u.c3 } }, {}, writer());
    expect((await planDetail(db, planId)).toBe.results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'ok']);
    await approved(db, planId);
    expect(await enactPlan(db, planId, { effectiveOn: '2019-08-01', decision, comment: null }, writer('B'))).toHaveLength(2);
    expect((await planDetail(db, planId)).transitions.map((t) => t.action)).toEqual(['create', 'submit', 'approve', 'withdraw', 'rebase', 'submit', 'approve', 'enact']);
  });
});
