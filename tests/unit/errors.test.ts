import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { DomainError, ReplayConflict } from '../../src/domain/errors.js';
import { describeError } from '../../src/web/errors.js';
import { newTestDb } from '../support/db.js';

// Units already named, as describeError leaves them: no lookup is needed, the database stays empty.
const notAlive = new DomainError('UNIT_NOT_ALIVE', { unit: 'Xã Tà Chải (02872)', date: '2024-11-01' });
const underWrongKind = new DomainError('PARENT_KIND', { kind: 'xã', parentKind: 'xã', unit: 'Xã Bản Phố (02866)' });

describe('a replay conflict explained in words', () => {
  let db: Db;
  beforeAll(async () => {
    db = await newTestDb();
  });
  afterAll(() => db.destroy());

  it('puts the reason inside the parentheses without its own full stop, the sentence ending in one', async () => {
    const conflict = new ReplayConflict(7, notAlive);
    expect(await describeError(db, conflict, 'vi')).toBe('Không thể ghi: thay đổi số 7 đã ghi sau đó không còn áp dụng được (Xã Tà Chải (02872) không tồn tại vào ngày 01/11/2024).');
    expect(await describeError(db, conflict, 'en')).toBe('Refused: change #7, recorded later, would no longer apply (Xã Tà Chải (02872) does not exist on 01/11/2024).');
  });

  it('keeps the reason’s own closing parenthesis and still ends in one full stop', async () => {
    const conflict = new ReplayConflict(8, underWrongKind);
    expect(await describeError(db, conflict, 'vi')).toBe('Không thể ghi: thay đổi số 8 đã ghi sau đó không còn áp dụng được (Một xã không thể trực thuộc một xã (Xã Bản Phố (02866))).');
    expect(await describeError(db, conflict, 'en')).toBe('Refused: change #8, recorded later, would no longer apply (A xã cannot sit under a xã (Xã Bản Phố (02866))).');
  });

  it('nests a conflict in a conflict with a single full stop at the very end', async () => {
    const conflict = new ReplayConflict(9, new ReplayConflict(7, notAlive));
    expect(await describeError(db, conflict, 'vi')).toBe(
      'Không thể ghi: thay đổi số 9 đã ghi sau đó không còn áp dụng được (Không thể ghi: thay đổi số 7 đã ghi sau đó không còn áp dụng được (Xã Tà Chải (02872) không tồn tại vào ngày 01/11/2024)).',
    );
    expect(await describeError(db, conflict, 'en')).toBe(
      'Refused: change #9, recorded later, would no longer apply (Refused: change #7, recorded later, would no longer apply (Xã Tà Chải (02872) does not exist on 01/11/2024)).',
    );
  });
});
