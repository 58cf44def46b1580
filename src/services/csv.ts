import { parse, type CsvError } from 'csv-parse/sync';

/** Why a CSV was refused, by line (the header is line 1); `code` names the message in the web catalogue. */
export interface CsvProblem {
  line: number;
  code: 'CSV_ENCODING' | 'CSV_QUOTE_NOT_CLOSED' | 'CSV_COLUMNS' | 'CSV_INVALID';
  params: Record<string, number>;
  message: string;
}

/** A CSV that cannot be read as a whole: every bad line at once, and nothing of it may be written. */
export class CsvParseError extends Error {
  constructor(readonly problems: CsvProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'CsvParseError';
  }
}

export interface ParsedCsv {
  header: string[];
  /** Cells by header name, trimmed; rows of empty cells are left out. */
  rows: Record<string, string>[];
  /** The line each row starts on, beside `rows`. */
  lines: number[];
}

/**
 * RFC 4180 CSV by csv-parse: quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM.
 * Bytes must be UTF-8; every row must have the header's columns. Throws CsvParseError.
 */
export function parseCsv(input: string | Uint8Array): ParsedCsv {
  // CRLF becomes LF first: csv-parse counts a CRLF inside quotes as two lines.
  const text = (typeof input === 'string' ? input : decodeUtf8(input)).replace(/\r\n?/g, '\n');
  const events = readRecords(text);
  const starts = startLines(text, events.map((e) => e.end));
  const problems = events.flatMap((e, i) => (e.error && !isBlank(e.error) ? [problemOf(e.error, starts[i], e.width)] : []));
  const records = events.flatMap((e, i) => (e.record ? [{ cells: e.record.map((c) => c.trim()), line: starts[i] }] : []));
  const [head, ...body] = records;
  const header = head?.cells ?? [];
  if (problems.length) throw new CsvParseError(problems.sort((a, b) => a.line - b.line));
  const kept = body.filter((r) => r.cells.some((c) => c !== ''));
  return { header, rows: kept.map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i]]))), lines: kept.map((r) => r.line) };
}

type Event = { end: number; record?: string[]; error?: CsvError; width?: number };

/** Records and refusals in file order, each with the line it ends on. */
function readRecords(text: string): Event[] {
  const events: Event[] = [];
  let width: number | undefined;
  parse(text, {
    bom: true, skip_empty_lines: true, skip_records_with_error: true,
    on_record: (record: string[], info) => {
      width ??= record.length;
      events.push({ end: info.lines, record });
      return record;
    },
    on_skip: (err) => void events.push({ end: Number(err?.lines ?? 0), error: err ?? undefined, width }),
  });
  return events;
}

/** A record starts on the first non-blank line after the previous one ended (csv-parse tells only where it ended). */
function startLines(text: string, ends: number[]): number[] {
  const blank = text.split('\n').map((l) => l.trim() === '');
  let previous = 0;
  return ends.map((end) => {
    let line = previous + 1;
    while (line < end && blank[line - 1]) line++;
    previous = Math.max(previous, end);
    return line;
  });
}

/** A line of spaces only is a record of one field to csv-parse; like an empty line, it is no row. */
const isBlank = (err: CsvError) => ((err as CsvError & { record?: unknown[] }).record ?? [null]).every((c) => typeof c === 'string' && c.trim() === '');

function problemOf(err: CsvError, line: number, width: number | undefined): CsvProblem {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return { line, code: 'CSV_QUOTE_NOT_CLOSED', params: { line }, message: `line ${line}: a quote opened here is never closed` };
  if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') return columns(line, width ?? 0, (err as CsvError & { record?: unknown[] }).record?.length ?? 0);
  return { line, code: 'CSV_INVALID', params: { line }, message: `line ${line}: not valid CSV (${err.message})` };
}

function columns(line: number, expected: number, found: number): CsvProblem {
  return { line, code: 'CSV_COLUMNS', params: { line, expected, found }, message: `line ${line}: ${found} columns, the header has ${expected}` };
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text, or a CsvParseError naming every line that is not (a file saved as Windows-1258, say). */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    const lines: Uint8Array[] = [];
    for (let start = 0, i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) lines.push(bytes.subarray(start, i)), (start = i + 1);
    }
    throw new CsvParseError(lines.flatMap((l, i) => (isUtf8(l) ? [] : [{ line: i + 1, code: 'CSV_ENCODING' as const, params: { line: i + 1 }, message: `line ${i + 1}: not valid UTF-8` }])));
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
