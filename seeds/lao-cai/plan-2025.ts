import type { Trx } from '../../src/db/connection.js';
import { insertPlan, insertProposal, insertTransition, setPlanStatus } from '../../src/db/plan.repository.js';
import { findSubtreeOn, findUnitIdByCode } from '../../src/db/unit.repository.js';
import type { Proposal } from '../../src/domain/plan.js';
import type { Version } from '../../src/domain/tree.js';
import { evaluateVersions } from '../../src/services/standard-evaluation.service.js';

const BASE = '2025-03-01';
const RULE = 'tt-14-2018-50';
const AUTHOR = 'Phòng Nội vụ thị xã Sa Pa (minh hoạ)';

/**
 * An illustrative plan, submitted and awaiting approval: in thị xã Sa Pa, each village or
 * residential group still below half the household standard on 01/03/2025 (Thông tư 14/2018, as
 * the standards table holds it) is merged into its smallest neighbour of the same type in the same
 * commune that the plan has not merged away, until it is no longer below. Found by the standards'
 * own evaluation, so the plan follows the demo's data; fixed timestamps keep every load identical.
 */
export async function seedPlan2025(trx: Trx): Promise<number> {
  const scope = (await findUnitIdByCode(trx, '088', BASE))!;
  const subtree = await findSubtreeOn(trx, BASE, scope, 99);
  const { evaluations } = await evaluateVersions(trx, subtree, BASE, RULE, 'village');
  const households = new Map(subtree.map((v) => [v.unitId, v.households ?? 0]));
  const gone = new Set<number>();
  const byName = (a: Version, b: Version) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const candidates = subtree.filter((v) => evaluations.get(v.unitId)?.below)
    .sort((a, b) => (a.parentId! - b.parentId!) || (a.households ?? 0) - (b.households ?? 0) || byName(a, b));
  const proposals: Proposal[] = [];
  for (const v of candidates) {
    const standard = evaluations.get(v.unitId)!.standard!.households!;
    if (gone.has(v.unitId) || households.get(v.unitId)! * 2 >= standard) continue;
    const into = subtree
      .filter((s) => s.parentId === v.parentId && s.subtype === v.subtype && s.unitId !== v.unitId && !gone.has(s.unitId))
      .sort((a, b) => households.get(a.unitId)! - households.get(b.unitId)! || byName(a, b))[0];
    if (!into) continue;
    gone.add(v.unitId);
    households.set(into.unitId, households.get(into.unitId)! + households.get(v.unitId)!);
    proposals.push({ type: 'merge', absorbed: [{ id: v.unitId }], into: { id: into.unitId }, note: `${v.name}: ${v.households} hộ, dưới 50 % tiêu chuẩn ${standard} hộ (minh hoạ)` });
  }
  const id = await insertPlan(trx, {
    name: 'Sắp xếp tổ dân phố dưới 50 % tiêu chuẩn số hộ, thị xã Sa Pa, 2025 (minh hoạ)', scopeUnitId: scope, baseOn: BASE, author: AUTHOR,
    description: 'Phương án minh hoạ, không phải văn bản thật: nhập các thôn, tổ dân phố có số hộ dưới 50 % tiêu chuẩn của Thông tư 14/2018/TT-BNV vào tổ dân phố liền kề nhỏ nhất cùng phường.',
  }, '2025-03-03T02:00:00.000Z');
  await insertTransition(trx, id, { action: 'create', fromStatus: null, toStatus: 'draft', by: AUTHOR, at: '2025-03-03T02:00:00.000Z', comment: null });
  for (const p of proposals) {
    await insertProposal(trx, id, p, { type: 'merge', absorbed: [`id:${(p as { absorbed: { id: number }[] }).absorbed[0].id}`], into: `id:${(p as { into: { id: number } }).into.id}`, note: p.note ?? '' });
  }
  await setPlanStatus(trx, id, 'submitted', '2025-03-10T03:00:00.000Z');
  await insertTransition(trx, id, { action: 'submit', fromStatus: 'draft', toStatus: 'submitted', by: AUTHOR, at: '2025-03-10T03:00:00.000Z', comment: 'Kính trình UBND tỉnh xem xét, phê duyệt (minh hoạ).' });
  return proposals.length;
}
