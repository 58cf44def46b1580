import type { Request, Response } from 'express';
import { z } from 'zod';
import { DECIDED_TYPES, type DecidedType } from '../../domain/changes/index.js';
import { isSupportedDate } from '../../domain/dates.js';
import { DomainError, ReplayConflict } from '../../domain/errors.js';
import { KINDS } from '../../domain/kinds.js';
import { CATEGORIES, LEAVING_REASONS } from '../../domain/staffing.js';
import { categoryLabel, reasonLabel } from './staff-text.js';
import type { Db } from '../../db/connection.js';
import { recordChangeAs, reinstateChangeAs, voidChangeAs } from '../../services/attributed.service.js';
import { writerOf } from '../auth/access.js';
import { previewChange } from '../../services/preview.service.js';
import { changeDetail, decisionsList } from '../../services/register.service.js';
import { describeError, refusal, statusOf } from '../errors.js';
import type { Locale } from '../i18n.js';
import { CHANGE_TYPES as TYPE_TEXT, DECIDED_TYPE_TEXT, subtypeOptions } from '../ui-text.js';
import { COMMON_FIELDS, fieldOf, FORM_FIELDS, formToRequest, MULTI_FIELDS, type FormErrors, type FormValues } from './change-form.js';
import { FIELD_TEXT } from './field-text.js';
import { flash } from './locals.js';
import { pickedOptions, type PickerOption } from '../unit-picker.js';
import { idParam } from '../params.js';

const typeParam = z.enum(DECIDED_TYPES);
const SPLIT_CHILDREN = { vi: 'Các đơn vị trực thuộc chuyển về đơn vị mới thứ', en: 'Units below go to new unit number', input: 'index' as const };

/** `picked`: the units the form's fields name, as the picker shows them (see pickedUnits). */
export function formModel(type: DecidedType, values: FormValues, errors: FormErrors, locale: Locale, picked: Record<string, (PickerOption | null)[]> = {}) {
  const text: typeof FIELD_TEXT = type === 'split' ? { ...FIELD_TEXT, childrenTo: SPLIT_CHILDREN } : FIELD_TEXT;
  // `all`: a field of several inputs (the staff shares) finds its own values there.
  const field = (name: string) => ({
    name, ...text[name], multi: MULTI_FIELDS.includes(name), value: values[name], all: values, error: errors[name], picked: picked[name] ?? [],
  });
  return {
    type, typeText: TYPE_TEXT[type], fields: FORM_FIELDS[type].map(field), common: COMMON_FIELDS.map(field), values, errors,
    subtypeGroups: KINDS.map((k) => ({ kind: k, options: subtypeOptions(locale, k) })),
    leavingReasons: LEAVING_REASONS.map((r) => ({ value: r, label: reasonLabel(locale, r) })),
    staffCategories: CATEGORIES.map((c) => ({ value: c, label: categoryLabel(locale, c) })),
  };
}

/** The units a form names, on its effective date (the date in view until one is typed). */
export async function pickedUnits(db: Db, type: DecidedType, values: FormValues, res: Response) {
  const date = typeof values.effectiveOn === 'string' && isSupportedDate(values.effectiveOn.trim()) ? values.effectiveOn.trim() : res.locals.at;
  const fields = FORM_FIELDS[type].filter((name) => FIELD_TEXT[name]?.input === 'unit').map((name) => ({ name, value: values[name] }));
  return pickedOptions(db, fields, date, res.locals.locale);
}

export function changeFormHandlers(db: Db) {
  const renderForm = async (res: Response, status: number, type: DecidedType, values: FormValues, errors: FormErrors = {}) =>
    res.status(status).render('pages/change-form', {
      title: TYPE_TEXT[type][res.locals.locale],
      ...formModel(type, values, errors, res.locals.locale, await pickedUnits(db, type, values, res)), decisions: await decisionsList(db, null, 1),
    });

  /** A refused change goes back to its form, the message beside the field it concerns. */
  async function refused(res: Response, type: DecidedType, values: FormValues, err: DomainError) {
    const message = await describeError(db, err, res.locals.locale);
    const path = err instanceof ReplayConflict ? '_form' : err.path ?? '_form';
    await renderForm(res, statusOf(err), type, values, { [fieldOf(type, path)]: message });
  }

  function voidOrReinstate(action: 'void' | 'reinstate') {
    const write = action === 'void' ? voidChangeAs : reinstateChangeAs;
    return async (req: Request, res: Response) => {
      const id = idParam(req);
      const reason = String(req.body?.reason ?? '').trim().slice(0, 2000);
      const L = res.locals.L;
      const again = async (errors: FormErrors, status: number) =>
        res.status(status).render('pages/change', { title: `#${id}`, change: await changeDetail(db, id), confirmVoid: action === 'void', confirmReinstate: action === 'reinstate', errors, values: { reason } });
      if (!reason) return again({ reason: action === 'void' ? L('Hãy ghi lý do huỷ.', 'Give a reason.') : L('Hãy ghi lý do khôi phục.', 'Give a reason.') }, 422);
      try {
        await write(db, id, reason, writerOf(req, res));
      } catch (err) {
        // The refusal concerns the change, not the reason typed: it sits above the form, the reason kept.
        const r = await refusal(db, err, res.locals.locale);
        return again({ _form: r.message }, r.status);
      }
      flash(req, 'ok', action === 'void' ? L(`Đã huỷ thay đổi #${id}.`, `Change #${id} voided.`) : L(`Đã khôi phục thay đổi #${id}.`, `Change #${id} reinstated.`));
      res.redirect(303, res.locals.href(`/changes/${id}`));
    };
  }

  async function parsed(req: Request, res: Response) {
    const type = typeParam.parse(req.body?.type);
    const values = req.body as FormValues;
    const { request, errors } = await formToRequest(db, type, values, res.locals.locale);
    if (!request) await renderForm(res, 422, type, values, errors);
    return { type, values, request };
  }

  return {
    /** GET /changes/new: the choice of change types, or one type's form (`?type=merge`). */
    async newForm(req: Request, res: Response) {
      const type = typeParam.safeParse(req.query.type);
      if (!type.success) return void res.render('pages/change-types', { title: 'Ghi nhận thay đổi', types: DECIDED_TYPE_TEXT, unit: req.query.unit });
      const unit = typeof req.query.unit === 'string' ? req.query.unit : undefined;
      await renderForm(res, 200, type.data, { effectiveOn: res.locals.at, unit });
    },

    /** POST /changes/preview: what the change would do; nothing is written. */
    async preview(req: Request, res: Response) {
      const { type, values, request } = await parsed(req, res);
      if (!request) return;
      try {
        const preview = await previewChange(db, request);
        res.render('pages/change-preview', { title: TYPE_TEXT[type][res.locals.locale], type, values, preview, typeText: TYPE_TEXT[type] });
      } catch (err) {
        if (err instanceof DomainError) return refused(res, type, values, err);
        throw err;
      }
    },

    /** POST /changes/form: back from the preview to the form, everything kept. */
    async edit(req: Request, res: Response) {
      await renderForm(res, 200, typeParam.parse(req.body?.type), req.body as FormValues);
    },

    /** POST /changes: records the change, then redirects to it with a message (Post/Redirect/Get). */
    async record(req: Request, res: Response) {
      const { type, values, request } = await parsed(req, res);
      if (!request) return;
      try {
        const { change } = await recordChangeAs(db, request, writerOf(req, res));
        flash(req, 'ok', res.locals.L(`Đã ghi nhận thay đổi #${change.id}.`, `Change #${change.id} recorded.`));
        res.redirect(303, res.locals.href(`/changes/${change.id}`));
      } catch (err) {
        if (err instanceof DomainError) return refused(res, type, values, err);
        throw err;
      }
    },

    /** POST /changes/:id/void: with a reason, after the confirmation page. */
    void: voidOrReinstate('void'),
    /** POST /changes/:id/reinstate: a voided change back in force, with a reason, after the confirmation page. */
    reinstate: voidOrReinstate('reinstate'),
  };
}
