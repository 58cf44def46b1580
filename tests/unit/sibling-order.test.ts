import { describe, expect, it } from 'vitest';
import { bySiblingOrder } from '../../src/services/query.service.js';

describe('sibling order', () => {
  it('puts numbers in names in numeric order and names in Vietnamese order, territorial units first', () => {
    const names = ['Tổ dân phố số 10', 'Tổ dân phố số 2', 'Tổ dân phố số 1', 'Thôn Đông', 'Thôn Dền'].map((name) => ({ kind: 'village', name }));
    expect([...names, { kind: 'agency', name: 'Ban A' }].sort(bySiblingOrder).map((u) => u.name))
      .toEqual(['Thôn Dền', 'Thôn Đông', 'Tổ dân phố số 1', 'Tổ dân phố số 2', 'Tổ dân phố số 10', 'Ban A']);
  });
});
