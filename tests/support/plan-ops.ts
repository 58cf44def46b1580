import fc from 'fast-check';
import type { Proposal } from '../../src/domain/plan.js';

const OPS = ['rename', 'merge', 'moveCommune', 'moveVillage', 'dissolveVillage', 'newVillage', 'newCommune', 'renameByCode', 'split', 'separate', 'consolidate', 'amend', 'dissolveCommune'] as const;
export const opArb = fc.record({ op: fc.constantFrom(...OPS), a: fc.nat(50), b: fc.nat(50) });
export type Op = { op: (typeof OPS)[number]; a: number; b: number };

/** A random proposal over the small province; ids may name units that an earlier proposal ended (the engine refuses those). */
export function proposalOf(op: Op, ids: { communes: number[]; villages: number[]; districts: number[] }): Proposal {
  const pick = (list: number[], i: number) => ({ id: list[i % list.length] });
  const { communes: c, villages: v, districts: d } = ids;
  const codes = ['90001', '90002', '90003', '91001', '91002', '99999'];
  switch (op.op) {
    case 'rename': return { type: 'rename', unit: pick(c, op.a), name: `Xã Tên ${op.b}` };
    case 'renameByCode': return { type: 'rename', unit: { code: codes[op.a % codes.length] }, name: `Xã Mã ${op.b}` };
    case 'merge': return { type: 'merge', absorbed: [pick(c, op.a)], into: pick(c, op.b) };
    case 'moveCommune': return { type: 'transfer', unit: pick(c, op.a), toParent: pick(d, op.b) };
    case 'moveVillage': return { type: 'transfer', unit: pick(v, op.a), toParent: pick(c, op.b) };
    case 'dissolveVillage': return { type: 'dissolve', unit: pick(v, op.a), childrenTo: null };
    case 'dissolveCommune': return { type: 'dissolve', unit: pick(c, op.a), childrenTo: op.b % 2 ? pick(c, op.b) : null };
    case 'newVillage': return { type: 'establish', units: [{ name: `Thôn ${op.b}`, kind: 'village', subtype: 'thon', parent: pick(c, op.a), figures: { households: 50 + op.b } }] };
    case 'newCommune': return { type: 'establish', units: [{ name: `Xã Lập ${op.b}`, code: `9100${1 + (op.b % 2)}`, kind: 'commune', subtype: 'xa', parent: pick(d, op.a) }] };
    case 'split': return { type: 'split', unit: pick(c, op.a), into: [{ name: `Xã Bắc ${op.b}` }, { name: `Xã Nam ${op.b}` }], childrenTo: op.b % 2 };
    case 'separate': return { type: 'separate', unit: pick(c, op.a), parts: [{ name: `Xã Mới ${op.b}`, figures: { areaKm2: 1, population: 100 } }] };
    case 'consolidate': return { type: 'consolidate', units: [pick(c, op.a), pick(c, op.a + 1 + (op.b % (c.length - 1 || 1)))], result: { name: `Xã Hợp ${op.b}`, code: op.b % 3 ? null : '90001' } };
    case 'amend': return { type: 'amend', unit: pick(c, op.a), figures: { population: 1000 + op.b } };
  }
}

