import { dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { typeFromName } from '../domain/vocabulary.js';
import type { Db, Executor } from '../db/connection.js';
import { findCodesHeldOn, findSubtreeOn, findUnitIdByCode, findVersionOn } from '../db/unit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import { appendAudit, type Who } from './audit.service.js';
import type { DecisionRequest } from './change-request.js';
import { recordChangeIn } from './change.service.js';
import { CsvParseError, parseCsv } from './csv.js';
import type { Describe } from './import.service.js';
import { ImportError } from './import.service.js';
import { groupOutputs, PAIR_COLUMNS, pairRows, type Grouped, type RowError } from './reform-table.js';
import type { Trx } from '../db/connection.js';

export interface ReformImport {
  /** The published commune table: province_code, new_code, new_name, old_code, old_name, share (full/partial). */
  communes: string | Uint8Array;
  /** The published province table: new_code, new_name, old_code, old_name. */
  provinces?: string | Uint8Array;
  at: IsoDate;
  decisions: {
    /** The resolution on provinces (202/2025/QH15). */
    provinces?: DecisionRequest;
    /** The resolutions on communes; a `decision` column of the commune table names one per province instead. */
    communes?: DecisionRequest;
    /** When given, the district level ends under this law (72/2025/QH15) and what remains under it goes to the province. */
    districts?: DecisionRequest;
  };
  who: Who;
}

export interface ReformReport {
  provinces: { consolidated: number; renamed: number };
  communes: { before: number; after: number; continuing: number; partPairs: number };
  districtsEnded: number;
  changes: number[];
}

/** A reform checked against its tables and the database, ready to record. */
export interface ReformPlan {
  at: IsoDate;
  provinces: Map<string, TableRow[]>;
  communes: (Grouped & { code: string; decision: string })[];
  decisions: ReformImport['decisions'];
}

/** A refusal of the engine while recording, with the table line and column it concerns. */
export class ReformRefusal extends Error {
  constructor(readonly error: DomainError, readonly row: number, readonly column: string) {
    super(error.message);
  }
}

/**
 * The 2025 reform from its published tables, in one transaction, in the order the law takes
 * effect on one day: provinces (consolidations), then each province's communes (one
 * reorganisation per province and decision), then the end of the district level. Codes resolve
 * as the tables mean them: old codes on the day before, new codes and parents on the day itself.
 * Every bad row is reported at once and nothing is written.
 */
export async function importReform(db: Db, opts: ReformImport, describe: Describe): Promise<ReformReport> {
  const plan = await planReform(db, opts);
  try {
    return await writeTransaction(db, (trx) => recordReformIn(trx, plan, opts.who));
  } catch (err) {
    if (!(err instanceof ReformRefusal)) throw err;
    // Described after the rollback: describing reads the database.
    throw new ImportError([{ row: err.row, column: err.column, message: await describe(err.error) }]);
  }
}

/** Reads and checks the tables: every bad cell and every unknown old code at once (ImportError). */
export async function planReform(db: Executor, opts: Omit<ReformImport, 'who'>): Promise<ReformPlan> {
  const errors: RowError[] = [];
  const provinceRows = opts.provinces ? readTable(opts.provinces, ['new_code', 'new_name', 'old_code'], 'provinces', errors) : [];
  const communeTable = readTable(opts.communes, ['province_code', ...PAIR_COLUMNS], 'communes', errors);
  const pairs = pairRows(communeTable.map((r) => r.cells), communeTable.map((r) => r.line), errors);
  const byProvince = new Map<string, { pairs: typeof pairs; decision: string }>();
  pairs.forEach((p, i) => {
    const cells = communeTable[i].cells;
    const key = cells.province_code;
    if (!key) errors.push({ row: p.line, column: 'province_code', message: 'empty' });
    const group = byProvince.get(key) ?? { pairs: [], decision: cells.decision ?? '' };
    if ((cells.decision ?? '') !== group.decision) errors.push({ row: p.line, column: 'decision', message: `province ${key} has decision "${group.decision}" on an earlier line` });
    group.pairs.push(p);
    byProvince.set(key, group);
  });
  for (const [code, g] of byProvince) {
    if (!g.decision && !opts.decisions.communes) errors.push({ row: g.pairs[0].line, column: 'decision', message: `no decision for province ${code}: give a decision column or --commune-decision` });
  }
  const communes = [...byProvince].map(([code, g]) => ({ code, decision: g.decision, ...groupOutputs(g.pairs, { code }, 'commune', errors) }));
  await checkOldCodes(db, opts.at, pairs.filter((p) => p.oldCode), provinceRows.filter((r) => r.cells.old_code), errors);
  if (errors.length) throw new ImportError(errors.sort((a, b) => a.row - b.row));
  return { at: opts.at, provinces: groupBy(provinceRows, (r) => r.cells.new_code), communes, decisions: opts.decisions };
}

/** Records a planned reform inside the caller's transaction; a refusal names its table line (ReformRefusal). */
export async function recordReformIn(trx: Trx, plan: ReformPlan, who: Who, now = new Date().toISOString()): Promise<ReformReport> {
  const base = { effectiveOn: plan.at, recordedBy: who.username };
  const report: ReformReport = { provinces: { consolidated: 0, renamed: 0 }, communes: { before: 0, after: 0, continuing: 0, partPairs: 0 }, districtsEnded: 0, changes: [] };
  const at = async <T>(row: number, column: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof DomainError) throw new ReformRefusal(err, row, column);
      throw err;
    }
  };
  for (const [code, rows] of plan.provinces) {
    const name = rows[0].cells.new_name;
    const decision = plan.decisions.provinces ?? { number: `Sắp xếp ĐVHC cấp tỉnh ${plan.at}` };
    const r = await at(rows[0].line, 'provinces: old_code', async () => {
      if (rows.length === 1 && rows[0].cells.old_code === code) {
        // Checked before recording: a refused rename would leave its change row in the transaction.
        if (await unchangedName(trx, code, dayBefore(plan.at), name)) return null;
        return recordChangeIn(trx, { ...base, decision, type: 'rename', unit: { code }, name }, now);
      }
      return recordChangeIn(trx, { ...base, decision, type: 'consolidate', units: rows.map((x) => ({ code: x.cells.old_code })), result: { name, code, ...provinceType(name), parent: null } }, now);
    });
    if (!r) continue;
    if (r.change.type === 'rename') report.provinces.renamed++;
    else report.provinces.consolidated++;
    report.changes.push(r.change.id);
  }
  for (const g of plan.communes) {
    const decision = g.decision ? { number: g.decision } : plan.decisions.communes!;
    const r = await recordChangeIn(trx, { ...base, decision, type: 'reorganise', outputs: g.outputs, ...(g.reissue.length ? { reissue: g.reissue } : {}) }, now).catch((err) => {
      if (err instanceof DomainError) throw new ReformRefusal(err, lineOf(g.lines, err.path), columnOf(err.path));
      throw err;
    });
    report.changes.push(r.change.id);
    report.communes.after += g.outputs.length;
    report.communes.continuing += g.outputs.filter((o) => 'continues' in o).length;
    report.communes.before += new Set(g.outputs.flatMap((o) => ('continues' in o ? [o.continues] : []).concat(o.from.map((c) => c.unit)).map((u) => ('code' in u ? u.code : u.id)))).size;
    report.communes.partPairs += g.outputs.flatMap((o) => o.from).filter((c) => c.share === 'part').length;
  }
  if (plan.decisions.districts) {
    for (const g of plan.communes) {
      const province = (await findUnitIdByCode(trx, g.code, plan.at))!;
      const districts = (await findSubtreeOn(trx, plan.at, province, 1)).filter((v) => v.kind === 'district');
      if (!districts.length) continue;
      const r = await at(g.lines[0][0], 'province_code', () => recordChangeIn(trx, {
        ...base, decision: plan.decisions.districts!, type: 'reorganise', outputs: [],
        dissolve: districts.map((d) => ({ id: d.unitId })), childrenTo: { id: province },
        note: 'Cấp huyện kết thúc hoạt động; các cơ quan, đơn vị còn trực thuộc cấp huyện chuyển về tỉnh.',
      }, now));
      report.changes.push(r.change.id);
      report.districtsEnded += districts.length;
    }
  }
  await appendAudit(trx, who, { action: 'import', entity: 'reform', after: { at: plan.at, ...report } }, now);
  return report;
}

/** A province whose table names it unchanged needs no change. */
async function unchangedName(trx: Trx, code: string, date: IsoDate, name: string): Promise<boolean> {
  const id = await findUnitIdByCode(trx, code, date);
  return id !== undefined && (await findVersionOn(trx, id, date))?.name === name;
}

/** A province-level "Thành phố …" is a centrally-run city (the word alone names a district-level city). */
function provinceType(name: string): { kind: 'province'; subtype: string } {
  const city = name.normalize('NFC').toLowerCase().startsWith('thành phố ');
  return { kind: 'province', subtype: typeFromName(name, 'province')?.subtype ?? (city ? 'thanh_pho_tw' : 'tinh') };
}

interface TableRow {
  line: number;
  cells: Record<string, string>;
}

function readTable(text: string | Uint8Array, required: string[], file: string, errors: RowError[]): TableRow[] {
  try {
    const { header, rows, lines } = parseCsv(text);
    for (const c of required) if (!header.includes(c)) errors.push({ row: 1, column: `${file}: ${c}`, message: 'missing column' });
    return rows.map((cells, i) => ({ line: lines[i], cells }));
  } catch (err) {
    if (!(err instanceof CsvParseError)) throw err;
    errors.push(...err.problems.map((p) => ({ row: p.line, column: `${file}: *`, message: p.message.replace(/^line \d+: /, '') })));
    return [];
  }
}

/** Every old code must name a unit on the day before: all unknown codes are reported at once. */
async function checkOldCodes(db: Executor, at: IsoDate, pairs: { line: number; oldCode: string }[], provinces: TableRow[], errors: RowError[]): Promise<void> {
  const before = dayBefore(at);
  const wanted = [...provinces.map((r) => ({ code: r.cells.old_code, row: r.line, column: 'provinces: old_code' })), ...pairs.map((p) => ({ code: p.oldCode, row: p.line, column: 'old_code' }))];
  const held = await findCodesHeldOn(db, wanted.map((w) => w.code), before);
  for (const w of wanted) if (!held.has(w.code)) errors.push({ row: w.row, column: w.column, message: `no unit has code ${w.code} on ${before}` });
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}

/** The table lines an error's path points at (outputs.K.from.J → the J-th row of group K). */
function lineOf(lines: number[][], path: string | null): number {
  const m = /^outputs\.(\d+)(?:\.from\.(\d+))?/.exec(path ?? '');
  const group = (m && lines[Number(m[1])]) || lines[0] || [1];
  return (m?.[2] !== undefined ? group[Number(m[2])] : undefined) ?? group[0];
}

function columnOf(path: string | null): string {
  if (!path) return '*';
  if (/\.from\.\d+/.test(path)) return 'old_code';
  if (/^outputs\.\d+\.(unit|continues)/.test(path)) return /code/.test(path) ? 'new_code' : 'new_name';
  if (/^(units|result)/.test(path)) return 'old_code';
  return path;
}
