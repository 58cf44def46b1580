import SQLite from 'better-sqlite3';

/**
 * The baselines: the same rows the services return or write, fetched or written the most direct
 * way (one prepared better-sqlite3 statement each, no query builder, no mapping). Bare SQL lives
 * here on purpose: it is what the services are measured against.
 */
export type Raw = SQLite.Database;

export function openRaw(file: string, opts: { readonly?: boolean } = {}): Raw {
  const db = new SQLite(file, { readonly: opts.readonly ?? false });
  if (opts.readonly) return db;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}

const VALID = (v: string) => `${v}.valid_from <= @date and (${v}.valid_to is null or ${v}.valid_to > @date)`;

/** The subtree on a date, `depth` levels below the root, and how many children of each kind each node has: what the tree service reads. */
export function treeQuery(db: Raw) {
  const subtree = db.prepare(`
    with recursive sub as (
      select v.*, 0 as depth from versions v where unit_id = @root and ${VALID('v')}
      union all
      select v.*, sub.depth + 1 from versions v join sub on v.parent_id = sub.unit_id where ${VALID('v')} and sub.depth < @depth
    )
    select * from sub`);
  const counts = db.prepare(`
    select parent_id, kind, count(*) as n from versions v
    where parent_id in (select value from json_each(@ids)) and ${VALID('v')} group by parent_id, kind`);
  return (root: number, date: string, depth: number) => {
    const rows = subtree.all({ root, date, depth }) as { unit_id: number; depth: number }[];
    return { rows, counts: counts.all({ ids: JSON.stringify(rows.map((r) => r.unit_id)), date }) };
  };
}

/** A unit's versions, the changes that wrote it, its lineage and the names of the units linked to it. */
export function historyQuery(db: Raw) {
  const versions = db.prepare('select * from versions where unit_id = ? order by valid_from');
  const changes = db.prepare(`
    select c.*, d.number from changes c join decisions d on d.id = c.decision_id
    where c.id in (select change_id from change_units where unit_id = ? and role = 'v') order by c.effective_on, c.id`);
  const lineage = db.prepare(`
    select l.*, c.type, c.effective_on from lineage l join changes c on c.id = l.change_id
    where (l.from_unit_id = @id or l.to_unit_id = @id) and c.voided_at is null and l.from_unit_id != l.to_unit_id`);
  const names = db.prepare('select * from versions where unit_id in (select value from json_each(?))');
  return (id: number) => {
    const links = lineage.all({ id }) as { from_unit_id: number; to_unit_id: number }[];
    return [versions.all(id), changes.all(id), links, names.all(JSON.stringify(links.flatMap((l) => [l.from_unit_id, l.to_unit_id])))];
  };
}

/** Units by kind and subtype on two dates, under a root or in the whole country. */
export function summaryQuery(db: Raw) {
  const under = db.prepare(`
    with recursive sub(unit_id, kind, subtype) as (
      select unit_id, kind, subtype from versions v where parent_id = @root and ${VALID('v')}
      union all
      select v.unit_id, v.kind, v.subtype from versions v join sub on v.parent_id = sub.unit_id where ${VALID('v')}
    )
    select kind, subtype, count(*) as n from sub group by kind, subtype`);
  const all = db.prepare(`select kind, subtype, count(*) as n from versions v where ${VALID('v')} group by kind, subtype`);
  return (root: number | null, from: string, to: string) =>
    [from, to].map((date) => (root === null ? all.all({ date }) : under.all({ root, date })));
}

/** Units by kind and subtype under several roots on one date (a consolidated province's predecessors), the roots counted too. */
export function scopeCountsQuery(db: Raw) {
  const under = db.prepare(`
    with recursive sub(unit_id, kind, subtype) as (
      select unit_id, kind, subtype from versions v where unit_id in (select value from json_each(@roots)) and ${VALID('v')}
      union all
      select v.unit_id, v.kind, v.subtype from versions v join sub on v.parent_id = sub.unit_id where ${VALID('v')}
    )
    select kind, subtype, count(*) as n from sub group by kind, subtype`);
  return (roots: number[], date: string) => under.all({ roots: JSON.stringify(roots), date });
}

/** What a rebuild reads: every live change in order, every stored version. */
export function rebuildReads(db: Raw) {
  const changes = db.prepare('select * from changes where voided_at is null order by effective_on, id');
  const versions = db.prepare('select * from versions order by unit_id, valid_from');
  return () => [changes.all(), versions.all()];
}

/** A fresh copy of every table of `source` into the (migrated, empty) database `target`: loading without the engine. */
export function copyAllRows(target: Raw, source: string): void {
  target.prepare('attach database ? as src').run(source);
  target.transaction(() => {
    for (const table of ['units', 'decisions', 'changes', 'versions', 'change_units', 'lineage']) target.exec(`insert into main.${table} select * from src.${table}`);
  })();
  target.exec('detach database src');
}
