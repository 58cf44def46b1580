import { z } from 'zod';
import { isIsoDate, isSupportedDate, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { typeFromName, typeFromWord } from '../domain/vocabulary.js';
import { KINDS, type Kind } from '../domain/kinds.js';
import type { Db, Trx } from '../db/connection.js';
import { writeTransaction } from '../db/write-transaction.js';
import type { ChangeRequest, DecisionRequest, NewUnitRequest } from './change-request.js';
import { appendAudit, type Who } from './audit.service.js';
import { recordChangeIn } from './change.service.js';
import { CsvParseError, parseCsv, type ParsedCsv } from './csv.js';
import { DISTRICT_COLUMNS, findExisting, NATIONAL_COLUMNS, PROVINCE_LIST_COLUMNS, readUnitList, requestOf, type Listed, type Table } from './unit-list.js';

/** A bad cell: `row` is the line number in the file (the header is line 1). */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

export class ImportError extends Error {
  constructor(readonly errors: RowError[]) {
    super(errors.map((e) => `row ${e.row}, ${e.column}: ${e.message}`).join('\n'));
  }
}

/** Turns a domain refusal into row errors; `describe` renders it in the user's language. */
export type Describe = (err: DomainError) => Promise<string> | string;

export interface UnitsImport {
  at: IsoDate;
  decision: DecisionRequest;
  /** Who imports (an operator at the command line): the changes are theirs and the audit trail says so. */
  who?: Who;
  /**
   * Only this province's rows of a national list (the others are counted as skipped). Required
   * for a list of one province without province columns; `name` is then its name if it is new.
   */
  province?: { code: string; name?: string };
  /** District-level units without communes (island districts): province_code … district_type. */
  districts?: string | Uint8Array;
}

/** What was established (provinces and districts already on the date are reused, not counted). */
export interface UnitsReport {
  provinces: number;
  districts: number;
  communes: number;
  skipped: number;
}

/**
 * The statistics office's list as of `at`, national (province columns on every row) or of one
 * province: missing provinces, then missing districts, then every commune are established in
 * one transaction. Every bad row is reported at once, before anything is written.
 */
export async function importUnits(db: Db, text: string | Uint8Array, opts: UnitsImport, describe: Describe): Promise<UnitsReport> {
  const errors: RowError[] = [];
  const tables = [mainTable(text, opts.province, errors), ...(opts.districts ? [withColumns(table(opts.districts, 'districts: ', errors), DISTRICT_COLUMNS, errors)] : [])];
  if (errors.length) throw new ImportError(errors);
  const list = readUnitList(tables, opts.province?.code, errors);
  if (errors.length) throw new ImportError(errors);
  const existing = await findExisting(db, list, opts.at, errors);
  if (errors.length) throw new ImportError(errors);

  const levels = [list.provinces, list.districts, list.communes].map((m) => [...m.values()].filter((u) => !existing.has(u.code)));
  let current: Listed[] = [];
  return inTransaction(db, describe, (err) => locate(current, err.path), async (trx) => {
    const base = { effectiveOn: opts.at, decision: opts.decision, recordedBy: opts.who?.username ?? 'import' };
    const ids: number[] = [];
    for (const units of levels.filter((l) => l.length)) {
      current = units;
      ids.push((await recordChangeIn(trx, { ...base, type: 'establish', units: units.map(requestOf) })).change.id);
    }
    const [provinces, districts, communes] = levels.map((l) => l.length);
    const report = { provinces, districts, communes, skipped: list.skipped };
    if (opts.who) await appendAudit(trx, opts.who, { action: 'import', entity: 'units', after: { at: opts.at, province: opts.province?.code ?? null, ...report, changes: ids } });
    return report;
  });
}

/** The main list; a list of one province takes its province from `province` (required then). */
function mainTable(text: string | Uint8Array, province: UnitsImport['province'], errors: RowError[]): Table {
  const t = table(text, '', errors);
  if (t.header.includes('province_code')) return withColumns(t, NATIONAL_COLUMNS, errors);
  withColumns(t, PROVINCE_LIST_COLUMNS, errors);
  if (!province) return errors.push({ row: 1, column: 'province_code', message: 'missing column (a list of one province needs --province CODE)' }), t;
  const cells = { province_code: province.code, province_name: province.name ?? `Tỉnh ${province.code}`, province_type: 'Tỉnh' };
  return { ...t, rows: t.rows.map((r) => ({ ...r, ...cells })) };
}

/** A CSV's rows; what csv-parse refuses goes to `errors`, its columns prefixed with `file`. */
function table(text: string | Uint8Array, file: string, errors: RowError[]): Table {
  try {
    return { ...readCsv(text), file };
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    errors.push(...err.errors.map((e) => ({ ...e, column: file + e.column })));
    return { header: [], rows: [], lines: [], file };
  }
}

/** `t` after reporting its missing columns (unless it could not be read at all). */
function withColumns(t: Table, required: string[], errors: RowError[]): Table {
  if (!errors.some((e) => e.column === `${t.file}*`)) errors.push(...missingColumns(t.header, required).map((e) => ({ ...e, column: t.file + e.column })));
  return t;
}

/** The row and column of a refused unit: `units.N` of the establish change being recorded. */
function locate(units: Listed[], path: string | null): { row: number; column: string } {
  const u = units[Number(/^units\.(\d+)/.exec(path ?? '')?.[1] ?? 0)] ?? units[0];
  if (!u) return { row: 1, column: '*' };
  return { row: u.line, column: u.file + (path?.endsWith('.parent') ? u.parentColumn : u.codeColumn) };
}

/**
 * Runs `work` in one transaction. A refused change rolls everything back and is reported as a row
 * error, described only after the rollback: describing reads the database, which a transaction
 * on SQLite's single connection would otherwise wait on for ever.
 */
async function inTransaction<T>(
  db: Db, describe: Describe, locate: (err: DomainError) => { row: number; column: string }, work: (trx: Trx) => Promise<T>,
): Promise<T> {
  try {
    return await writeTransaction(db, work);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    throw new ImportError([{ ...locate(err), message: await describe(err) }]);
  }
}

/** The CSV's rows, or an ImportError naming every line csv-parse refused (bad quotes, columns, encoding). */
function readCsv(text: string | Uint8Array): ParsedCsv {
  try {
    return parseCsv(text);
  } catch (err) {
    if (err instanceof CsvParseError) throw new ImportError(err.problems.map((p) => ({ row: p.line, column: '*', message: p.message.replace(/^line \d+: /, '') })));
    throw err;
  }
}

function missingColumns(header: string[], required: string[]): RowError[] {
  return required.filter((c) => !header.includes(c)).map((c) => ({ row: 1, column: c, message: 'missing column' }));
}

const CHANGE_COLUMNS = ['change_ref', 'type', 'effective_date', 'decision', 'from_code', 'to_code', 'to_name'];
const TYPES = ['establish', 'dissolve', 'merge', 'consolidate', 'split', 'separate', 'transfer', 'rename', 'reclassify', 'amend'] as const;

const number = z.union([z.literal(''), z.coerce.number().nonnegative()]).optional();
const rowSchema = z.object({
  change_ref: z.string().min(1, 'empty'),
  type: z.enum(TYPES),
  effective_date: z.string().refine(isIsoDate, { message: 'not a real date (YYYY-MM-DD)', abort: true }).refine(isSupportedDate, 'outside 1900-01-01..2100-12-31'),
  decision: z.string().min(1, 'empty'),
  decision_date: z.string().refine((s) => s === '' || isIsoDate(s), { message: 'not a real date (YYYY-MM-DD)', abort: true }).refine((s) => s === '' || isSupportedDate(s), 'outside 1900-01-01..2100-12-31').optional(),
  area_km2: number,
  population: number,
  households: number,
});

/** A CSV row with its line number in the file under `line`. */
type Row = Record<string, string>;
const lineOf = (r: Row): number => Number(r.line);

/**
 * Changes in the one-row-per-pair format: rows sharing `change_ref` are one change (several
 * absorbed units, several new units). All are recorded in one transaction, or none.
 */
export async function importChanges(db: Db, text: string | Uint8Array, describe: Describe, who: Who): Promise<{ changes: number }> {
  const requests = parseChangesCsv(text);
  let current: number[] = [];
  return inTransaction(db, describe, (err) => ({ row: rowOf(current, err.path), column: columnOf(err.path) }), async (trx) => {
    const ids: number[] = [];
    for (const { lines, request } of requests) {
      current = lines;
      ids.push((await recordChangeIn(trx, { ...request, recordedBy: who.username })).change.id);
    }
    await appendAudit(trx, who, { action: 'import', entity: 'changes', after: { changes: ids } });
    return { changes: requests.length };
  });
}

/** The change requests of a changes CSV with the line numbers of their rows; every bad cell is reported at once. */
export function parseChangesCsv(text: string | Uint8Array): { lines: number[]; request: ChangeRequest }[] {
  const { header, rows, lines } = readCsv(text);
  const errors = missingColumns(header, CHANGE_COLUMNS);
  const groups = new Map<string, Row[]>();
  rows.forEach((r, i) => {
    const line = lines[i];
    const parsed = rowSchema.safeParse(r);
    if (!parsed.success) for (const issue of parsed.error.issues) errors.push({ row: line, column: String(issue.path[0]), message: issue.message });
    groups.set(r.change_ref, [...(groups.get(r.change_ref) ?? []), { ...r, line: String(line) }]);
  });
  const out: { lines: number[]; request: ChangeRequest }[] = [];
  if (errors.length === 0) {
    for (const group of groups.values()) {
      try {
        const request = toRequest(group);
        // A non-empty `reissue` cell: the row's new code is a closed code the decision gives again.
        const reissue = [...new Set(group.filter((r) => r.reissue && r.to_code).map((r) => r.to_code))];
        out.push({ lines: group.map(lineOf), request: reissue.length ? { ...request, reissue } : request });
      } catch (err) {
        if (err instanceof RowProblem) errors.push(err.error);
        else throw err;
      }
    }
  }
  if (errors.length) throw new ImportError(errors);
  return out;
}

class RowProblem extends Error {
  constructor(readonly error: RowError) {
    super(error.message);
  }
}

function need(r: Row, column: string): string {
  if (!r[column]) throw new RowProblem({ row: lineOf(r), column, message: 'empty' });
  return r[column];
}

function same(group: Row[], column: string): string {
  const value = need(group[0], column);
  const other = group.find((r) => r[column] !== value);
  if (other) throw new RowProblem({ row: lineOf(other), column, message: `rows of change ${group[0].change_ref} must share ${column}` });
  return value;
}

function figuresOf(r: Row) {
  const n = (c: string) => (r[c] ? Number(r[c]) : undefined);
  return { areaKm2: n('area_km2'), population: n('population'), households: n('households') };
}

function newUnitOf(r: Row): NewUnitRequest {
  const typed = r.to_type ? typeFromWord(r.to_type) : KINDS.map((k: Kind) => typeFromName(r.to_name ?? '', k)).find(Boolean);
  if (r.to_type && !typed) throw new RowProblem({ row: lineOf(r), column: 'to_type', message: `unknown type "${r.to_type}"` });
  return {
    name: need(r, 'to_name'), code: r.to_code || null, ...typed,
    ...(r.parent_code ? { parent: { code: r.parent_code } } : {}), figures: figuresOf(r),
  };
}

function toRequest(group: Row[]): ChangeRequest {
  const first = group[0];
  const notes = [...new Set(group.map((r) => r.note).filter(Boolean))];
  const base = {
    effectiveOn: same(group, 'effective_date'),
    decision: { number: same(group, 'decision'), signedOn: first.decision_date || null, issuer: first.decision_issuer || null, title: first.decision_title || null },
    note: notes.length ? notes.join(' ') : null,
    recordedBy: 'import',
  };
  const from = { code: first.from_code };
  switch (first.type as (typeof TYPES)[number]) {
    case 'establish':
      return { ...base, type: 'establish', units: group.map(newUnitOf) };
    case 'dissolve':
      return { ...base, type: 'dissolve', unit: { code: same(group, 'from_code') }, childrenTo: first.to_code ? { code: first.to_code } : null };
    case 'merge':
      return { ...base, type: 'merge', absorbed: group.map((r) => ({ code: need(r, 'from_code') })), into: { code: same(group, 'to_code') }, name: first.to_name || undefined };
    case 'consolidate':
      return { ...base, type: 'consolidate', units: group.map((r) => ({ code: need(r, 'from_code') })), result: newUnitOf(first) };
    case 'split':
      return { ...base, type: 'split', unit: { code: same(group, 'from_code') }, into: group.map(newUnitOf) };
    case 'separate':
      return { ...base, type: 'separate', unit: { code: same(group, 'from_code') }, parts: group.map(newUnitOf) };
    case 'transfer': {
      const f = figuresOf(first);
      const part = f.areaKm2 !== undefined || f.population !== undefined || f.households !== undefined;
      return part
        ? { ...base, type: 'transfer', from: { code: need(first, 'from_code') }, to: { code: need(first, 'to_code') }, figures: f }
        : { ...base, type: 'transfer', unit: { code: need(first, 'from_code') }, toParent: { code: need(first, 'to_code') } };
    }
    case 'rename':
      return { ...base, type: 'rename', unit: from, name: need(first, 'to_name') };
    case 'reclassify': {
      const typed = newUnitOf(first);
      if (!typed.subtype) throw new RowProblem({ row: lineOf(first), column: 'to_type', message: 'cannot tell the new type; fill to_type' });
      return { ...base, type: 'reclassify', unit: from, subtype: typed.subtype, kind: typed.kind, name: first.to_name || undefined };
    }
    case 'amend':
      return { ...base, type: 'amend', unit: from, figures: figuresOf(first), ...(first.to_code && first.to_code !== first.from_code ? { code: first.to_code } : {}) };
  }
}

function rowOf(lines: number[], path: string | null): number {
  const i = Number(/\.(\d+)/.exec(path ?? '')?.[1] ?? 0);
  return lines[i] ?? lines[0];
}

function columnOf(path: string | null): string {
  if (!path) return 'change_ref';
  return /^(absorbed|units|unit|from)\b/.test(path) ? 'from_code' : 'to_code';
}
