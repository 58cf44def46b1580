import type { IsoDate } from '../../domain/dates.js';

/**
 * A small seeded PRNG (mulberry32) and the draws the generator needs. Every draw goes through one
 * instance, in a fixed order, so a seed always gives the same country.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** Roughly normal around `mean` (sum of three uniforms), never below `min`. */
  around(mean: number, spread: number, min = 0): number {
    const z = (this.next() + this.next() + this.next() - 1.5) * 2;
    return Math.max(min, mean + z * spread);
  }

  /** A whole number drawn around `mean`, skewed like real populations (a few large, many small). */
  skewed(mean: number, min = 1): number {
    const f = Math.exp((this.next() + this.next() - 1) * 1.2);
    return Math.max(min, Math.round(mean * f));
  }

  /** A calendar date in [from, to], both included. */
  date(from: IsoDate, to: IsoDate): IsoDate {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    const day = this.int(0, Math.round((b - a) / 86_400_000));
    return new Date(a + day * 86_400_000).toISOString().slice(0, 10);
  }

  /** The first day of a month in [from, to] (decisions usually take effect on the 1st). */
  firstOfMonth(from: IsoDate, to: IsoDate): IsoDate {
    const d = this.date(from, to);
    return `${d.slice(0, 8)}01` < from ? from : `${d.slice(0, 8)}01`;
  }
}

/** `date` moved by `days` (negative: earlier), in UTC so no zone shifts it. */
export function shiftDate(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
