import { isIsoDate } from '../src/domain/dates.js';
import { importReform } from '../src/services/reform-import.service.js';
import { args, runTask, TaskError } from './cli.js';
import { readInputFile } from './file-task.js';
import { operator } from './user-cli.js';

const USAGE = `usage: npm run import:reform -- COMMUNES.csv [--provinces PROVINCES.csv] --at YYYY-MM-DD
  [--province-decision NUMBER] [--commune-decision NUMBER] [--end-districts LAW] [--signed-on YYYY-MM-DD]`;

/**
 * npm run import:reform: the 2025 reform from its published correspondence tables, all or nothing.
 * COMMUNES.csv: province_code,new_code,new_name,old_code,old_name,share[,area_km2,population,decision,reissue]
 * PROVINCES.csv: new_code,new_name,old_code,old_name
 */
const { values, positionals } = args({
  at: { type: 'string' }, provinces: { type: 'string' }, 'province-decision': { type: 'string' },
  'commune-decision': { type: 'string' }, 'end-districts': { type: 'string' }, 'signed-on': { type: 'string' },
});

await runTask(async (db, describe) => {
  const at = values.at as string | undefined;
  if (!positionals[0] || !at || !isIsoDate(at)) throw new TaskError(USAGE);
  const signedOn = (values['signed-on'] as string | undefined) ?? null;
  const decision = (n: unknown) => (typeof n === 'string' && n ? { number: n, signedOn } : undefined);
  const r = await importReform(db, {
    communes: readInputFile(positionals[0]),
    provinces: values.provinces ? readInputFile(values.provinces as string) : undefined,
    at,
    decisions: { provinces: decision(values['province-decision']), communes: decision(values['commune-decision']), districts: decision(values['end-districts']) },
    who: operator,
  }, describe);
  console.log(`recorded ${r.changes.length} changes on ${at}: provinces ${r.provinces.consolidated} consolidated, ${r.provinces.renamed} renamed; `
    + `communes ${r.communes.before} → ${r.communes.after} (${r.communes.continuing} continuing, ${r.communes.partPairs} part pairs); ${r.districtsEnded} district-level units ended`);
});
