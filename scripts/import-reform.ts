import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isIsoDate } from '../src/domain/dates.js';
import { importReform } from '../src/services/reform-import.service.js';
import { args, runTask, TaskError } from './cli.js';
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

/** A path as typed where the command was run (npm runs scripts from the project's folder). */
function read(file: string): Buffer {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new TaskError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

await runTask(async (db, describe) => {
  const at = values.at as string | undefined;
  if (!positionals[0] || !at || !isIsoDate(at)) throw new TaskError(USAGE);
  const signedOn = (values['signed-on'] as string | undefined) ?? null;
  const decision = (n: unknown) => (typeof n === 'string' && n ? { number: n, signedOn } : undefined);
  const r = await importReform(db, {
    communes: read(positionals[0]),
    provinces: values.provinces ? read(values.provinces as string) : undefined,
    at,
    decisions: { provinces: decision(values['province-decision']), communes: decision(values['commune-decision']), districts: decision(values['end-districts']) },
    who: operator,
  }, describe);
  console.log(`recorded ${r.changes.length} changes on ${at}: provinces ${r.provinces.consolidated} consolidated, ${r.provinces.renamed} renamed; `
    + `communes ${r.communes.before} → ${r.communes.after} (${r.communes.continuing} continuing, ${r.communes.partPairs} part pairs); ${r.districtsEnded} district-level units ended`);
});
