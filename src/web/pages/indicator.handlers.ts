import type { Request, Response } from 'express';
import { todayInVietnam } from '../../domain/dates.js';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import { COUNTED_FROM, LEVELS, type Level } from '../../domain/indicators.js';
import type { Db } from '../../db/connection.js';
import { getIndicator, indicatorReports, type Indicator, type IndicatorInput, type IndicatorValueInput } from '../../services/indicator.service.js';
import { createIndicatorAs, editIndicatorAs, recordIndicatorValuesAs, retireIndicatorAs } from '../../services/indicator-attributed.service.js';
import { resolveUnitRef } from '../../services/query.service.js';
import { writerOf } from '../auth/access.js';
import { refusal } from '../errors.js';
import { idParam } from '../params.js';
import { errorsByField, filledFields, parseInput } from '../validation.js';
import { confirmedOrAsk } from './confirm.js';
import { indicatorTables, LEVEL_LABEL } from './indicator.view.js';
import { indicatorSchema, indicatorValueSchema, type IndicatorBody, type IndicatorValueBody } from './indicator.schemas.js';
import { flash, scriptJson } from './locals.js';

type Errors = Record<string, string>;

const valuesOf = (i: Indicator) => ({ ...i, scope: `id:${i.scopeUnitId}`, byLevel: i.byLevel ? '1' : '', countedFrom: i.countedFrom ?? '' });

/** The scope's code is looked up on the date in view, then today (a province's code may have been reissued since). */
async function toInput(db: Db, b: IndicatorBody, at: string): Promise<IndicatorInput> {
  const { scope, ...rest } = b;
  return { ...rest, byLevel: b.byLevel ?? false, countedFrom: b.countedFrom ?? null, scopeUnitId: await resolveUnitRef(db, scope, [at, todayInVietnam()]) };
}

/** The rows a value form records: one figure, or one per level filled in. */
function toValues(ind: Indicator, b: IndicatorValueBody): IndicatorValueInput[] {
  const base = { on: b.on, since: b.since ?? null, source: b.source, note: b.note, illustrative: b.illustrative ?? false };
  if (!ind.byLevel) {
    if (b.value === undefined) throw new DomainError('FIELD_REQUIRED', {}, 'value');
    return [{ ...base, level: null, value: b.value }];
  }
  const levels = LEVELS.filter((l) => b[l] !== undefined);
  if (levels.length === 0) throw new DomainError('INDICATOR_LEVEL_REQUIRED', {}, 'province');
  return levels.map((level: Level) => ({ ...base, level, value: b[level]! }));
}

export function indicatorHandlers(db: Db) {
  const form = (res: Response, model: { title: string; action: string; values: object; errors: Errors }, status = 200) => {
    const L = res.locals.L;
    res.status(status).render('pages/indicator-form', { ...model, countedOptions: COUNTED_FROM.map((c) => ({ value: c, label: L('Lãnh đạo luân chuyển, điều động trong biến động biên chế', 'Leaders rotated or transferred, in the staff movements') })) });
  };
  const valueForm = (res: Response, ind: Indicator, values: object, errors: Errors, status = 200) =>
    res.status(status).render('pages/indicator-value-form', {
      title: `${res.locals.L('Nhập số liệu', 'Record a figure')}: ${res.locals.locale === 'en' ? ind.nameEn : ind.nameVi}`, indicator: ind, values, errors,
      levels: LEVELS.map((l) => ({ value: l, vi: LEVEL_LABEL[l][0], en: LEVEL_LABEL[l][1] })),
    });
  const refused = async (res: Response, err: unknown, errors: Errors, fallback: string) => {
    if (err instanceof NotFoundError) return void (errors.scope = res.locals.L('Không tìm thấy đơn vị.', 'No such unit.'));
    const r = await refusal(db, err, res.locals.locale, fallback);
    errors[r.field] = r.message;
  };

  async function save(req: Request, res: Response, action: string, title: string, write: (i: IndicatorInput) => Promise<unknown>) {
    const body = filledFields(req.body);
    const parsed = parseInput(indicatorSchema, body, res.locals.locale);
    const errors: Errors = parsed.ok ? {} : errorsByField(parsed.errors, 'nameVi');
    if (parsed.ok) {
      try {
        await write(await toInput(db, parsed.value, res.locals.at));
        flash(req, 'ok', res.locals.L('Đã lưu chỉ số.', 'Indicator saved.'));
        return void res.redirect(303, '/indicators');
      } catch (err) {
        await refused(res, err, errors, 'nameVi');
      }
    }
    form(res, { title, action, values: body, errors }, 422);
  }

  return {
    /** GET /indicators: every indicator with its reported figures, and what staffing counts beside them. */
    async list(_req: Request, res: Response) {
      const reports = await indicatorReports(db, null, res.locals.at);
      const indicators = indicatorTables(reports, res.locals as never);
      res.render('pages/indicators', { title: res.locals.L('Kết quả khác (chỉ số báo cáo)', 'Other results (reported indicators)'), indicators, chartData: scriptJson(indicators.map((i) => i.chart)) });
    },
    newForm(_req: Request, res: Response) {
      const scope = res.locals.province ? (res.locals.province.code ?? `id:${res.locals.province.id}`) : '';
      form(res, { title: res.locals.L('Chỉ số mới', 'New indicator'), action: '/indicators', values: { scope }, errors: {} });
    },
    async create(req: Request, res: Response) {
      await save(req, res, '/indicators', res.locals.L('Chỉ số mới', 'New indicator'), (i) => createIndicatorAs(db, i, writerOf(req, res)));
    },
    async editForm(req: Request, res: Response) {
      const ind = await getIndicator(db, idParam(req));
      form(res, { title: res.locals.locale === 'en' ? ind.nameEn : ind.nameVi, action: `/indicators/${ind.id}`, values: valuesOf(ind), errors: {} });
    },
    async update(req: Request, res: Response) {
      const id = idParam(req);
      await getIndicator(db, id);
      await save(req, res, `/indicators/${id}`, res.locals.L('Sửa chỉ số', 'Edit indicator'), (i) => editIndicatorAs(db, id, i, writerOf(req, res)));
    },
    async retire(req: Request, res: Response) {
      const ind = await getIndicator(db, idParam(req));
      const L = res.locals.L;
      if (!confirmedOrAsk(req, res, {
        question: L(`Thôi theo dõi chỉ số «${ind.nameVi}»?`, `Retire the indicator “${ind.nameEn}”?`),
        detail: L('Chỉ số và số liệu của nó được giữ lại nhưng không còn hiện trên trang tổng quan và báo cáo.', 'The indicator and its figures are kept but leave the dashboard and the report.'),
        action: `/indicators/${ind.id}/retirement`, button: L('Thôi theo dõi', 'Retire'), back: '/indicators',
      })) return;
      await retireIndicatorAs(db, ind.id, writerOf(req, res));
      flash(req, 'ok', L('Đã thôi theo dõi chỉ số.', 'Indicator retired.'));
      res.redirect(303, '/indicators');
    },
    async newValue(req: Request, res: Response) {
      const ind = await getIndicator(db, idParam(req));
      valueForm(res, ind, { on: res.locals.at, source: ind.source }, {});
    },
    /** POST /indicators/:id/values: one dated figure (or one per level) with its source. */
    async recordValue(req: Request, res: Response) {
      const ind = await getIndicator(db, idParam(req));
      const body = filledFields(req.body);
      const parsed = parseInput(indicatorValueSchema, body, res.locals.locale);
      const errors: Errors = parsed.ok ? {} : errorsByField(parsed.errors, 'value');
      if (parsed.ok) {
        try {
          await recordIndicatorValuesAs(db, ind.id, toValues(ind, parsed.value), writerOf(req, res));
          flash(req, 'ok', res.locals.L('Đã ghi nhận số liệu.', 'Figure recorded.'));
          return void res.redirect(303, `/indicators#indicator-${ind.id}`);
        } catch (err) {
          await refused(res, err, errors, 'value');
        }
      }
      valueForm(res, ind, body, errors, 422);
    },
  };
}
