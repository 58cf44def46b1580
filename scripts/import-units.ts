import { isIsoDate } from '../src/domain/dates.js';
import { importUnits } from '../src/services/import.service.js';
import { args, runTask, TaskError } from './cli.js';
import { readInputFile } from './file-task.js';
import { operator } from './user-cli.js';

const USAGE = `usage: npm run import:units -- FILE --at YYYY-MM-DD [--province CODE] [--province-name NAME] [--districts FILE] [--decision NUMBER]`;

/**
 * npm run import:units: the statistics office's list as published, all or nothing.
 * FILE: province_code,province_name,province_type,district_code,district_name,district_type,code,name,type
 * (all provinces; --province CODE keeps one), or the list of one province (code,name,type,district_code,
 * district_name,district_type) with --province CODE required. --districts FILE: district-level units
 * without communes (province_code … district_type).
 */
const { values, positionals } = args({
  at: { type: 'string' }, province: { type: 'string' }, 'province-name': { type: 'string' }, districts: { type: 'string' }, decision: { type: 'string' },
});

await runTask(async (db, describe) => {
  const at = values.at as string | undefined;
  if (!positionals[0] || !at || !isIsoDate(at)) throw new TaskError(USAGE);
  const code = values.province as string | undefined;
  const r = await importUnits(db, readInputFile(positionals[0]), {
    at,
    province: code ? { code, name: values['province-name'] as string | undefined } : undefined,
    districts: values.districts ? readInputFile(values.districts as string) : undefined,
    decision: { number: (values.decision as string) ?? `Danh mục ĐVHC ${at}` },
    who: operator,
  }, describe);
  const skipped = r.skipped ? ` (skipped ${count(r.skipped, 'row')} of other provinces)` : '';
  console.log(`imported ${count(r.provinces, 'province')}, ${count(r.districts, 'district')}, ${count(r.communes, 'commune')} on ${at}${skipped}`);
});

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
