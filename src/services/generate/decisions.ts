import type { IsoDate } from '../../domain/dates.js';
import { shiftDate, type Rng } from './random.js';

export interface DecisionInfo {
  number: string;
  issuer: string | null;
  signedOn: IsoDate | null;
  title: string | null;
}

/**
 * Decision numbers in the style of each issuer. Changes of one wave in one province cite the same
 * decision (one Nghị quyết orders all of that province's commune mergers), so decisions are
 * cached by a key; numbers are unique country-wide because the register keys decisions by number.
 */
export class Decisions {
  private readonly cache = new Map<string, DecisionInfo>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  /** Nghị quyết of the National Assembly Standing Committee (administrative units). */
  standingCommittee(scope: string, date: IsoDate, title: string): DecisionInfo {
    const term = date < '2021-07-20' ? 14 : 15;
    return this.once(`ubtvqh|${scope}|${date}`, () => ({
      number: `${this.count(`ubtvqh${term}`, term === 14 ? 650 : 1100)}/NQ-UBTVQH${term}`,
      issuer: 'Ủy ban Thường vụ Quốc hội', signedOn: this.signed(date), title,
    }));
  }

  /** Nghị quyết of a provincial People's Council (villages and residential groups). */
  council(scope: string, province: string, date: IsoDate, title: string): DecisionInfo {
    return this.once(`hdnd|${scope}|${date}`, () => ({
      number: `${this.count('hdnd', 10)}/NQ-HĐND`, issuer: `Hội đồng nhân dân ${province}`, signedOn: this.signed(date), title,
    }));
  }

  /** Quyết định of a provincial People's Committee (agencies and public service units). */
  committee(scope: string, province: string, date: IsoDate, title: string): DecisionInfo {
    return this.once(`ubnd|${scope}|${date}|${title}`, () => ({
      number: `${this.count('ubnd', 100)}/QĐ-UBND`, issuer: `Ủy ban nhân dân ${province}`, signedOn: this.signed(date), title,
    }));
  }

  /** A decision with a fixed, real number (the code list, the 2025 laws and resolutions). */
  fixed(number: string, issuer: string, signedOn: IsoDate, title: string): DecisionInfo {
    return this.once(`fixed|${number}`, () => ({ number, issuer, signedOn, title }));
  }

  private once(key: string, make: () => DecisionInfo): DecisionInfo {
    let d = this.cache.get(key);
    if (!d) this.cache.set(key, (d = make()));
    return d;
  }

  private count(series: string, start: number): number {
    const n = (this.counters.get(series) ?? start) + this.rng.int(1, 7);
    this.counters.set(series, n);
    return n;
  }

  private signed(effective: IsoDate): IsoDate {
    return shiftDate(effective, -this.rng.int(15, 75));
  }
}
