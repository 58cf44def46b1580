import type { Needs } from '../domain/changes/index.js';
import { dayAfter, type IsoDate } from '../domain/dates.js';
import type { Tree, UnitId } from '../domain/tree.js';
import type { Executor } from '../db/connection.js';
import { findChildHistories, findCodeHolderHistories, findHistories } from '../db/unit.repository.js';

/**
 * Loads into `tree` what applying a change needs: the units it names with their ancestors, every
 * unit ever under the units whose children it reads, and every holder of the codes it assigns.
 * With `asOf`, what it loads (but the code holders: a code used later is used) is cut back to
 * how it stood at the end of that day; with `since` (default `asOf`), the children are those under
 * those units on that day or later.
 */
export async function loadNeeds(db: Executor, tree: Tree, needs: Needs, asOf?: IsoDate, since: IsoDate | undefined = asOf): Promise<void> {
  const missing = (ids: Iterable<UnitId>) => [...new Set(ids)].filter((id) => !tree.holds(id));
  tree.load(await findHistories(db, missing(needs.units)));
  // Only units under them on `since` or later: no change from that day on sees the others as their children.
  if (needs.childrenOf.length) tree.load(await findChildHistories(db, needs.childrenOf, since));
  await loadAncestors(db, tree);
  if (asOf) for (const id of tree.unitIds()) tree.truncate(id, dayAfter(asOf));
  if (needs.codes.length) {
    tree.load(await findCodeHolderHistories(db, needs.codes));
    await loadAncestors(db, tree);
  }
}

async function loadAncestors(db: Executor, tree: Tree): Promise<void> {
  for (;;) {
    const wanted = new Set<UnitId>();
    for (const id of tree.unitIds()) {
      for (const v of tree.history(id)) if (v.parentId !== null && !tree.holds(v.parentId)) wanted.add(v.parentId);
    }
    if (wanted.size === 0) return;
    tree.load(await findHistories(db, [...wanted]));
  }
}
