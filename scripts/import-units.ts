import { readFileSync } from 'node:fs';
import { isIsoDate } from '../src/domain/dates.js';
import { importUnits } from '../src/services/import.service.js';
import { args, runTask } from './cli.js';
import { operator } from './user-cli.js';

/**
 * npm run import:units -- FILE --at YYYY-MM-DD --province CODE [--province-name NAME] [--decision NUMBER]
 * Imports an official commune list (code,name,type,district_code,district_name,district_type).
 */
const { values, positionals } = args({
  at: { type: 'string' }, province: { type: 'string' }, 'province-name': { type: 'string' }, decision: { type: 'string' },
});

await runTask(async (db, describe) => {
  const [file] = positionals;
  if (!file || !values.at || !isIsoDate(values.at as string) || !values.province) {
    throw new Error('usage: npm run import:units -- FILE --at YYYY-MM-DD --province CODE [--province-name NAME] [--decision NUMBER]');
  }
  const at = values.at as string;
  const r = await importUnits(db, readFileSync(file), {
    at,
    province: { code: values.province as string, name: (values['province-name'] as string) ?? `Tỉnh ${values.province}` },
    decision: { number: (values.decision as string) ?? `Danh mục ĐVHC ${at}` },
    who: operator,
  }, describe);
  console.log(`imported ${r.communes} communes and ${r.districts} new districts on ${at}`);
});
