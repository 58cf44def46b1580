import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatDateVi, type IsoDate } from '../domain/dates.js';

export type Cell = string | number | null;

export interface Column {
  header: string;
  key: string;
  /** Characters, as Excel measures column width. */
  width: number;
  /** `num`: a figure as reported, whole or decimal (the indicators of the report's other results). */
  type?: 'text' | 'int' | 'pct' | 'num' | 'date';
}

/** One table of a report: a sheet in XLSX, a file in CSV. Rows are iterated once, so they may be generated lazily. */
export interface Table {
  sheet: string;
  title: string;
  columns: Column[];
  /** The rows, or for a national export a stream of them (written as they come). */
  rows: Iterable<Record<string, Cell>> | AsyncIterable<Record<string, Cell>>;
}

/** The title block of a Vietnamese administrative report: issuing body, title, period; a report to be signed also carries its document layout. */
export interface ReportHead {
  issuer: string;
  title: string;
  period: string;
  document?: OfficialDocument;
}

/** The parts of an administrative document (Nghị định 30/2020/NĐ-CP), as text ready to print. */
export interface OfficialDocument {
  nation: string;
  motto: string;
  parentOffice: string;
  office: string;
  /** "Số: 12/BC-UBND". */
  number: string;
  /** "Lào Cai, ngày 03 tháng 12 năm 2026". */
  placeDate: string;
  docType: string;
  subject: string;
  recipientsLabel: string;
  recipients: string[];
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A spreadsheet opens a CSV cell starting with = + - @ as a formula; a leading ' keeps it text (XLSX cells need none). */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** How a CSV writes a decimal: '6,2' as the Vietnamese screens do, or '6.2'. */
export type DecimalMark = ',' | '.';

function csvCell(v: Cell, type: Column['type'], decimal: DecimalMark = '.'): string {
  if (v === null) return '';
  // A decimal comma is quoted, since the comma also separates the fields; whole numbers never change.
  if (typeof v === 'number') return decimal === ',' && !Number.isInteger(v) ? `"${String(v).replace('.', ',')}"` : String(v);
  const text = neutralise(type === 'date' ? formatDateVi(v) : v);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * UTF-8 with a BOM (so Excel shows diacritics), CRLF, one row written at a time. Decimals follow the
 * language of the page that asked (views/help/compare.md, Exports): when `decimal` is not given and `out` is the
 * HTTP response of a Vietnamese page (its `locals.locale`), the decimal comma, so no caller has to pass it.
 */
export async function writeCsv(out: Writable, table: Table, decimal: DecimalMark = decimalMarkOf(out)): Promise<void> {
  const line = (cells: string[]) => write(out, `${cells.join(',')}\r\n`);
  await write(out, '\uFEFF');
  await line(table.columns.map((c) => csvCell(c.header, 'text')));
  for await (const row of table.rows) await line(table.columns.map((c) => csvCell(row[c.key] ?? null, c.type, decimal)));
  out.end();
}

function decimalMarkOf(out: Writable): DecimalMark {
  return (out as Writable & { locals?: { locale?: string } }).locals?.locale === 'vi' ? ',' : '.';
}

function write(out: Writable, chunk: string): Promise<void> {
  return out.write(chunk) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
}

const FORMATS: Record<NonNullable<Column['type']>, string | undefined> = { text: undefined, int: '#,##0', pct: '0.0', num: 'General', date: 'dd/mm/yyyy' };

function xlsxValue(v: Cell, type: Column['type']): ExcelJS.CellValue {
  if (v === null) return null;
  if (type === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
  // A string is written as a text cell, never a formula, so it keeps its first character: the CSV's apostrophe would show.
  return v;
}

const FONT = 'Times New Roman';
/** Nghị định 30's margins in inches: top and bottom 20 mm, left 30 mm, right 15 mm. */
const MARGINS = { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 };
/** Columns (in Excel's character widths) that still print at ¾ size or more on A4 portrait; wider tables turn landscape. */
const PORTRAIT_MAX = 120;

/**
 * Streams a workbook, one sheet per table: the title block (for a report to sign, the layout of
 * Nghị định 30/2020/NĐ-CP: office, number, national name, place and date, type and subject), a
 * bold frozen header repeated on every printed page, wrapped body text, real numbers and dates,
 * and a print area on A4 — portrait or landscape by the table's width, fitted to one page wide and
 * as many pages tall as it takes. The first sheet ends with the recipients and the signature.
 * Each row is committed as soon as it is written.
 */
export async function writeXlsx(out: Writable, head: ReportHead, tables: Table[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = head.document?.office ?? head.issuer;
  for (const [index, table] of tables.entries()) {
    const headerRow = head.document ? 8 : 6;
    const width = table.columns.reduce((sum, c) => sum + c.width, 0);
    const ws = wb.addWorksheet(sheetName(table.sheet), {
      views: [{ state: 'frozen', ySplit: headerRow }],
      pageSetup: { orientation: width <= PORTRAIT_MAX ? 'portrait' : 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}`, margins: MARGINS, horizontalCentered: true },
    });
    // A streamed table (the whole country's correspondence, 100,000 rows and more) keeps Excel's plain cells: a
    // font, wrapping, borders and row heights on every cell take twice the time there. A report's tables get them all.
    const boxed = Array.isArray(table.rows);
    const numFmt = (c: Column) => (FORMATS[c.type ?? 'text'] ? { numFmt: FORMATS[c.type ?? 'text'] } : {});
    ws.columns = table.columns.map((c) => ({ key: c.key, width: c.width, style: boxed ? { font: { name: FONT, size: 12 }, alignment: { wrapText: true, vertical: 'top' }, ...numFmt(c) } : numFmt(c) }));
    if (head.document) documentBlock(ws, head, table);
    else titleBlock(ws, head, table);
    const header = ws.getRow(headerRow);
    table.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { name: FONT, size: 12, bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      cell.border = BOX;
    });
    header.height = 16 * Math.max(1, ...table.columns.map((c) => Math.ceil(c.header.length / Math.max(4, c.width - 2)))) + 4;
    header.commit();
    let last = headerRow;
    for await (const r of table.rows) {
      const row = ws.addRow(table.columns.map((c) => xlsxValue(r[c.key] ?? null, c.type)));
      if (boxed) {
        row.height = rowHeight(table.columns, r);
        row.eachCell({ includeEmpty: true }, (cell) => (cell.border = BOX));
      }
      row.commit();
      last = row.number;
    }
    if (head.document && index === 0) last = signatureBlock(ws, head.document, table, last + 2);
    ws.pageSetup.printArea = `A1:${columnLetter(table.columns.length)}${last}`;
    ws.commit();
  }
  await wb.commit();
}

const THIN = { style: 'thin' } as const;
const BOX: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** Wrapped rows are given their height: Excel does not grow a streamed row to fit its text. */
function rowHeight(columns: Column[], r: Record<string, Cell>): number {
  const lines = Math.max(1, ...columns.map((c) => {
    const v = r[c.key];
    // Times New Roman 12 fits about 1.2 characters per unit of Excel's width (measured on Calibri's digits); 1.1 leaves a margin.
    return typeof v === 'string' ? Math.ceil(v.length / Math.max(4, (c.width - 1) * 1.1)) : 1;
  }));
  return 16 * lines + 2;
}

function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

type Put = (row: number, from: number, to: number, text: string, font?: Partial<ExcelJS.Font>, align?: 'center' | 'left') => void;

function putter(ws: ExcelJS.Worksheet): Put {
  return (row, from, to, text, font = {}, align = 'center') => {
    if (to > from) ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = text;
    cell.font = { name: FONT, size: 12, ...font };
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
  };
}

function halves(table: Table): { last: number; half: number } {
  const last = Math.max(table.columns.length, 4);
  return { last, half: Math.max(1, Math.floor(last / 2)) };
}

/** The title block of Nghị định 30/2020/NĐ-CP: office under its parent beside the national name; type and subject. */
function documentBlock(ws: ExcelJS.Worksheet, head: ReportHead, table: Table): void {
  const d = head.document!;
  const put = putter(ws);
  const { last, half } = halves(table);
  // The office (or its parent, when it has one) sits level with the national name, the number level with the place and date.
  if (d.parentOffice) put(1, 1, half, d.parentOffice);
  put(d.parentOffice ? 2 : 1, 1, half, d.office, { bold: true });
  put(1, half + 1, last, d.nation, { bold: true });
  put(2, half + 1, last, d.motto, { bold: true, size: 13, underline: true });
  put(3, 1, half, d.number);
  put(3, half + 1, last, d.placeDate, { italic: true, size: 13 });
  put(4, 1, last, d.docType, { bold: true, size: 14 });
  put(5, 1, last, d.subject, { bold: true, size: 13 });
  put(6, 1, last, `${table.title} · ${head.period}`, { italic: true });
  ws.getRow(6).height = 32;
  for (const r of [1, 2, 3, 4, 5, 6, 7]) ws.getRow(r).commit();
}

/** Nơi nhận on the left, the signer's authority, title and name on the right; returns the last row. */
function signatureBlock(ws: ExcelJS.Worksheet, d: OfficialDocument, table: Table, first: number): number {
  const put = putter(ws);
  const { last, half } = halves(table);
  const left = [{ text: d.recipientsLabel, font: { bold: true, italic: true } }, ...d.recipients.map((text) => ({ text, font: { size: 11 } }))];
  const right = [...(d.signerAuthority ? [d.signerAuthority] : []), d.signerTitle, '', '', '', d.signerName];
  const rows = Math.max(left.length, right.length);
  for (let i = 0; i < rows; i++) {
    if (left[i]) put(first + i, 1, half, left[i].text, left[i].font, 'left');
    if (right[i] !== undefined) put(first + i, half + 1, last, right[i], { bold: true, size: 13 });
    ws.getRow(first + i).commit();
  }
  return first + rows - 1;
}

function titleBlock(ws: ExcelJS.Worksheet, head: ReportHead, table: Table): void {
  const put = putter(ws);
  const { last, half } = halves(table);
  put(1, 1, half, head.issuer, { bold: true });
  put(1, half + 1, last, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  put(2, half + 1, last, 'Độc lập - Tự do - Hạnh phúc', { bold: true });
  put(3, 1, last, head.title.toUpperCase(), { bold: true, size: 13 });
  put(4, 1, last, `${table.title} · ${head.period}`);
  for (const r of [1, 2, 3, 4, 5]) ws.getRow(r).commit();
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

export function periodText(from: IsoDate, to: IsoDate, locale: 'vi' | 'en'): string {
  return locale === 'en' ? `From ${formatDateVi(from)} to ${formatDateVi(to)}` : `Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}`;
}
