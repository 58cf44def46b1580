import type { IsoDate } from '../domain/dates.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { scopeHeads, type ScopeHeads } from './lineage-scope.service.js';
import { childCountOn, LARGE_BRANCH, treeOn, type TreeNode } from './query.service.js';

/**
 * Scopes follow lineage: on a date before the root existed (the new Lào Cai on 01/03/2025), its
 * tree is the units that held its scope then (Lào Cai and Yên Bái), each with its units below
 * (only their counts by kind when one has too many to list). None when nobody held it.
 */
export async function heldBranchesOn(db: Db, at: IsoDate, rootId: UnitId): Promise<{ scope: ScopeHeads; nodes: TreeNode[]; large: boolean }> {
  const scope = await scopeHeads(db, rootId, at);
  if (!scope.followed || scope.heads.length === 0) return { scope, nodes: [], large: false };
  const counts = await Promise.all(scope.heads.map((h) => childCountOn(db, h, at)));
  const large = counts.some((n) => n > LARGE_BRANCH);
  const nodes = (await Promise.all(scope.heads.map((h) => treeOn(db, at, h, large ? 0 : 1)))).flat();
  return { scope, nodes, large };
}
