import type { Request, Response } from 'express';
import { dayAfter, todayInVietnam } from '../../domain/dates.js';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import { KINDS } from '../../domain/kinds.js';
import type { Db } from '../../db/connection.js';
import { describeChanges, findDecisionsByNumbers } from '../../services/register.service.js';
import { basisByKind, type Comparison } from '../../services/compare.service.js';
import { targetPctByKind } from '../../services/target.service.js';
import { indicatorReports } from '../../services/indicator.service.js';
import { writeCsv, writeXlsx, type ReportHead, type Table } from '../../services/export.service.js';
import { writeDocx } from '../../services/docx-report.js';
import { changesBetween, resolveUnitRef } from '../../services/query.service.js';
import { reportBasis } from '../../services/report-basis.js';
import { layoutScope, reportLayout, saveReportLayout, type ReportLayout } from '../../services/report-layout.service.js';
import { runOverview, type CompareParams } from '../api/compare.api.js';
import { writerOf } from '../auth/access.js';
import { t, type Locale } from '../i18n.js';
import { errorsByField, parseInput } from '../validation.js';
import { pageQuery, reportHead, strict } from './compare.handlers.js';
import { defaultLayout, officialDocument } from './report-document.js';
import { backQuery, chosenSections, layoutSchema, roman, SECTIONS, type LayoutForm, type Section } from './report-sections.js';
import { tables } from './report.tables.js';
import { flash } from './locals.js';

/** Every table of the report officials send up, by section: per kind, per unit below the scope, the register, the documents. */
async function reportTables(db: Db, q: CompareParams, locale: Locale): Promise<{ c: Comparison; all: Record<Section, Table> }> {
  const c = await runOverview(db, q, false); // counts, per province and basis are all a report needs
  const t = tables(locale);
  const register = await describeChanges(db, await changesBetween(db, { from: dayAfter(q.from), to: q.to, rootId: c.root?.id }));
  const byKind = basisByKind(c);
  const inRegister = new Set(register.map((ch) => ch.decision.number));
  const cited = await findDecisionsByNumbers(db, [...new Set([...byKind.values()].flat())].filter((n) => !inRegister.has(n)));
  const basis = reportBasis(c, byKind, register, cited);
  const targets = c.root ? await targetPctByKind(db, c.root.id, q.from, q.to) : new Map();
  const summary = t.summary(q.kind ? c.counts.filter((r) => r.kind === q.kind) : c.counts, basis.main, targets);
  // The indicators of the scope (of its predecessors too, when it was followed through the lineage), as reported up to the report's end.
  const others = await indicatorReports(db, c.root ? [c.root.id, ...(c.scope?.heads ?? [])] : null, q.to);
  return { c, all: { summary, 'by-district': t.byChild(c.byChild), changes: t.register(register), decisions: t.decisions(basis.documents), 'other-results': t.otherResults(others) } };
}

function title(res: Response): string {
  return res.locals.L('Báo cáo kết quả sắp xếp tổ chức bộ máy', 'Report on the restructuring');
}

/** The chosen tables in print order; with the summary as the body, the others are numbered appendices. */
function chosen(all: Record<Section, Table>, sections: Section[], locale: Locale): Table[] {
  const appendix = locale === 'en' ? 'Appendix' : 'Phụ lục';
  const numbered = sections.includes('summary');
  let n = 0;
  return sections.map((s) => (numbered && s !== 'summary' ? { ...all[s], title: `${appendix} ${roman(++n)}. ${all[s].title}` } : all[s]));
}

/** The report's head with its document layout (saved for the scope, or the defaults). */
async function headOf(db: Db, c: Comparison, q: CompareParams, res: Response): Promise<{ head: ReportHead; layout: ReportLayout; saved: boolean }> {
  const locale: Locale = res.locals.locale;
  const { layout, saved } = await reportLayout(db, layoutScope(q.root), defaultLayout(c.root, locale, title(res)));
  return { head: { ...reportHead(c, title(res), locale), document: officialDocument(layout, locale, todayInVietnam()) }, layout, saved };
}

const layoutValues = (l: ReportLayout) => ({ ...l, signedOn: l.signedOn ?? '', recipients: l.recipients.join('\n') });

export function reportsHandlers(db: Db) {
  /** The page, or the print view; `form` carries a refused layout form back with its messages. */
  async function render(req: Request, res: Response, form?: { values: Record<string, unknown>; errors: Record<string, string> }) {
    const { q, errors } = pageQuery(req, res);
    const { sections, error } = chosenSections(req);
    const print = req.path.endsWith('/print');
    const view = { title: 'Báo cáo', q, errors, kindList: KINDS, print, sectionChoice: { all: SECTIONS, chosen: error ? [] : sections, error: error ? t(res.locals.locale, 'REPORT_SECTIONS_NONE') : null } };
    if (errors.length || error) return void res.status(422).render('pages/reports', { ...view, report: null });
    const { c, all } = await reportTables(db, q, res.locals.locale);
    const { head, layout, saved } = await headOf(db, c, q, res);
    const list = chosen(all, sections, res.locals.locale).map((tb) => ({ ...tb, rows: Array.isArray(tb.rows) ? tb.rows : [] }));
    res.status(form ? 422 : 200).render(print ? 'pages/reports-print' : 'pages/reports', {
      ...view, report: { head, tables: list, names: sections, signAfter: sections.includes('summary') ? 0 : list.length - 1 },
      layoutForm: { values: form?.values ?? layoutValues(layout), errors: form?.errors ?? {}, saved },
      params: { from: q.from, to: q.to, root: q.root, kind: q.kind, sections: sections.length === SECTIONS.length ? undefined : sections.join(',') },
    });
  }

  async function exportable(req: Request, res: Response) {
    const q = strict(req, res);
    const { c, all } = await reportTables(db, q, res.locals.locale);
    const { head } = await headOf(db, c, q, res);
    return { q, head, list: chosen(all, chosenSections(req).sections, res.locals.locale) };
  }

  return {
    /** GET /reports (and /reports/print: the chosen sections alone, laid out as the document to sign). */
    page: (req: Request, res: Response) => render(req, res),

    /** GET /reports/:table.csv */
    async csv(req: Request, res: Response) {
      const q = strict(req, res);
      const name = SECTIONS.find((s) => s === req.params.table);
      if (!name) return void res.status(404).render('error', { locale: res.locals.locale, status: 404, message: res.locals.L('Không có bảng này.', 'No such table.') });
      const { all } = await reportTables(db, q, res.locals.locale);
      res.attachment(`bao-cao-${name}-${q.root ?? 'ca-nuoc'}-${q.from}-${q.to}.csv`).type('text/csv; charset=utf-8');
      await writeCsv(res, all[name]);
    },

    /** GET /reports.xlsx: the chosen tables, one sheet each. */
    async xlsx(req: Request, res: Response) {
      const { q, head, list } = await exportable(req, res);
      res.attachment(`bao-cao-${q.root ?? 'ca-nuoc'}-${q.from}-${q.to}.xlsx`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeXlsx(res, head, list);
    },

    /** GET /reports.docx: the same report as a Word document, to finish and sign. */
    async docx(req: Request, res: Response) {
      const { q, head, list } = await exportable(req, res);
      res.attachment(`bao-cao-${q.root ?? 'ca-nuoc'}-${q.from}-${q.to}.docx`).type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      res.end(await writeDocx(head, list, res.locals.locale));
    },

    /** POST /reports/layout: remembers the scope's layout, then back to the report (Post/Redirect/Get). */
    async layout(req: Request, res: Response) {
      const body = { ...(req.body ?? {}) } as Record<string, unknown>;
      delete body._csrf;
      const back = backQuery.parse(req.body ?? {});
      // The page is rendered again from the form's hidden fields, as if it had been asked for by URL.
      Object.defineProperty(req, 'query', { value: { at: back.at, from: back.from, to: back.to, root: back.scope, kind: back.kind, sections: back.sections }, configurable: true });
      const parsed = parseInput(layoutSchema, body, res.locals.locale);
      if (!parsed.ok) return render(req, res, { values: body, errors: errorsByField(parsed.errors, 'office') });
      try {
        // The scope is named as the report names it: its unit on the report's dates, as the report resolves it.
        const dates = [back.to, back.from, todayInVietnam()].filter((d): d is string => !!d);
        const unitId = parsed.value.scope ? await resolveUnitRef(db, parsed.value.scope, dates) : null;
        await saveReportLayout(db, { key: layoutScope(parsed.value.scope), unitId, dates }, toLayout(parsed.value), writerOf(req, res));
      } catch (err) {
        if (err instanceof NotFoundError) return render(req, res, { values: body, errors: { office: res.locals.L('Không tìm thấy đơn vị của phạm vi.', 'The scope\'s unit was not found.') } });
        if (!(err instanceof DomainError)) throw err;
        return render(req, res, { values: body, errors: { office: t(res.locals.locale, err.code, err.params) } });
      }
      flash(req, 'ok', res.locals.L('Đã lưu thể thức báo cáo.', 'Report layout saved.'));
      const qs = new URLSearchParams(Object.entries({ at: back.at, from: back.from, to: back.to, root: back.scope, kind: back.kind }).filter((e): e is [string, string] => !!e[1]));
      if (back.sections.length && back.sections.length < SECTIONS.length) for (const s of back.sections) qs.append('sections', s);
      res.redirect(303, `/reports?${qs}#layout`);
    },
  };
}

function toLayout(f: LayoutForm): ReportLayout {
  return {
    parentOffice: f.parentOffice, office: f.office, number: f.number, place: f.place, signedOn: f.signedOn ?? null, docType: f.docType, subject: f.subject,
    recipients: f.recipients.split(/\r?\n/).map((l) => l.trim().replace(/^[-–•]\s*/, '').replace(/[;.]$/, '')).filter(Boolean),
    signerAuthority: f.signerAuthority, signerTitle: f.signerTitle, signerName: f.signerName,
  };
}
