import type { IsoDate } from '../../domain/dates.js';
import type { Version } from '../../domain/tree.js';
import { cited, coreName } from './names.js';

/** Something that happens on a date; slots run in date order, in the order they were planned within a day. */
export interface Slot {
  date: IsoDate;
  run: () => void;
}

export class Schedule {
  private readonly slots: (Slot & { seq: number })[] = [];

  at(date: IsoDate, run: () => void): void {
    this.slots.push({ date, run, seq: this.slots.length });
  }

  runAll(): void {
    const ordered = [...this.slots].sort((a, b) => (a.date === b.date ? a.seq - b.seq : a.date < b.date ? -1 : 1));
    for (const s of ordered) s.run();
  }
}

/** "tỉnh Tân Phú": how a unit is cited in a decision's issuer or a body's name. */
export function citeOf(v: Version): string {
  return cited(v.subtype, coreName(v.name));
}

/** The smallest units first (by population, or households for villages). */
export function bySize(a: Version, b: Version): number {
  return (a.population ?? a.households ?? 0) - (b.population ?? b.households ?? 0) || a.unitId - b.unitId;
}
