import { applyChange, type ChangeInput, type Footprint, type LineagePair } from '../domain/changes/index.js';
import type { IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { Tree, type UnitId } from '../domain/tree.js';
import { countUnitsAndChanges, findOrCreateDecisions, insertChangeRows, insertUnitRows, type ChangeRowInput } from '../db/bulk.repository.js';
import { insertEffects } from '../db/change.repository.js';
import type { Db } from '../db/connection.js';
import type { Decision } from '../db/decision.repository.js';
import { replaceTails } from '../db/unit.repository.js';
import { syncIdSequences } from '../db/dialect.js';
import { writeTransaction } from '../db/write-transaction.js';

/** A change to load: resolved (units by id, new units with their ids), in recording order. */
export interface LoadEvent {
  effectiveOn: IsoDate;
  input: ChangeInput;
  decision: Omit<Decision, 'id'>;
  note: string | null;
}

export interface LoadProgress {
  done: number;
  total: number;
  ms: number;
}

export interface LoadReport {
  changes: number;
  units: number;
  chunks: number;
  ms: number;
}

interface Chunk {
  from: IsoDate;
  rows: (ChangeRowInput & { decision: Omit<Decision, 'id'> })[];
  effects: { changeId: number; footprint: Footprint; lineage: LineagePair[] }[];
  created: UnitId[];
  touched: Set<UnitId>;
}

/** About this many version writes go in one transaction: large enough to batch, small enough to show progress. */
const CHUNK_WRITES = 10_000;

/**
 * Loads events into an empty database far faster than recording them one by one: the events are
 * applied in order by the engine to one tree held in memory (so a load can only hold what the
 * services would have accepted), and each chunk is written in one transaction with multi-row
 * inserts: units, decisions, changes, footprints, lineage, and the versions of the units the chunk
 * touched (their tails from the chunk's first date replaced, as the projection does).
 */
export async function bulkLoad(db: Db, events: LoadEvent[], opts: { now?: string; recordedBy?: string; onProgress?: (p: LoadProgress) => void } = {}): Promise<LoadReport> {
  const started = performance.now();
  await assertEmpty(db);
  const now = opts.now ?? new Date().toISOString();
  const tree = new Tree();
  const stored = new Set<UnitId>();
  let chunk = emptyChunk();
  let chunks = 0;
  for (const [i, e] of events.entries()) {
    if (i > 0 && e.effectiveOn < events[i - 1].effectiveOn) throw new Error(`event ${i + 1} (${e.effectiveOn}) comes after one dated ${events[i - 1].effectiveOn}: load events in date order`);
    addToChunk(chunk, tree, i + 1, e, now, opts.recordedBy ?? 'generator');
    if (chunk.touched.size >= CHUNK_WRITES || i === events.length - 1) {
      await writeChunk(db, tree, chunk, stored);
      chunks++;
      chunk = emptyChunk();
      opts.onProgress?.({ done: i + 1, total: events.length, ms: performance.now() - started });
    }
  }
  // The rows carried their own ids: PostgreSQL's identity sequences move past them once, at the end.
  await writeTransaction(db, syncIdSequences);
  return { changes: events.length, units: stored.size, chunks, ms: Math.round(performance.now() - started) };
}

/** Loaded ids must not collide with stored ones, and the load must come before any recorded change. */
export async function assertEmpty(db: Db): Promise<void> {
  const existing = await countUnitsAndChanges(db);
  if (existing.units > 0 || existing.changes > 0) {
    throw new Error(`the database already holds ${existing.changes} changes and ${existing.units} units; a bulk load needs an empty one`);
  }
}

function emptyChunk(): Chunk {
  return { from: '', rows: [], effects: [], created: [], touched: new Set() };
}

function addToChunk(chunk: Chunk, tree: Tree, id: number, e: LoadEvent, now: string, recordedBy: string): void {
  let outcome;
  try {
    outcome = applyChange(tree, e.effectiveOn, e.input);
  } catch (err) {
    if (err instanceof DomainError) throw new Error(`event ${id} (${e.input.type} on ${e.effectiveOn}) is refused by the engine: ${err.message}`, { cause: err });
    throw err;
  }
  if (chunk.rows.length === 0) chunk.from = e.effectiveOn;
  chunk.rows.push({ id, effectiveOn: e.effectiveOn, decisionId: 0, input: e.input, note: e.note, recordedAt: now, recordedBy, decision: e.decision });
  chunk.effects.push({ changeId: id, footprint: outcome.footprint, lineage: outcome.lineage });
  chunk.created.push(...outcome.created);
  for (const u of outcome.footprint.versions) chunk.touched.add(u);
}

async function writeChunk(db: Db, tree: Tree, chunk: Chunk, stored: Set<UnitId>): Promise<void> {
  const now = chunk.rows[0].recordedAt;
  await writeTransaction(db, async (trx) => {
    await insertUnitRows(trx, chunk.created, now);
    const decisions = await findOrCreateDecisions(trx, chunk.rows.map((r) => r.decision));
    await insertChangeRows(trx, chunk.rows.map(({ decision, ...r }) => ({ ...r, decisionId: decisions.get(decision.number)! })));
    await insertEffects(trx, chunk.effects);
    const touched = [...chunk.touched];
    await replaceTails(trx, touched.filter((u) => stored.has(u)), chunk.from, touched.flatMap((u) => tree.tail(u, chunk.from)));
  });
  for (const u of chunk.created) stored.add(u);
}
