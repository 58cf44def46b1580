import { dayBefore } from '../../domain/dates.js';
import { KINDS, type Kind } from '../../domain/kinds.js';
import type { Tree } from '../../domain/tree.js';
import { Country, type GeneratedEvent } from './country.js';
import { planHistory } from './history.js';
import { openIslands } from './islands.js';
import { openProvince } from './opening.js';
import { Rng } from './random.js';
import { REFORM, reform2025 } from './reform.js';
import { publishReform, type ReformTables } from './reform-tables.js';

export type { GeneratedEvent } from './country.js';
export { REFORM } from './reform.js';
export { toCsv, type PublishedTable, type ReformTables } from './reform-tables.js';

export interface GenerateOptions {
  provinces: number;
  seed: number;
  /**
   * 'events' (the default): the 2025 reform is among the events. 'tables': the events stop on
   * 30/06/2025 and the reform comes as its published tables, for import:reform.
   */
  reform?: 'events' | 'tables';
}

export interface GeneratedCountry {
  events: GeneratedEvent[];
  tree: Tree;
  tables: ReformTables | null;
}

/**
 * A synthetic country shaped like Việt Nam: `provinces` provinces as of 01/01/2015 (63 gives the
 * national scale: ~700 districts, ~10,600 communes, ~100,000 villages, ~11,000 agencies, ~49,000
 * public service units, a few island districts without communes), ten years of history, then the
 * 2025 reform (as events, or as its published tables). Same options, same country.
 */
export function generateCountry(opts: GenerateOptions): GeneratedCountry {
  if (!Number.isInteger(opts.provinces) || opts.provinces < 1 || opts.provinces > 95) throw new Error('provinces must be a whole number from 1 to 95');
  const c = new Country(new Rng(opts.seed));
  const cities = new Set(c.rng.shuffle(Array.from({ length: opts.provinces }, (_, i) => i)).slice(0, Math.round((opts.provinces * 5) / 63)));
  const provinces = Array.from({ length: opts.provinces }, (_, i) => openProvince(c, i, opts.provinces, cities.has(i)));
  openIslands(c, provinces, opts.seed);
  planHistory(c, provinces).runAll();
  if (opts.reform === 'tables') return { events: c.events, tree: c.tree, tables: publishReform(c, provinces) };
  reform2025(c, provinces);
  return { events: c.events, tree: c.tree, tables: null };
}

/** Units alive on `date`, by kind. */
export function countByKind(tree: Tree, date: string): Record<Kind, number> {
  const out = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const id of tree.unitIds()) {
    const v = tree.on(id, date);
    if (v) out[v.kind]++;
  }
  return out;
}

/** Units per kind the day before the reform and on its day; changes per type. */
export function describeCountry(g: GeneratedCountry) {
  const changes: Record<string, number> = {};
  for (const e of g.events) changes[e.input.type] = (changes[e.input.type] ?? 0) + 1;
  return { units: [...g.tree.unitIds()].length, before: countByKind(g.tree, dayBefore(REFORM)), after: countByKind(g.tree, REFORM), changes, events: g.events.length };
}
