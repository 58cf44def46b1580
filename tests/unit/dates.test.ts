import { describe, expect, it } from 'vitest';
import { dayAfter, dayBefore, formatDateVi, formatMomentVi, isIsoDate } from '../../src/domain/dates.js';

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true, 'the leap day of a leap year'],
    ['2000-02-29', true, 'the leap day of a year divisible by 400'],
    ['2025-07-01', true, 'an ordinary date'],
    ['2024-12-31', true, 'the last day of a year'],
    ['2023-02-29', false, 'the leap day of a common year'],
    ['1900-02-29', false, 'the leap day of a century year not divisible by 400'],
    ['2024-13-01', false, 'a thirteenth month'],
    ['2024-00-10', false, 'a month zero'],
    ['2024-04-31', false, 'the 31st of a 30-day month'],
    ['2024-01-00', false, 'a day zero'],
    ['2024-1-01', false, 'a month without its leading zero'],
    ['01/07/2025', false, 'the Vietnamese dd/mm/yyyy form'],
    ['2024-01-01T00:00:00Z', false, 'a timestamp'],
    ['', false, 'an empty string'],
  ])('says %s is %s (%s)', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('dayBefore and dayAfter', () => {
  it.each([
    ['2024-03-01', '2024-02-29', 'across the end of February in a leap year'],
    ['2023-03-01', '2023-02-28', 'across the end of February in a common year'],
    ['2025-01-01', '2024-12-31', 'across the end of a year'],
    ['2024-05-01', '2024-04-30', 'across the end of a 30-day month'],
    ['2024-08-01', '2024-07-31', 'across the end of a 31-day month'],
    ['2024-06-15', '2024-06-14', 'inside a month'],
  ])('steps between %s and %s %s', (later, earlier) => {
    expect(dayBefore(later)).toBe(earlier);
    expect(dayAfter(earlier)).toBe(later);
  });

  it('does not treat 2100 as a leap year', () => {
    expect(dayAfter('2100-02-28')).toBe('2100-03-01');
  });
});

describe('formatDateVi', () => {
  it('writes dates day first, as Vietnamese decisions do', () => {
    expect(formatDateVi('2025-07-01')).toBe('01/07/2025');
  });
});

describe('formatMomentVi', () => {
  it('reads a UTC timestamp in Việt Nam\'s time, so an evening in UTC is the next morning there', () => {
    expect(formatMomentVi('2026-12-03T19:50:00.000Z')).toBe('04/12/2026 02:50');
    expect(formatMomentVi('2026-12-03T16:59:59.000Z')).toBe('03/12/2026 23:59');
    expect(formatMomentVi('2026-12-31T17:00:00.000Z')).toBe('01/01/2027 00:00');
  });
});
