import type { Transaction } from 'kysely';
import { dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { typeFromName } from '../domain/vocabulary.js';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { findSubtreeOn, findUnitIdByCode } from '../db/unit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import { appendAudit, type Who } from './audit.service.js';
import type { DecisionRequest } from './change-request.js';
import { recordChangeIn } from './change.service.js';
import { CsvParseError, parseCsv } from './csv.js';
import type { Describe } from './import.service.js';
import { ImportError } from './import.service.js';
import { groupOutputs, PAIR_COLUMNS, pairRows, type RowError } from './reform-table.js';

type Trx = Transaction<Database>;

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

/**
 * The 2025 reform from its published tables, in one transaction, in the order the law takes
 * effect on one day: provinces (consolidations), then each province's communes (one
 * reorganisation per province and decision), then the end of the district level. Codes resolve
 * as the tables mean them: old codes on the day before, new codes and parents on the day itself.
 */
export async function importReform(db: Db, opts: ReformImport, describe: Describe): Promise<ReformReport> {
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
  const grouped = [...byProvince].map(([code, g]) => ({ code, decision: g.decision, ...groupOutputs(g.pairs, { code }, 'commune', errors) }));
  if (!errors.length) await checkOldCodes(db, opts.at, pairs, provinceRows, errors);
  if (errors.length) throw new ImportError(errors.sort((a, b) => a.row - b.row));

  let lines: number[] = [];
  let file = 'communes';
  try {
    return await writeTransaction(db, async (trx) => {
      const base = { effectiveOn: opts.at, recordedBy: opts.who.username };
      const report: ReformReport = { provinces: { consolidated: 0, renamed: 0 }, communes: { before: 0, after: 0, continuing: 0, partPairs: 0 }, districtsEnded: 0, changes: [] };
      file = 'provinces';
      for (const [code, rows] of groupBy(provinceRows, (r) => r.cells.new_code)) {
        lines = rows.map((r) => r.line);
        const name = rows[0].cells.new_name;
        const decision = opts.decisions.provinces ?? { number: `Sắp xếp ĐVHC cấp tỉnh ${opts.at}` };
        if (rows.length === 1 && rows[0].cells.old_code === code) {
          const r = await recordChangeIn(trx, { ...base, decision, type: 'rename', unit: { code }, name }).catch(noEffect);
          if (r) (report.provinces.renamed++, report.changes.push(r.change.id));
          continue;
        }
        const type = typeFromName(name, 'province') ?? { kind: 'province' as const, subtype: 'tinh' };
        const r = await recordChangeIn(trx, { ...base, decision, type: 'consolidate', units: rows.map((x) => ({ code: x.cells.old_code })), result: { name, code, ...type, parent: null } });
        report.provinces.consolidated++;
        report.changes.push(r.change.id);
      }
      file = 'communes';
      for (const g of grouped) {
        lines = g.lines.flat();
        const decision = g.decision ? { number: g.decision } : opts.decisions.communes!;
        const r = await recordChangeIn(trx, { ...base, decision, type: 'reorganise', outputs: g.outputs, ...(g.reissue.length ? { reissue: g.reissue } : {}) }).catch((err) => {
          if (err instanceof DomainError) lines = lineOf(g.lines, err.path);
          throw err;
        });
        report.changes.push(r.change.id);
        report.communes.after += g.outputs.length;
        report.communes.continuing += g.outputs.filter((o) => 'continues' in o).length;
        report.communes.before += new Set(g.outputs.flatMap((o) => ('continues' in o ? [o.continues] : []).concat(o.from.map((c) => c.unit)).map((u) => ('code' in u ? u.code : u.id)))).size;
        report.communes.partPairs += g.outputs.flatMap((o) => o.from).filter((c) => c.share === 'part').length;
      }
      if (opts.decisions.districts) {
        file = 'communes';
        for (const g of grouped) {
          lines = [g.lines[0][0]];
          const province = (await findUnitIdByCode(trx, g.code, opts.at))!;
          const districts = (await findSubtreeOn(trx, opts.at, province, 1)).filter((v) => v.kind === 'district');
          if (!districts.length) continue;
          const r = await recordChangeIn(trx, {
            ...base, decision: opts.decisions.districts, type: 'reorganise', outputs: [],
            dissolve: districts.map((d) => ({ id: d.unitId })), childrenTo: { id: province },
            note: 'Cấp huyện kết thúc hoạt động; các cơ quan, đơn vị còn trực thuộc cấp huyện chuyển về tỉnh.',
          });
          report.changes.push(r.change.id);
          report.districtsEnded += districts.length;
        }
      }
      await appendAudit(trx, opts.who, { action: 'import', entity: 'reform', after: { at: opts.at, ...report } });
      return report;
    });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    throw new ImportError([{ row: lines[0] ?? 1, column: `${file}: ${columnOf(err.path)}`, message: await describe(err) }]);
  }
}

/** A province whose table names it unchanged needs no change. */
function noEffect(err: unknown): null {
  if (err instanceof DomainError && err.code === 'NO_EFFECT') return null;
  throw err;
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
async function checkOldCodes(db: Db, at: IsoDate, pairs: { line: number; oldCode: string }[], provinces: TableRow[], errors: RowError[]): Promise<void> {
  const before = dayBefore(at);
  const known = new Map<string, boolean>();
  const check = async (code: string, row: number, column: string) => {
    if (!known.has(code)) known.set(code, (await findUnitIdByCode(db, code, before)) !== undefined);
    if (!known.get(code)) errors.push({ row, column, message: `no unit has code ${code} on ${before}` });
  };
  for (const r of provinces) await check(r.cells.old_code, r.line, 'provinces: old_code');
  for (const p of pairs) await check(p.oldCode, p.line, 'old_code');
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}

/** The table lines an error's path points at (outputs.K.from.J → the J-th row of group K). */
function lineOf(lines: number[][], path: string | null): number[] {
  const m = /^outputs\.(\d+)(?:\.from\.(\d+))?/.exec(path ?? '');
  if (!m) return lines.flat();
  const group = lines[Number(m[1])] ?? [];
  return m[2] === undefined ? group : [group[Number(m[2])] ?? group[0]];
}

function columnOf(path: string | null): string {
  if (!path) return '*';
  if (/\.from\.\d+/.test(path)) return 'old_code';
  if (/^outputs\.\d+\.(unit|continues)/.test(path)) return /code/.test(path) ? 'new_code' : 'new_name';
  if (/^(units|result)/.test(path)) return 'old_code';
  return path;
}
