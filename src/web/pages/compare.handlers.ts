import type { Request, Response } from 'express';
import { z } from 'zod';
import { KINDS } from '../../domain/kinds.js';
import type { Db } from '../../db/connection.js';
import type { Comparison } from '../../services/compare.service.js';
import { countryCorrespondence, provinceCorrespondence } from '../../services/country-compare.service.js';
import { correspondence, type CorrespondenceRow } from '../../services/correspondence.js';
import { provincesOn, resolveUnitRef, unitsByCode } from '../../services/query.service.js';
import type { Version } from '../../domain/tree.js';
import { periodText, writeCsv, writeXlsx, type ReportHead } from '../../services/export.service.js';
import { InputError } from '../errors.js';
import { compareQuery, runCompare, runOverview, type CompareParams } from '../api/compare.api.js';
import { parseInput, type FieldError } from '../validation.js';
import { comparePages, legend } from './compare.view.js';
import { tables } from './report.tables.js';

const BASELINE = '2015-12-31';
const LINEAGE_PAGE = 300;
const page = z.coerce.number().int().min(1).catch(1);

/** The query of a compare page: what the URL says, else the province in view, 31/12/2015 and the date in view. */
export function pageQuery(req: Request, res: Response): { q: CompareParams; errors: FieldError[] } {
  const raw: Record<string, unknown> = { from: BASELINE, to: res.locals.at, root: res.locals.province?.code ?? undefined, ...req.query };
  for (const k of ['root', 'kind', 'only', 'part'] as const) if (raw[k] === '') delete raw[k];
  const r = parseInput(compareQuery, raw, res.locals.locale);
  if (r.ok) return { q: r.value, errors: [] };
  // The form comes back with what was typed, beside the message, not reset to the defaults.
  const typed = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  return { q: { from: typed('from') ?? BASELINE, to: typed('to') ?? res.locals.at, root: typed('root'), kind: typed('kind') as CompareParams['kind'], only: undefined, part: undefined }, errors: r.errors };
}

/** "UBND TỈNH LÀO CAI" for a province's report, the ministry for the whole country. */
export function reportHead(c: Pick<Comparison, 'root' | 'from' | 'to' | 'scope'>, title: string, locale: 'vi' | 'en'): ReportHead {
  const issuer = c.root ? `UBND ${c.root.name.toLocaleUpperCase('vi')}` : 'BỘ NỘI VỤ';
  // Scopes follow lineage: the period says who the earlier figures count, and which records begin later.
  const notes = [
    ...(c.scope?.followed && c.scope.held.length ? [`${locale === 'en' ? 'earlier figures: ' : 'số liệu đầu kỳ: '}${c.scope.held.map((h) => h.name).join(' + ')}`] : []),
    ...(c.scope?.unrecorded ?? []).map((u) => `${u.name}: ${locale === 'en' ? 'recorded from' : 'ghi nhận từ'} ${u.from.split('-').reverse().join('/')}`),
  ];
  return { issuer, title, period: periodText(c.from, c.to, locale) + (notes.length ? ` (${notes.join('; ')})` : '') };
}

function fileName(base: string, q: CompareParams, ext: string): string {
  return `${base}-${q.root ?? 'ca-nuoc'}-${q.from}-${q.to}.${ext}`;
}

/** The other units that held a code, each with the span of its versions (in date order). */
function holdersOf(versions: Version[], except: number): { id: number; name: string; from: string; to: string | null }[] {
  const out = new Map<number, { id: number; name: string; from: string; to: string | null }>();
  for (const v of versions) {
    if (v.unitId === except) continue;
    const h = out.get(v.unitId);
    if (h) Object.assign(h, { name: v.name, to: v.validTo });
    else out.set(v.unitId, { id: v.unitId, name: v.name, from: v.validFrom, to: v.validTo });
  }
  return [...out.values()];
}

export function compareHandlers(db: Db) {
  return {
    /** GET /compare: before | after side by side, a page of groups at a time; counts; lineage. */
    async page(req: Request, res: Response) {
      const { q, errors } = pageQuery(req, res);
      const view = { title: 'So sánh', q, errors, kindList: KINDS };
      if (errors.length) return void res.status(422).render('pages/compare', { ...view, c: null });
      const c = await runOverview(db, q);
      // A code may have named another unit (code 15: Yên Bái until 30/06/2025): offer it too.
      const otherHolders = q.root && !q.root.startsWith('id:') && c.root
        ? holdersOf(await unitsByCode(db, q.root, null), c.root.id)
        : [];
      const pages = comparePages(c, res.locals.locale, q.only === 'changes');
      const n = Math.min(page.parse(req.query.page), pages.length);
      const lpage = page.parse(req.query.lpage);
      res.render('pages/compare', {
        ...view, c, otherHolders, groups: pages[n - 1], page: n, pages: pages.length, legend: legend(c, res.locals.locale),
        totals: c.counts, lineage: c.lineage.slice((lpage - 1) * LINEAGE_PAGE, lpage * LINEAGE_PAGE), lpage, lpages: Math.max(1, Math.ceil(c.lineage.length / LINEAGE_PAGE)),
        params: { from: q.from, to: q.to, root: q.root, kind: q.kind, part: c.part ? (c.part.code ?? `id:${c.part.id}`) : undefined },
      });
    },

    /** GET /compare/correspondence: for every unit on the earlier date, what it became; the whole country one province at a time. */
    async correspondence(req: Request, res: Response) {
      const { q, errors } = pageQuery(req, res);
      const view = { title: 'Bảng tương ứng', q, errors, kindList: KINDS };
      if (errors.length) return void res.status(422).render('pages/compare-correspondence', { ...view, table: null });
      let list: CorrespondenceRow[];
      let part: { provinces: { id: number; code: string | null; name: string }[]; id: number } | null = null;
      if (q.root) list = correspondence(await runCompare(db, q));
      else {
        const provinces = await provincesOn(db, q.from);
        const id = (q.part ? await resolveUnitRef(db, q.part, [q.from]) : null) ?? provinces[0]?.id;
        part = { provinces, id };
        list = id === undefined ? [] : await provinceCorrespondence(db, { from: q.from, to: q.to, kind: q.kind }, id);
      }
      const table = tables(res.locals.locale).correspondence(list);
      const rows = Array.isArray(table.rows) ? table.rows : [];
      const n = Math.min(page.parse(req.query.page), Math.max(1, Math.ceil(rows.length / 500)));
      res.render('pages/compare-correspondence', {
        ...view, table, part, rows: rows.slice((n - 1) * 500, n * 500), total: rows.length, page: n, pages: Math.max(1, Math.ceil(rows.length / 500)),
        params: { from: q.from, to: q.to, root: q.root, kind: q.kind, part: q.part },
      });
    },

    async correspondenceCsv(req: Request, res: Response) {
      const q = strict(req, res);
      const { rows } = await exportRows(db, q);
      res.attachment(fileName('bang-tuong-ung', q, 'csv')).type('text/csv; charset=utf-8');
      await writeCsv(res, tables(res.locals.locale).correspondence(rows));
    },

    async correspondenceXlsx(req: Request, res: Response) {
      const q = strict(req, res);
      const { head, rows } = await exportRows(db, q);
      res.attachment(fileName('bang-tuong-ung', q, 'xlsx')).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeXlsx(res, reportHead(head, res.locals.L('Bảng tương ứng đơn vị hành chính', 'Correspondence of units'), res.locals.locale), [tables(res.locals.locale).correspondence(rows)]);
    },
  };
}

/** An export's rows: a scope's at once, the whole country streamed one province at a time. */
async function exportRows(db: Db, q: CompareParams): Promise<{ head: Pick<Comparison, 'root' | 'from' | 'to'>; rows: CorrespondenceRow[] | AsyncIterable<CorrespondenceRow[]> }> {
  if (!q.root) return { head: { root: null, from: q.from, to: q.to }, rows: countryCorrespondence(db, { from: q.from, to: q.to, kind: q.kind }) };
  const c = await runCompare(db, q);
  return { head: c, rows: correspondence(c) };
}

/** Exports answer 422 on a bad query, as the API does, rather than a file holding an error page. */
export function strict(req: Request, res: Response): CompareParams {
  const { q, errors } = pageQuery(req, res);
  if (errors.length) throw new InputError(errors);
  return q;
}
