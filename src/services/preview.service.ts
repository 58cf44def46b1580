import type { Outcome } from '../domain/changes/index.js';
import { dayBefore, type IsoDate } from '../domain/dates.js';
import { KINDS } from '../domain/kinds.js';
import { summarize, type SummaryRow } from '../domain/summary.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { countByKindOn, findLatestVersions, findVersionOn } from '../db/unit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import type { ChangeRequest } from './change-request.js';
import { recordChangeIn } from './change.service.js';

export interface Preview {
  outcome: Outcome;
  names: Map<UnitId, Version>;
  parent: Version | null;
  counts: SummaryRow[];
}

class Rollback extends Error {}

/**
 * What recording the change would do, computed by recording it in a transaction that is then
 * rolled back: the same engine, the same replay of later changes, nothing written.
 */
export async function previewChange(db: Db, req: ChangeRequest): Promise<Preview> {
  let preview: Preview | undefined;
  try {
    await writeTransaction(db, async (trx) => {
      const { outcome } = await recordChangeIn(trx, req);
      const ids = [...outcome.created, ...outcome.ended, ...outcome.changed, ...outcome.moved.flatMap((m) => [m.unitId, m.from ?? 0, m.to ?? 0])];
      const names = await findLatestVersions(trx, ids);
      const parentId = await commonParent(trx, outcome, req.effectiveOn);
      const parent = parentId === null ? null : ((await findVersionOn(trx, parentId, req.effectiveOn)) ?? null);
      const before = await countByKindOn(trx, dayBefore(req.effectiveOn), parentId);
      const after = await countByKindOn(trx, req.effectiveOn, parentId);
      preview = { outcome, names, parent, counts: summarize(before, after, KINDS) };
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return preview!;
}

/** The parent, the day before, of the first unit the change ends or changes (or of the first it creates). */
async function commonParent(db: Parameters<typeof findVersionOn>[0], o: Outcome, date: IsoDate): Promise<UnitId | null> {
  for (const id of [...o.ended, ...o.changed, ...o.moved.map((m) => m.unitId)]) {
    const v = await findVersionOn(db, id, dayBefore(date));
    if (v) return v.parentId;
  }
  for (const id of o.created) {
    const v = await findVersionOn(db, id, date);
    if (v) return v.parentId;
  }
  return null;
}
