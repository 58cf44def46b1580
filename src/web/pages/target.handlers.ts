import type { Request, Response } from 'express';
import { NotFoundError } from '../../domain/errors.js';
import { KINDS } from '../../domain/kinds.js';
import { CATEGORIES } from '../../domain/staffing.js';
import type { Db } from '../../db/connection.js';
import { getTarget, targetsWithProgress, type Target } from '../../services/target.service.js';
import { allIndicators } from '../../services/indicator.service.js';
import { createTargetAs, editTargetAs, retireTargetAs } from '../../services/attributed.service.js';
import { writerOf } from '../auth/access.js';
import { targetSchema } from '../api/staffing.schemas.js';
import { toTargetInput } from '../api/staffing.handlers.js';
import { refusal } from '../errors.js';
import { errorsByField, filledFields, parseInput } from '../validation.js';
import { confirmedOrAsk } from './confirm.js';
import { flash } from './locals.js';
import { categoryLabel, GOAL_LABEL, METRIC_LABEL, STATUS_LABEL } from './staff-text.js';
import { describeProgress } from './target-words.js';

/** Form fields as the schema takes them: empty fields left out, categories always a list. */
function formBody(body: Record<string, unknown> = {}) {
  const out = filledFields(body);
  if (typeof out.categories === 'string') out.categories = [out.categories];
  if (typeof out.milestones === 'string') out.milestones = milestonesOf(out.milestones);
  return out;
}

/** Milestones typed one a line, "2021-12-31 = 767"; a line that does not read so is left for the schema to refuse. */
function milestonesOf(text: string): { on: string; value: number | string }[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((line) => {
    const m = /^(\d{4}-\d{2}-\d{2})\s*[=:]\s*(-?[\d.,]+)$/.exec(line);
    return m ? { on: m[1], value: Number(m[2].replace(/\./g, '').replace(',', '.')) } : { on: line, value: line };
  });
}

function valuesOf(t: Target) {
  return {
    ...t, scope: `id:${t.scopeUnitId}`, indicator: t.indicatorId === null ? '' : String(t.indicatorId), kind: t.kind ?? '', subtype: t.subtype ?? '', categories: t.categories ?? [],
    milestones: (t.milestones ?? []).map((m) => `${m.on} = ${m.value}`).join('\n'),
  };
}

export function targetHandlers(db: Db) {
  const pick = (res: Response, m: Record<string, [string, string]>) => Object.entries(m).map(([value, l]) => ({ value, label: res.locals.L(...l) }));
  const form = async (res: Response, model: { title: string; action: string; values: object; errors: Record<string, string> }, status = 200) =>
    res.status(status).render('pages/target-form', {
      ...model,
      indicatorOptions: (await allIndicators(db)).map((i) => ({ value: String(i.id), label: `${res.locals.locale === 'en' ? i.nameEn : i.nameVi} (${res.locals.locale === 'en' ? i.unitEn : i.unitVi})` })),
      metrics: pick(res, METRIC_LABEL), goals: pick(res, GOAL_LABEL),
      kindOptions: KINDS.map((k) => ({ value: k, label: res.locals.kinds(k) })),
      categoryOptions: CATEGORIES.map((c) => ({ value: c, label: categoryLabel(res.locals.locale, c) })),
    });

  async function save(req: Request, res: Response, action: string, title: string, write: (input: Awaited<ReturnType<typeof toTargetInput>>) => Promise<unknown>) {
    const body = formBody(req.body);
    const parsed = parseInput(targetSchema, body, res.locals.locale);
    const errors: Record<string, string> = parsed.ok ? {} : errorsByField(parsed.errors, 'name');
    let status = 422;
    if (parsed.ok) {
      try {
        await write(await toTargetInput(db, parsed.value));
        flash(req, 'ok', res.locals.L('Đã lưu mục tiêu.', 'Target saved.'));
        return void res.redirect(303, '/targets');
      } catch (err) {
        if (err instanceof NotFoundError) errors.scope = res.locals.L('Không tìm thấy đơn vị.', 'No such unit.');
        else {
          const r = await refusal(db, err, res.locals.locale, 'name');
          errors[r.field] = r.message;
          status = r.status;
        }
      }
    }
    await form(res, { title, action, values: { ...body, categories: [].concat((body.categories as never) ?? []), milestones: req.body?.milestones ?? '' }, errors }, status);
  }

  return {
    /** GET /targets: every target (retired ones too, marked) with its progress on the date. */
    async list(_req: Request, res: Response) {
      const list = await targetsWithProgress(db, res.locals.at, true);
      res.render('pages/targets', {
        title: res.locals.L('Mục tiêu', 'Targets'),
        targets: list.map((tp) => ({ ...tp, words: describeProgress(res.locals as never, tp), statusText: res.locals.L(...STATUS_LABEL[tp.progress.status]) })),
      });
    },
    async newForm(_req: Request, res: Response) {
      const scope = res.locals.province ? (res.locals.province.code ?? `id:${res.locals.province.id}`) : '';
      await form(res, { title: res.locals.L('Mục tiêu mới', 'New target'), action: '/targets', values: { scope, metric: 'units', goal: 'reduce_pct', categories: [] }, errors: {} });
    },
    async create(req: Request, res: Response) {
      await save(req, res, '/targets', res.locals.L('Mục tiêu mới', 'New target'), (t) => createTargetAs(db, t, writerOf(req, res)));
    },
    async editForm(req: Request, res: Response) {
      const t = await getTarget(db, Number(req.params.id) || 0);
      await form(res, { title: t.name, action: `/targets/${t.id}`, values: valuesOf(t), errors: {} });
    },
    async update(req: Request, res: Response) {
      const id = Number(req.params.id) || 0;
      await getTarget(db, id);
      await save(req, res, `/targets/${id}`, res.locals.L('Sửa mục tiêu', 'Edit target'), (t) => editTargetAs(db, id, t, writerOf(req, res)));
    },
    async retire(req: Request, res: Response) {
      const target = await getTarget(db, Number(req.params.id) || 0);
      const L = res.locals.L;
      if (!confirmedOrAsk(req, res, {
        question: L(`Thôi theo dõi mục tiêu «${target.name}»?`, `Retire the target “${target.name}”?`),
        detail: L('Mục tiêu không còn hiện trên trang tổng quan; danh sách mục tiêu vẫn giữ nó, ghi là đã thôi theo dõi.', 'The target leaves the dashboard; the list of targets keeps it, marked as retired.'),
        action: `/targets/${target.id}/retirement`, button: L('Thôi theo dõi', 'Retire'), back: '/targets',
      })) return;
      await retireTargetAs(db, target.id, writerOf(req, res));
      flash(req, 'ok', res.locals.L('Đã thôi theo dõi mục tiêu.', 'Target retired.'));
      res.redirect(303, '/targets');
    },
  };
}
