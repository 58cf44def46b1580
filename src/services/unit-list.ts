import type { IsoDate } from '../domain/dates.js';
import type { Kind } from '../domain/kinds.js';
import { typeFromWord } from '../domain/vocabulary.js';
import type { Executor } from '../db/connection.js';
import { findUnitsByCode, findVersionOn } from '../db/unit.repository.js';
import type { NewUnitRequest } from './change-request.js';
import type { RowError } from './import.service.js';

/** The statistics office's national list: one row per commune, with its district and province. */
export const NATIONAL_COLUMNS = ['province_code', 'province_name', 'province_type', 'district_code', 'district_name', 'district_type', 'code', 'name', 'type'];
/** The older list of one province, whose code and name come from the command line. */
export const PROVINCE_LIST_COLUMNS = ['code', 'name', 'type', 'district_code', 'district_name', 'district_type'];
/** District-level units without communes (island districts). */
export const DISTRICT_COLUMNS = NATIONAL_COLUMNS.slice(0, 6);

/** A CSV's rows with their lines; `file` prefixes its columns in errors ('' for the main file). */
export interface Table {
  header: string[];
  rows: Record<string, string>[];
  lines: number[];
  file: string;
}

/** A unit the list names, where it is first listed, and the columns that hold its code and parent's code. */
export interface Listed {
  line: number;
  file: string;
  code: string;
  name: string;
  word: string;
  kind: Kind;
  subtype: string;
  parentCode: string | null;
  codeColumn: string;
  parentColumn: string;
}

export interface UnitList {
  provinces: Map<string, Listed>;
  districts: Map<string, Listed>;
  communes: Map<string, Listed>;
  /** Rows of provinces other than the one asked for. */
  skipped: number;
}

interface Level {
  kind: Kind;
  columns: [code: string, name: string, type: string];
  parentColumn: string;
  type: (word: string) => { kind: Kind; subtype: string } | undefined;
}

const ofKind = (kind: Kind) => (word: string) => (typeFromWord(word)?.kind === kind ? typeFromWord(word) : undefined);
// A province-level "Thành phố" is a centrally-run city, never the district-level city of the same word.
const provinceType = (word: string) => ofKind('province')(word) ?? (word.trim() ? ofKind('province')(`${word} trung ương`) : undefined);

const PROVINCE: Level = { kind: 'province', columns: ['province_code', 'province_name', 'province_type'], parentColumn: 'province_code', type: provinceType };
const DISTRICT: Level = { kind: 'district', columns: ['district_code', 'district_name', 'district_type'], parentColumn: 'province_code', type: ofKind('district') };
const COMMUNE: Level = { kind: 'commune', columns: ['code', 'name', 'type'], parentColumn: 'district_code', type: ofKind('commune') };

interface Row {
  line: number;
  cells: Record<string, string>;
}
type Problem = { row: number; column: string; message: string };

/**
 * The units a list names, each checked against its own row and against the rows before it: every
 * bad cell goes to `errors`, sorted by line and then by the file's column order. With `filter`,
 * rows of other provinces are counted and left alone.
 */
export function readUnitList(tables: Table[], filter: string | undefined, errors: RowError[]): UnitList {
  const list: UnitList = { provinces: new Map(), districts: new Map(), communes: new Map(), skipped: 0 };
  const kept = tables.map((t) => t.rows.map((cells, i) => ({ line: t.lines[i], cells })).filter((r) => !filter || !r.cells.province_code || r.cells.province_code === filter));
  list.skipped = tables.reduce((n, t, i) => n + t.rows.length - kept[i].length, 0);
  const provinceCodes = new Set(kept.flat().map((r) => r.cells.province_code).filter(Boolean));
  const districtCodes = new Set(kept.flat().map((r) => r.cells.district_code).filter(Boolean));
  tables.forEach((t, i) => {
    const problems: Problem[] = [];
    for (const r of kept[i]) readRow(r, t.file, list, problems, { provinces: provinceCodes, districts: districtCodes });
    const order = (c: string) => t.header.indexOf(c);
    problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
    errors.push(...problems.map((p) => ({ ...p, column: t.file + p.column })));
  });
  return list;
}

function readRow(r: Row, file: string, list: UnitList, problems: Problem[], codes: { provinces: Set<string>; districts: Set<string> }): void {
  const at = (column: string, message: string) => problems.push({ row: r.line, column, message });
  const province = readUnit(r, file, PROVINCE, null, list.provinces, at);
  const district = readUnit(r, file, DISTRICT, province?.code ?? (r.cells.province_code || null), list.districts, at);
  if (district && codes.provinces.has(district.code)) at('district_code', `${district.code} is also a province code`);
  if (!(r.cells.code || r.cells.name || r.cells.type)) return; // a district without communes
  const commune = readUnit(r, file, COMMUNE, r.cells.district_code, list.communes, at, true);
  if (commune && codes.provinces.has(commune.code)) at('code', `${commune.code} is also a province code`);
  else if (commune && codes.districts.has(commune.code)) at('code', `${commune.code} is also a district code`);
}

/**
 * One level of a row: its code, name and type, and the same facts as where the code was first
 * listed (a district under one province only). A commune's code is `unique`: listed once.
 */
function readUnit(
  r: Row, file: string, level: Level, parentCode: string | null, seen: Map<string, Listed>, at: (column: string, message: string) => void, unique = false,
): Listed | undefined {
  const [codeColumn, nameColumn, typeColumn] = level.columns;
  const [code, name, word] = level.columns.map((c) => r.cells[c] ?? '');
  const type = level.type(word);
  if (!code) at(codeColumn, 'empty');
  else if (unique && seen.has(code)) at(codeColumn, `duplicate code ${code}`);
  if (!name) at(nameColumn, 'empty');
  if (!word) at(typeColumn, 'empty');
  else if (!type) at(typeColumn, `unknown ${level.kind} type "${word}"`);
  if (!code || !name || !type) return undefined;
  const first = seen.get(code);
  if (first && unique) return undefined;
  if (!first) {
    const full = level.kind === 'commune' ? name : withType(name, word);
    const listed = { line: r.line, file, code, name: full, word, ...type, parentCode, codeColumn, parentColumn: level.parentColumn };
    return seen.set(code, listed), listed;
  }
  const where = `on row ${first.line}${first.file ? ` of the ${first.file.replace(/: $/, '')} file` : ''}`;
  if (parentCode && first.parentCode !== parentCode) at(codeColumn, `${level.kind} ${code} is listed under province ${first.parentCode} ${where}`);
  if (first.name !== withType(name, word)) at(nameColumn, `${level.kind} ${code} is "${first.name}" ${where}`);
  else if (first.word !== word) at(typeColumn, `${level.kind} ${code} is a "${first.word}" ${where}`);
  return first;
}

/** "Thành phố Lào Cai" stays; a bare "Bát Xát" with type "Huyện" becomes "Huyện Bát Xát". */
function withType(name: string, type: string): string {
  return name.toLowerCase().startsWith(type.toLowerCase()) ? name : `${type} ${name}`;
}

/** The establish request of a listed unit. */
export function requestOf(u: Listed): NewUnitRequest {
  return { name: u.name, code: u.code, kind: u.kind, subtype: u.subtype, parent: u.parentCode === null ? null : { code: u.parentCode } };
}

/**
 * The provinces and districts already on `at` (to reuse) after checking the list against the
 * database: a reused code must name a unit of the same level (a district under the same
 * province), and no commune code may name a unit yet. Problems go to `errors`.
 */
export async function findExisting(db: Executor, list: UnitList, at: IsoDate, errors: RowError[]): Promise<Set<string>> {
  const existing = new Set<string>();
  const problems: (RowError & { file: string })[] = [];
  const problem = (u: Listed, message: string) => problems.push({ file: u.file, row: u.line, column: u.file + u.codeColumn, message });
  for (const u of [...list.provinces.values(), ...list.districts.values(), ...list.communes.values()]) {
    const [v] = await findUnitsByCode(db, u.code, at);
    if (!v) continue;
    existing.add(u.code);
    if (u.kind === 'commune') problem(u, `code ${u.code} already names a unit on ${at}`);
    else if (v.kind !== u.kind) problem(u, `code ${u.code} names a ${v.kind} on ${at}, not a ${u.kind}`);
    else if (u.kind === 'district') {
      const parent = v.parentId === null ? undefined : await findVersionOn(db, v.parentId, at);
      if (parent?.code !== u.parentCode) problem(u, `district ${u.code} is under ${parent?.code ? `province ${parent.code}` : 'no province'} on ${at}`);
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row);
  errors.push(...problems.map(({ file: _, ...e }) => e));
  return existing;
}
