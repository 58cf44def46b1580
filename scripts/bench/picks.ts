import type { Raw } from './raw.js';

/**
 * What the benchmark looks at, chosen from the dataset by plain rules so any seed works: a
 * province that lived through the reform unchanged (of median size), a commune with a long
 * history, communes to merge after the reform and communes to rename years back.
 */
export const TREE_DATE = '2024-06-30';
export const SUMMARY_FROM = '2019-12-31';
export const SUMMARY_TO = '2025-07-01';
export const MERGE_DATE = '2026-01-01';
export const BACKDATE = '2018-06-01';

export interface Picks {
  province: { id: number; code: string; name: string; communes: number };
  historyUnit: { id: number; name: string; versions: number; changes: number };
  mergeTriples: { province: number; codes: string[] }[];
  backdated: { id: number; name: string }[];
}

const alive = (v: string, date: string) => `${v}.valid_from <= '${date}' and (${v}.valid_to is null or ${v}.valid_to > '${date}')`;

function keptProvince(db: Raw): Picks['province'] {
  const rows = db.prepare(`
    select p.unit_id as id, p.code, p.name, count(*) as communes from versions p
    join versions d on d.parent_id = p.unit_id and d.kind = 'district' and ${alive('d', TREE_DATE)}
    join versions c on c.parent_id = d.unit_id and c.kind = 'commune' and ${alive('c', TREE_DATE)}
    where p.kind = 'province' and p.valid_from <= '${SUMMARY_FROM}' and p.valid_to is null
    group by p.unit_id order by communes, p.unit_id`).all() as Picks['province'][];
  if (rows.length === 0) throw new Error('no province lived through the reform unchanged');
  return rows[Math.floor(rows.length / 2)];
}

/** The commune written by the most changes (a busy history: merges into it, renames, a reclassification, the reform). */
function historyUnit(db: Raw): Picks['historyUnit'] {
  return db.prepare(`
    select cu.unit_id as id, count(*) as changes, (select count(*) from versions where unit_id = cu.unit_id) as versions,
      (select max(name) from versions where unit_id = cu.unit_id) as name
    from change_units cu where cu.role = 'v' and cu.unit_id in (select unit_id from versions where kind = 'commune')
    group by cu.unit_id order by changes desc, versions desc, cu.unit_id limit 1`).get() as Picks['historyUnit'];
}

function mergeTriples(db: Raw, count: number): Picks['mergeTriples'] {
  const rows = db.prepare(`select parent_id as province, code from versions v where kind = 'commune' and ${alive('v', MERGE_DATE)} order by parent_id, unit_id`).all() as { province: number; code: string }[];
  const byProvince = new Map<number, string[]>();
  for (const r of rows) byProvince.set(r.province, [...(byProvince.get(r.province) ?? []), r.code]);
  const provinces = [...byProvince.keys()];
  return Array.from({ length: count }, (_, i) => {
    const province = provinces[i % provinces.length];
    const round = Math.floor(i / provinces.length);
    return { province, codes: byProvince.get(province)!.slice(round * 3, round * 3 + 3) };
  });
}

/** Communes alive on the back-dating day that later changes wrote (a merge into them, a rename, a reclassification). */
function backdated(db: Raw, count: number): Picks['backdated'] {
  return db.prepare(`
    select v.unit_id as id, v.name from versions v
    where v.kind = 'commune' and ${alive('v', BACKDATE)} and v.unit_id in (
      select cu.unit_id from change_units cu join changes c on c.id = cu.change_id
      where cu.role = 'v' and c.effective_on > '2019-01-01' and c.effective_on < '2025-01-01' and c.type in ('merge', 'rename', 'reclassify', 'amend'))
    group by v.unit_id order by (v.unit_id * 7919) % 1000, v.unit_id limit ?`).all(count) as Picks['backdated'];
}

export function pick(db: Raw, writes: number): Picks {
  return { province: keptProvince(db), historyUnit: historyUnit(db), mergeTriples: mergeTriples(db, writes), backdated: backdated(db, writes) };
}
