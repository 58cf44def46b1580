import { describe, expect, it } from 'vitest';
import { axisDates, MAX_CHART_POINTS } from '../../src/domain/chart-axis.js';

describe('axisDates', () => {
  it('steps by quarter ends over a short span, keeping both ends and the dates asked for', () => {
    expect(axisDates('2019-01-01', '2020-03-31', ['2019-08-15', '2021-01-01'])).toEqual([
      '2019-01-01', '2019-03-31', '2019-06-30', '2019-08-15', '2019-09-30', '2019-12-31', '2020-03-31',
    ]);
  });

  it('steps by year ends once quarters would pass the cap', () => {
    const dates = axisDates('2015-12-31', '2060-12-31');
    expect(dates.every((d) => d.endsWith('-12-31'))).toBe(true);
    expect(dates).toHaveLength(46);
  });

  it('never passes the cap over the whole calendar (1900–2100)', () => {
    const dates = axisDates('1900-01-01', '2100-12-31', ['2025-12-31']);
    expect(dates.length).toBeLessThanOrEqual(MAX_CHART_POINTS + 3);
    expect(dates[0]).toBe('1900-01-01');
    expect(dates.at(-1)).toBe('2100-12-31');
    expect(dates).toContain('2025-12-31');
    expect([...dates].sort()).toEqual(dates);
  });
});
