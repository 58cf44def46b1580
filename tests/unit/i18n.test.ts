import { describe, expect, it } from 'vitest';
import { t } from '../../src/web/i18n.js';

describe('messages', () => {
  it('show calendar dates as dd/mm/yyyy in both languages, and other parameters as they are', () => {
    expect(t('vi', 'UNIT_NOT_ALIVE', { unit: 'Xã Lùng Cải (02842)', date: '2026-12-10' })).toBe('Xã Lùng Cải (02842) không tồn tại vào ngày 10/12/2026.');
    expect(t('en', 'UNIT_NOT_ALIVE', { unit: '2026-12-10 A', date: '2020-03-01' })).toBe('2026-12-10 A does not exist on 01/03/2020.');
  });
});
