import { replaceUnits, viewOn, type CountryVersions, type DateView } from '../domain/country-versions.js';
import type { IsoDate } from '../domain/dates.js';
import type { Db } from '../db/connection.js';
import { findJournalPosition, findJournalUnitsAfter, findVersionFactsOfUnits, findVersionFactsPage } from '../db/country-versions.repository.js';
import { readTransaction } from '../db/write-transaction.js';

interface Kept {
  index: CountryVersions;
  /** The journal entry the index reflects. */
  seq: number;
  /** A refresh under way, which concurrent requests wait for instead of starting their own. */
  pending?: Promise<CountryVersions>;
  /** The country on a few recent dates, while the index stays at `seq`. */
  views: Map<IsoDate, DateView>;
}

const kept = new WeakMap<Db, Kept>();

/**
 * Every version of the country, held per process and brought up to date from the versions
 * journal: reading 336,000 versions takes a second or more, re-reading the few units a change
 * wrote takes milliseconds. Writes by other processes (cluster workers, imports) are journalled
 * in the same database, so they are seen too.
 */
export async function countryVersions(db: Db): Promise<CountryVersions> {
  const state = kept.get(db) ?? kept.set(db, { index: new Map(), seq: -1, views: new Map() }).get(db)!;
  if (state.pending) return state.pending;
  state.pending = bringUpToDate(db, state).finally(() => (state.pending = undefined));
  return state.pending;
}

/**
 * The country on `d` from the kept versions. The last few dates asked for are kept while no
 * version changes: a province's comparison then costs the province, not the country.
 */
export async function countryView(db: Db, d: IsoDate): Promise<DateView> {
  const index = await countryVersions(db);
  const { views } = kept.get(db)!;
  const view = views.get(d) ?? viewOn(index, d);
  views.delete(d);
  views.set(d, view);
  if (views.size > 6) views.delete(views.keys().next().value!);
  return view;
}

/** Drops the kept versions (the benchmark measures the first read after a start). */
export function forgetCountryVersions(db: Db): void {
  kept.delete(db);
}

async function bringUpToDate(db: Db, state: Kept): Promise<CountryVersions> {
  for (;;) {
    const { latest, oldest } = await findJournalPosition(db);
    if (state.seq === latest) return state.index;
    const journalled = state.seq >= 0 && (oldest === null || oldest <= state.seq + 1);
    if (!journalled) await readEverything(db, state, latest);
    else await readUnitsSince(db, state);
  }
}

/**
 * Reads the country in pages so other requests get the connection in between; units written
 * meanwhile are in the journal after `latest` and are read again by the next round.
 */
async function readEverything(db: Db, state: Kept, latest: number): Promise<void> {
  const index: CountryVersions = new Map();
  for (let last = 0; ;) {
    const page = await findVersionFactsPage(db, last, 10_000);
    if (page.length === 0) break;
    replaceUnits(index, [], page);
    last = page[page.length - 1].id;
  }
  state.index = index;
  state.seq = latest;
  state.views.clear();
}

async function readUnitsSince(db: Db, state: Kept): Promise<void> {
  await readTransaction(db, async (trx) => {
    const { latest } = await findJournalPosition(trx);
    const units = await findJournalUnitsAfter(trx, state.seq);
    replaceUnits(state.index, units, await findVersionFactsOfUnits(trx, units));
    state.seq = latest;
    state.views.clear();
  });
}
