import { describe, expect, it } from 'vitest';
import { firstSorted, foldName, hasWord, matchTier, searchWords } from '../../src/domain/search.js';

describe('searching units by name', () => {
  it('folds a query into its words, without diacritics or separators', () => {
    expect(searchWords('Số 5, Kim Tân')).toEqual(['so', '5', 'kim', 'tan']);
    expect(searchWords('  Tổ dân phố › Phường Đông  ')).toEqual(['to', 'dan', 'pho', 'phuong', 'dong']);
    expect(searchWords('so so 5')).toEqual(['so', '5']);
  });

  it('matches a word at the start of a word only: "5" finds "số 5" and "số 50", not "số 15"', () => {
    expect(hasWord('to dan pho so 5', '5')).toBe(true);
    expect(hasWord('to dan pho so 50', '5')).toBe(true);
    expect(hasWord('to dan pho so 15', '5')).toBe(false);
  });

  it.each([
    ['tổ dân phố số 5', ['Tổ dân phố số 5'], [], 0],
    ['ta chai', ['Xã Tà Chải'], [], 1],
    ['ta ch', ['Xã Tà Chải'], [], 2],
    ['chai ta', ['Xã Tà Chải'], [], 3],
    ['số 5 kim tân', ['Tổ dân phố số 5'], ['Phường Kim Tân', 'Thành phố Lào Cai'], 4],
    ['số 5 kim tân', ['Tổ dân phố số 5'], ['Phường Cốc Lếu', 'Thành phố Lào Cai'], undefined],
    ['số 15 kim tân', ['Tổ dân phố số 5'], ['Phường Kim Tân'], undefined],
  ])('ranks "%s" against %j under %j as %s', (q, names, ancestors, tier) => {
    expect(matchTier(searchWords(q), names.map(foldName), ancestors.map(foldName))).toBe(tier);
  });

  it('keeps the first items in order without sorting them all', () => {
    const items = [9, 3, 7, 1, 8, 2, 6, 4, 5, 0];
    expect(firstSorted(items, 3, (a, b) => a - b)).toEqual([0, 1, 2]);
    expect(firstSorted(items, 20, (a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(firstSorted(items, 0, (a, b) => a - b)).toEqual([]);
    expect(firstSorted([[1, 'a'], [0, 'b'], [1, 'c'], [0, 'd']] as const, 3, (a, b) => a[0] - b[0]).map((x) => x[1])).toEqual(['b', 'd', 'a']);
  });
});
