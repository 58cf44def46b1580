import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatDateVi, type IsoDate } from '../domain/dates.js';

export type Cell = string | number | null;

export interface Column {
  header: string;
  key: string;
  /** Characters, as Excel measures column width. */
  width: number;
  type?: 'text' | 'int' | 'pct' | 'date';
}

/** One table of a report: a sheet in XLSX, a file in CSV. Rows are iterated once, so they may be generated lazily. */
export interface Table {
  sheet: string;
  title: string;
  columns: Column[];
  /** The rows, or for a national export a stream of them (written as they come). */
  rows: Iterable<Record<string, Cell>> | AsyncIterable<Record<string, Cell>>;
}

/** The title block of a Vietnamese administrative report: issuing body, title, period. */
export interface ReportHead {
  issuer: string;
  title: string;
  period: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A spreadsheet opens a CSV cell starting with = + - @ as a formula; a leading ' keeps it text (XLSX cells need none). */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvCell(v: Cell, type: Column['type']): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = neutralise(type === 'date' ? formatDateVi(v) : v);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (so Excel shows diacritics), CRLF, one row written at a time. */
export async function writeCsv(out: Writable, table: Table): Promise<void> {
  const line = (cells: string[]) => write(out, `${cells.join(',')}\r\n`);
  await write(out, '\uFEFF');
  await line(table.columns.map((c) => csvCell(c.header, 'text')));
  for await (const row of table.rows) await line(table.columns.map((c) => csvCell(row[c.key] ?? null, c.type)));
  out.end();
}

function write(out: Writable, chunk: string): Promise<void> {
  return out.write(chunk) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
}

const FORMATS: Record<NonNullable<Column['type']>, string | undefined> = { text: undefined, int: '#,##0', pct: '0.0', date: 'dd/mm/yyyy' };

function xlsxValue(v: Cell, type: Column['type']): ExcelJS.CellValue {
  if (v === null) return null;
  if (type === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
  // A string is written as a text cell, never a formula, so it keeps its first character: the CSV's apostrophe would show.
  return v;
}

/**
 * Streams a workbook, one sheet per table: the title block (issuing body on the left, the
 * national motto on the right, then the title and the period), a bold frozen header, widths and
 * number formats; dates are real dates. Each row is committed as soon as it is written.
 */
export async function writeXlsx(out: Writable, head: ReportHead, tables: Table[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = head.issuer;
  for (const table of tables) {
    const ws = wb.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 6 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '6:6' } });
    ws.columns = table.columns.map((c) => ({ key: c.key, width: c.width, style: FORMATS[c.type ?? 'text'] ? { numFmt: FORMATS[c.type ?? 'text'] } : {} }));
    titleBlock(ws, head, table);
    const header = ws.getRow(6);
    table.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.border = { bottom: { style: 'thin' } };
    });
    header.commit();
    for await (const r of table.rows) ws.addRow(table.columns.map((c) => xlsxValue(r[c.key] ?? null, c.type))).commit();
    ws.commit();
  }
  await wb.commit();
}

function titleBlock(ws: ExcelJS.Worksheet, head: ReportHead, table: Table): void {
  const last = Math.max(table.columns.length, 4);
  const half = Math.max(1, Math.floor(last / 2));
  const put = (row: number, from: number, to: number, text: string, bold: boolean, size = 11) => {
    if (to > from) ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = text;
    cell.font = { bold, size };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  put(1, 1, half, head.issuer, true);
  put(1, half + 1, last, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', true);
  put(2, half + 1, last, 'Độc lập - Tự do - Hạnh phúc', true);
  put(3, 1, last, head.title.toUpperCase(), true, 13);
  put(4, 1, last, `${table.title} · ${head.period}`, false);
  for (const r of [1, 2, 3, 4, 5]) ws.getRow(r).commit();
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

export function periodText(from: IsoDate, to: IsoDate, locale: 'vi' | 'en'): string {
  return locale === 'en' ? `From ${formatDateVi(from)} to ${formatDateVi(to)}` : `Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}`;
}
