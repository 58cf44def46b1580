import { describe, expect, it } from 'vitest';
import { viewHelpers } from '../../src/web/pages/locals.js';

const vi = viewHelpers('vi', '2024-09-02');
const en = viewHelpers('en', '2024-09-02');

describe('numbers on the pages', () => {
  it('print a negative number with the minus sign U+2212, never the hyphen', () => {
    expect(vi.num(-12)).toBe('\u221212');
    expect(vi.num(-1234.5)).toBe('\u22121.234,5');
    expect(en.num(-1234.5)).toBe('\u22121,234.5');
    expect(vi.num(-12)).not.toContain('-');
  });

  it('print positives and zero unsigned, negative zero included', () => {
    expect(vi.num(1234.5)).toBe('1.234,5');
    expect(vi.num(0)).toBe('0');
    expect(vi.num(-0)).toBe('0');
    expect(vi.num(-0.001)).toBe('0');
    expect(vi.num(null)).toBe('');
  });

  it('print a change with its sign, as the dashboard cards do: +3, −12, 0', () => {
    expect(vi.signed(3)).toBe('+3');
    expect(vi.signed(-12)).toBe('\u221212');
    expect(vi.signed(0)).toBe('0');
    expect(en.signed(-2852)).toBe('\u22122,852');
  });
});
