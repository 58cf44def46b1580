import type { Request, Response } from 'express';
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates.js';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import { CATEGORIES, REASONS, REDUCTION_REASONS, sumOf } from '../../domain/staffing.js';
import type { Db } from '../../db/connection.js';
import { findLatestVersions, resolveUnitRef } from '../../services/query.service.js';
import { CsvParseError, parseCsv, type ParsedCsv } from '../../services/csv.js';
import { staffingReport, unitStaffing, type MovementInput } from '../../services/staffing.service.js';
import { recordMovementsAs, recordQuotasAs } from '../../services/attributed.service.js';
import { writerOf } from '../auth/access.js';
import { movementSchema, quotaSchema } from '../api/staffing.schemas.js';
import { describeError } from '../errors.js';
import { t, type Locale } from '../i18n.js';
import { errorsByField, filledFields, parseInput } from '../validation.js';
import { flash } from './locals.js';
import { categoryLabel, reasonLabel, TRANSFER_KIND_LABEL } from './staff-text.js';

const BASELINE = '2015-12-31';
const LEAVING = REASONS.filter((r) => !['opening', 'recruitment', 'transfer_in'].includes(r));

function options(locale: 'vi' | 'en') {
  return {
    categories: CATEGORIES.map((c) => ({ value: c, label: categoryLabel(locale, c) })),
    reasons: REASONS.map((r) => ({ value: r, label: reasonLabel(locale, r) })),
    transferKinds: Object.entries(TRANSFER_KIND_LABEL).map(([value, l]) => ({ value, label: l[locale === 'en' ? 1 : 0] })),
  };
}

/** "Chuyển đi — luân chuyển lãnh đạo": a leader's rotation says so in the unit's list of movements. */
function leaderMove(res: Response, m: { leader?: boolean; transferKind?: string | null }): string {
  if (!m.leader && !m.transferKind) return '';
  const how = m.transferKind ? res.locals.L(...TRANSFER_KIND_LABEL[m.transferKind]).toLocaleLowerCase('vi') : '';
  return ` — ${[how, m.leader ? res.locals.L('lãnh đạo', 'leader') : ''].filter(Boolean).join(' ')}`;
}

export function staffingHandlers(db: Db) {
  const render = (res: Response, view: string, model: object) => res.render(view, { ...options(res.locals.locale), ...model });

  async function submit<T extends { unit: string; on: string }>(
    req: Request, res: Response, schema: z.ZodType<T>, view: string, title: string, save: (v: T, unitId: number) => Promise<unknown>, done: string,
  ) {
    const fields = filledFields(req.body);
    const parsed = parseInput(schema, fields, res.locals.locale);
    if (!parsed.ok) return void res.status(422).render(view, { ...options(res.locals.locale), title, values: req.body, errors: errorsByField(parsed.errors, '_') });
    try {
      const unitId = await resolveUnitRef(db, parsed.value.unit, [parsed.value.on]);
      await save(parsed.value, unitId);
      flash(req, 'ok', done);
      res.redirect(303, `/staffing/units/${unitId}?at=${parsed.value.on}`);
    } catch (err) {
      const message = err instanceof DomainError ? await describeError(db, err, res.locals.locale) : err instanceof NotFoundError ? res.locals.L('Không tìm thấy đơn vị.', 'No such unit.') : null;
      if (message === null) throw err;
      res.status(422).render(view, { ...options(res.locals.locale), title, values: req.body, errors: { unit: message } });
    }
  }

  return {
    /** GET /staffing: quota, headcount, vacancies on the date, and who left in the period, by category and by unit under the province. */
    async table(req: Request, res: Response) {
      const at: string = res.locals.at;
      const from = typeof req.query.from === 'string' && isIsoDate(req.query.from) ? req.query.from : BASELINE;
      const to = typeof req.query.to === 'string' && isIsoDate(req.query.to) ? req.query.to : at;
      const province = res.locals.province;
      const report = province ? await staffingReport(db, province.id, at, from, to) : null;
      const L = res.locals.L;
      render(res, 'pages/staffing', {
        title: L('Biên chế', 'Staffing'), from, to, report,
        categories: CATEGORIES.map((c) => ({ key: c, label: categoryLabel(res.locals.locale, c) })),
        // Only the reasons someone left for in the period: nine mostly empty columns do not fit a page.
        leaving: LEAVING.filter((r) => (report?.total.leaving[r] ?? 0) > 0).map((r) => ({ key: r, label: reasonLabel(res.locals.locale, r), reduction: REDUCTION_REASONS.includes(r) })),
      });
    },

    /** GET /staffing/units/:id: one unit's quota and headcount at each year end, and its movements. */
    async unit(req: Request, res: Response) {
      const id = Number(req.params.id);
      const names = await findLatestVersions(db, Number.isInteger(id) ? [id] : []);
      const v = names.get(id);
      if (!v) throw new NotFoundError('unit', String(req.params.id));
      const s = await unitStaffing(db, id, res.locals.at);
      const rows = s.series.map((p) => ({ on: p.on, cells: CATEGORIES.map((c) => ({ quota: p.quota[c] ?? 0, actual: p.actual[c] ?? 0 })), quota: sumOf(p.quota), actual: sumOf(p.actual) }));
      const used = CATEGORIES.filter((c, i) => rows.some((r) => r.cells[i].quota || r.cells[i].actual));
      render(res, 'pages/staffing-unit', {
        title: v.name, unit: v, unitId: id, rows, used: used.map((c) => ({ key: c, index: CATEGORIES.indexOf(c), label: categoryLabel(res.locals.locale, c) })),
        movements: s.movements.slice(0, 200).map((m) => ({ ...m, categoryText: categoryLabel(res.locals.locale, m.category), reasonText: reasonLabel(res.locals.locale, m.reason) + leaderMove(res, m) })),
      });
    },

    newMovement(req: Request, res: Response) {
      render(res, 'pages/staffing-movement', { title: res.locals.L('Ghi nhận biến động', 'Record a movement'), values: { unit: req.query.unit ?? '', on: res.locals.at }, errors: {} });
    },

    async recordMovement(req: Request, res: Response) {
      await submit(req, res, movementSchema, 'pages/staffing-movement', res.locals.L('Ghi nhận biến động', 'Record a movement'),
        (v, unitId) => recordMovementsAs(db, [{ ...v, unitId }], writerOf(req, res)), res.locals.L('Đã ghi nhận biến động.', 'Movement recorded.'));
    },

    newQuota(req: Request, res: Response) {
      render(res, 'pages/staffing-quota', { title: res.locals.L('Giao biên chế', 'Quota decision'), values: { unit: req.query.unit ?? '', on: res.locals.at }, errors: {} });
    },

    async recordQuota(req: Request, res: Response) {
      await submit(req, res, quotaSchema, 'pages/staffing-quota', res.locals.L('Giao biên chế', 'Quota decision'),
        (v, unitId) => recordQuotasAs(db, [{ ...v, unitId }], writerOf(req, res)), res.locals.L('Đã ghi nhận quyết định giao biên chế.', 'Quota decision recorded.'));
    },

    importForm(_req: Request, res: Response) {
      render(res, 'pages/staffing-import', { title: res.locals.L('Nhập biến động từ CSV', 'Import movements from CSV'), csv: '', errors: [] });
    },

    /** POST /staffing/import: CSV `unit,category,on,count,reason,decision,note`, all rows or none, errors by line. */
    async importCsv(req: Request, res: Response) {
      const csv = typeof req.body?.csv === 'string' ? req.body.csv : '';
      const title = res.locals.L('Nhập biến động từ CSV', 'Import movements from CSV');
      const errors: string[] = [];
      const rows: MovementInput[] = [];
      const csvRows = readCsv(csv, res.locals.locale);
      if ('errors' in csvRows) return void res.status(422).render('pages/staffing-import', { title, csv, errors: csvRows.errors });
      const { rows: parsed, lines } = csvRows;
      for (const [i, row] of parsed.entries()) {
        const r = parseInput(movementSchema, Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')), res.locals.locale);
        if (!r.ok) { errors.push(...r.errors.map((e) => `${res.locals.L('Dòng', 'Line')} ${lines[i]}, ${e.path}: ${e.message}`)); continue; }
        try {
          rows.push({ ...r.value, unitId: await resolveUnitRef(db, r.value.unit, [r.value.on]) });
        } catch {
          errors.push(`${res.locals.L('Dòng', 'Line')} ${lines[i]}, unit: ${res.locals.L('không tìm thấy đơn vị', 'no such unit')} ${r.value.unit}`);
        }
      }
      if (parsed.length === 0) errors.push(res.locals.L('Không có dòng nào.', 'No rows.'));
      if (errors.length === 0) {
        try {
          const n = await recordMovementsAs(db, rows, writerOf(req, res), 'staffing.import');
          flash(req, 'ok', `${res.locals.L('Đã nhập', 'Imported')} ${n}`);
          return void res.redirect(303, '/staffing');
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          errors.push(await describeError(db, err, res.locals.locale));
          if (err.code === 'OUT_OF_SCOPE') return void res.status(403).render('pages/staffing-import', { title, csv, errors });
        }
      }
      res.status(422).render('pages/staffing-import', { title, csv, errors });
    },
  };
}

/** The CSV's rows, or the message of every line csv-parse refused (an unclosed quote, a wrong number of columns). */
function readCsv(csv: string, locale: Locale): ParsedCsv | { errors: string[] } {
  try {
    return parseCsv(csv);
  } catch (err) {
    if (!(err instanceof CsvParseError)) throw err;
    return { errors: err.problems.map((p) => t(locale, p.code, p.params)) };
  }
}
