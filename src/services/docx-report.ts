import {
  AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, PageOrientation, Paragraph,
  Table as DocxTable, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType, type ISectionOptions,
} from 'docx';
import { formatDateVi } from '../domain/dates.js';
import type { Cell, Column, OfficialDocument, ReportHead, Table } from './export.service.js';

/**
 * The report as a Word document laid out as Nghị định 30/2020/NĐ-CP asks: Times New Roman, body
 * 13 pt, margins top and bottom 20 mm, left 30 mm, right 15 mm; page numbers centred at the top
 * from the second page. The body (the first table, normally the summary) sits between the title
 * block and the signature on portrait pages; each other table is an appendix on landscape pages.
 */
const FONT = 'Times New Roman';
/** Millimetres to twips, rounded (docx's own converter truncates 20 mm to 1133). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
const WIDTH = { portrait: mm(210 - 45), landscape: mm(297 - 45) };
const pt = (n: number) => n * 2;

type RunStyle = { bold?: boolean; italics?: boolean; size?: number; underline?: boolean };
const run = (text: string, s: RunStyle = {}) => new TextRun({ text, font: FONT, bold: s.bold, italics: s.italics, size: pt(s.size ?? 13), underline: s.underline ? {} : undefined });
const para = (text: string, s: RunStyle & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; before?: number } = {}) =>
  new Paragraph({ alignment: s.align ?? AlignmentType.CENTER, spacing: { after: s.after ?? 0, before: s.before ?? 0 }, children: text ? [run(text, s)] : [] });

function numberText(locale: 'vi' | 'en') {
  const f = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 });
  return (v: Cell, type: Column['type']): string => {
    if (v === null || v === undefined) return '';
    // As the screens print it: 1.234,5 in Vietnamese, and a true minus sign (−12).
    if (typeof v === 'number') return v < 0 ? `\u2212${f.format(-v)}` : f.format(v);
    return type === 'date' ? formatDateVi(v) : v;
  };
}

/** A borderless two-column block: the issuing office beside the national name, or the recipients beside the signer. */
function sideBySide(left: Paragraph[], right: Paragraph[], width: number, leftShare: number): DocxTable {
  const w = [Math.round(width * leftShare), width - Math.round(width * leftShare)];
  const cell = (children: Paragraph[], size: number) => new TableCell({ children, width: { size, type: WidthType.DXA }, borders: TableBorders.NONE });
  return new DocxTable({
    width: { size: width, type: WidthType.DXA }, columnWidths: w, layout: TableLayoutType.FIXED, borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, w[0]), cell(right, w[1])] })],
  });
}

function titleBlock(d: OfficialDocument, period: string, width: number): (Paragraph | DocxTable)[] {
  const left = [
    ...(d.parentOffice ? [para(d.parentOffice, { size: 13 })] : []),
    para(d.office, { bold: true, size: 13, after: 120 }),
    para(d.number, { size: 13 }),
  ];
  const right = [para(d.nation, { bold: true, size: 12 }), para(d.motto, { bold: true, size: 14, underline: true, after: 120 }), para(d.placeDate, { italics: true, size: 14 })];
  return [
    sideBySide(left, right, width, 0.38),
    para(d.docType, { bold: true, size: 14, before: 360 }),
    para(d.subject, { bold: true, size: 14 }),
    para(period, { italics: true, size: 13, before: 120, after: 240 }),
  ];
}

function signature(d: OfficialDocument, width: number): DocxTable {
  const left = [
    new Paragraph({ children: [run(d.recipientsLabel, { bold: true, italics: true, size: 12 })] }),
    ...d.recipients.map((r) => new Paragraph({ children: [run(r, { size: 11 })] })),
  ];
  const right = [
    ...(d.signerAuthority ? [para(d.signerAuthority, { bold: true, size: 14 })] : []),
    para(d.signerTitle, { bold: true, size: 14, after: 1440 }),
    para(d.signerName, { bold: true, size: 14 }),
  ];
  return sideBySide(left, right, width, 0.45);
}

/** A table Word and LibreOffice open alike: fixed layout, widths in twips on the grid and every cell, the header row repeated on each page. */
function dataTable(t: Table, width: number, text: ReturnType<typeof numberText>, size = 12): DocxTable {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * width));
  const numeric = (c: Column) => c.type === 'int' || c.type === 'pct' || c.type === 'num';
  const cell = (value: string, i: number, header: boolean) => new TableCell({
    width: { size: widths[i], type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 57, right: 57, top: 0, bottom: 0 },
    children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : numeric(t.columns[i]) ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(value, { bold: header, size })] })],
  });
  const rows = (Array.isArray(t.rows) ? t.rows : []) as Record<string, Cell>[];
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new DocxTable({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: t.columns.map((c, i) => cell(text(r[c.key] ?? null, c.type), i, false)) })),
    ],
  });
}

const pageNumbers = () => ({
  default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] }),
  first: new Header({ children: [] }),
});

/** The DOCX bytes of the report: `tables` in order, the first as the body. */
export async function writeDocx(head: ReportHead, tables: Table[], locale: 'vi' | 'en'): Promise<Buffer> {
  const d = head.document;
  if (!d) throw new Error('a DOCX report needs its document layout');
  const text = numberText(locale);
  const [body, ...appendices] = tables;
  const heading = (t: Table) => para(t.title, { bold: true, size: 13, before: 120, after: 120 });
  const portrait: ISectionOptions = {
    properties: { titlePage: true, page: { margin: MARGIN } },
    headers: pageNumbers(),
    children: [...titleBlock(d, head.period, WIDTH.portrait), ...(body ? [heading(body), dataTable(body, WIDTH.portrait, text, 11)] : []), para('', { after: 240 }), signature(d, WIDTH.portrait)],
  };
  const landscape = appendices.map((t): ISectionOptions => ({
    properties: { page: { margin: MARGIN, size: { orientation: PageOrientation.LANDSCAPE } } },
    headers: { default: pageNumbers().default },
    children: [heading(t), para(head.period, { italics: true, size: 12, after: 120 }), dataTable(t, WIDTH.landscape, text)],
  }));
  const doc = new Document({
    creator: d.office, title: `${d.docType} ${d.subject}`,
    styles: { default: { document: { run: { font: FONT, size: pt(13) } } } },
    sections: [portrait, ...landscape],
  });
  return Packer.toBuffer(doc);
}
