import type { Raw } from './raw.js';

/**
 * The baseline of a write: the rows a service wrote, captured from its database, then written to a
 * twin database with bare statements (delete the replaced tails, insert the new rows). New rows are
 * found by id or rowid above a mark taken before the service ran: versions, footprints and lineage
 * are always deleted and re-inserted, never updated in place.
 */
export interface Mark {
  units: number;
  decisions: number;
  changes: number;
  versions: number;
  changeUnits: number;
  lineage: number;
}

type Row = Record<string, unknown>;

export interface Written {
  from: string;
  units: Row[];
  decisions: Row[];
  changes: Row[];
  voided: Row[];
  versions: Row[];
  changeUnits: Row[];
  lineage: Row[];
}

export function mark(db: Raw): Mark {
  const max = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  return {
    units: max('select max(id) from units'), decisions: max('select max(id) from decisions'), changes: max('select max(id) from changes'),
    versions: max('select max(id) from versions'), changeUnits: max('select max(rowid) from change_units'), lineage: max('select max(rowid) from lineage'),
  };
}

/** What the service wrote since `m`, the changes in `updated` included (a void updates its change row). */
export function written(db: Raw, m: Mark, from: string, updated: number[] = []): Written {
  const above = (table: string, key: string, value: number) => db.prepare(`select * from ${table} where ${key} > ?`).all(value) as Row[];
  const voided = updated.map((id) => db.prepare('select id, voided_at, voided_by, void_reason from changes where id = ?').get(id) as Row);
  return {
    from, units: above('units', 'id', m.units), decisions: above('decisions', 'id', m.decisions), changes: above('changes', 'id', m.changes), voided,
    versions: above('versions', 'id', m.versions), changeUnits: above('change_units', 'rowid', m.changeUnits), lineage: above('lineage', 'rowid', m.lineage),
  };
}

function insertAll(db: Raw, table: string, rows: Row[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const stmt = db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
  for (const r of rows) stmt.run(r);
}

/** Writes `w` into the twin database in one transaction, the most direct way. */
export function writeDirectly(db: Raw, w: Written): void {
  const ids = (rows: Row[], col: string) => JSON.stringify([...new Set(rows.map((r) => r[col]))]);
  db.transaction(() => {
    insertAll(db, 'units', w.units);
    insertAll(db, 'decisions', w.decisions);
    insertAll(db, 'changes', w.changes);
    const voidOne = db.prepare('update changes set voided_at = @voided_at, voided_by = @voided_by, void_reason = @void_reason where id = @id');
    for (const v of w.voided) voidOne.run(v);
    db.prepare('delete from versions where unit_id in (select value from json_each(?)) and (valid_to is null or valid_to >= ?)').run(ids(w.versions, 'unit_id'), w.from);
    insertAll(db, 'versions', w.versions.map(({ id: _id, ...r }) => r));
    db.prepare('delete from change_units where change_id in (select value from json_each(?))').run(ids(w.changeUnits, 'change_id'));
    insertAll(db, 'change_units', w.changeUnits);
    db.prepare('delete from lineage where change_id in (select value from json_each(?))').run(ids(w.lineage, 'change_id'));
    insertAll(db, 'lineage', w.lineage);
  })();
}
