import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db/connection.js';
import { importChanges, importUnits, type Describe } from '../src/services/import.service.js';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/**
 * The Lào Cai demo: the real 162 commune-level units of 01/12/2019 (statistics office list) and
 * the real changes of 2020–2024 (Nghị quyết 896/NQ-UBTVQH14 and 1197/NQ-UBTVQH15), recorded
 * through the same services as any user's change.
 */
export async function seedDemo(db: Db, describe: Describe): Promise<{ communes: number; changes: number }> {
  const units = await importUnits(db, readFileSync(path.join(DATA, 'lao-cai-communes-2019-12-01.csv'), 'utf8'), {
    at: '2019-12-01',
    province: { code: '10', name: 'Tỉnh Lào Cai' },
    decision: {
      number: '124/2004/QĐ-TTg',
      issuer: 'Thủ tướng Chính phủ',
      signedOn: '2004-07-08',
      title: 'Danh mục và mã số các đơn vị hành chính Việt Nam (danh sách ngày 01/12/2019)',
    },
  }, describe);
  const changes = await importChanges(db, readFileSync(path.join(DATA, 'lao-cai-changes-2019-2024.csv'), 'utf8'), describe);
  return { communes: units.communes, changes: changes.changes };
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom('changes').select('id').limit(1).executeTakeFirst()) === undefined;
}
