import { applyChange, type Outcome } from '../domain/changes/index.js';
import { DomainError } from '../domain/errors.js';
import { sameAttrs, Tree, type Version } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { findLiveChangesInOrder, saveEffects } from '../db/change.repository.js';
import { deleteAllVersions, findAllVersions, replaceTails } from '../db/unit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';

export interface RebuildReport {
  changes: number;
  units: number;
  versions: number;
  differences: { unitId: number; stored: Version[]; rebuilt: Version[] }[];
  failed: { changeId: number; code: string } | null;
  written: boolean;
  ms: number;
}

/**
 * Replays every live change from an empty tree and compares the result with the stored versions.
 * With `write`, the projection (versions, footprints, lineage) is replaced by the rebuilt one.
 */
export async function rebuildProjection(db: Db, opts: { write: boolean }): Promise<RebuildReport> {
  const started = performance.now();
  const changes = await findLiveChangesInOrder(db);
  const tree = new Tree();
  const outcomes: [number, Outcome][] = [];
  let failed: RebuildReport['failed'] = null;
  for (const c of changes) {
    try {
      outcomes.push([c.id, applyChange(tree, c.effectiveOn, c.input)]);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      failed = { changeId: c.id, code: err.code };
      break;
    }
  }
  const rebuilt = tree.allVersions();
  const differences = compare(await findAllVersions(db), rebuilt);
  const write = opts.write && failed === null;
  if (write) {
    await writeTransaction(db, async (trx) => {
      await deleteAllVersions(trx);
      await replaceTails(trx, [], '0000-01-01', rebuilt);
      await saveEffects(trx, outcomes.map(([changeId, o]) => ({ changeId, footprint: o.footprint, lineage: o.lineage })));
    });
  }
  return {
    changes: changes.length, units: new Set(rebuilt.map((v) => v.unitId)).size, versions: rebuilt.length,
    differences, failed, written: write, ms: Math.round(performance.now() - started),
  };
}

function compare(stored: Version[], rebuilt: Version[]): RebuildReport['differences'] {
  const group = (vs: Version[]) => {
    const m = new Map<number, Version[]>();
    for (const v of vs) m.set(v.unitId, [...(m.get(v.unitId) ?? []), v]);
    for (const list of m.values()) list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    return m;
  };
  const a = group(stored);
  const b = group(rebuilt);
  const out: RebuildReport['differences'] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const s = a.get(id) ?? [];
    const r = b.get(id) ?? [];
    const same = s.length === r.length && s.every((v, i) => sameVersion(v, r[i]));
    if (!same) out.push({ unitId: id, stored: s, rebuilt: r });
  }
  return out;
}

function sameVersion(a: Version, b: Version): boolean {
  return a.validFrom === b.validFrom && a.validTo === b.validTo && sameAttrs(a, b);
}
