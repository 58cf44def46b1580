import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { plansWithScopes } from '../../services/plan-overview.service.js';
import { findLatestVersions, resolveUnitRef } from '../../services/query.service.js';
import { enactPlan } from '../../services/plan-enactment.service.js';
import { createPlan, editPlan, getPlan, planDetail, PlanConflicts, rebasePlan, transitionPlan } from '../../services/plan.service.js';
import { decisionsList } from '../../services/register.service.js';
import { describeError, describeRefusals, refusal } from '../errors.js';
import { writerOf } from '../auth/access.js';
import { errorsByField, isoDate, parseInput, unitRef } from '../validation.js';
import { FIELD_TEXT } from './field-text.js';
import { flash } from './locals.js';
import { ACTION_TEXT, ACTIONS_OF, formUnitIds, proposalRows, STATUS_TEXT } from './plan.view.js';
import { idParam } from '../params.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).optional().transform((s) => s || null);

const planSchema = z.object({ name: text(200), scope: unitRef, baseOn: isoDate, author: text(100), description: optional(4000) });
const transitionSchema = z.object({ by: text(100), comment: optional(2000) });
/** Each workflow step is a resource of its own (POST /plans/:id/approval…), so that the access rules can tell them apart. */
const STEP_OF = { submission: 'submit', approval: 'approve', rejection: 'reject', withdrawal: 'withdraw' } as const;
const rebaseSchema = z.object({ baseOn: isoDate, by: text(100) });
const enactSchema = z.object({
  effectiveOn: isoDate, decisionNumber: text(100), decisionSignedOn: isoDate.optional().or(z.literal('').transform(() => undefined)),
  decisionIssuer: optional(200), decisionTitle: optional(500), by: text(100), comment: optional(2000),
});

type Errors = Record<string, string>;

/** Who acts: the signed-in user, else (a script, a test without accounts) the name typed in the form. */
function actor(req: Request, res: Response): string | undefined {
  const user = res.locals.user as { username?: string } | null | undefined;
  return user?.username ?? (typeof req.body?.by === 'string' ? req.body.by : undefined);
}

/** Which steps the signed-in user's role allows (auth/rules.ts decides; this only hides what would be refused). */
function may(res: Response, action: string): boolean {
  const role = (res.locals.user as { role?: string } | null | undefined)?.role;
  if (role === undefined) return true;
  return action === 'approve' || action === 'reject' ? role === 'administrator' : role !== 'viewer';
}

export function planHandlers(db: Db) {
  const planForm = (res: Response, status: number, m: { title: string; action: string; values: Record<string, unknown>; errors: Errors }) =>
    res.status(status).render('pages/plan-form', m);

  /** The form's fields with the scope found on the base date, or the errors to show beside them. */
  async function planFields(res: Response, values: Record<string, unknown>) {
    const parsed = parseInput(planSchema, values, res.locals.locale);
    if (!parsed.ok) return { errors: errorsByField(parsed.errors, '_form') };
    const scopeId = await resolveUnitRef(db, parsed.value.scope, [parsed.value.baseOn]).catch(() => null);
    if (scopeId === null) return { errors: { scope: res.locals.L('Không tìm thấy đơn vị này vào ngày gốc.', 'No such unit on the base date.') } };
    return { fields: { ...parsed.value, scopeUnitId: scopeId } };
  }

  async function page(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const planId = idParam(req);
    const d = await planDetail(db, planId);
    const locale = res.locals.locale;
    const errors = await describeRefusals(db, d.toBe.results, locale);
    const names = await findLatestVersions(db, [d.plan.scopeUnitId, ...formUnitIds(d.proposals)]);
    const scope = names.get(d.plan.scopeUnitId);
    res.status(status).render('pages/plan', {
      title: d.plan.name, plan: d.plan, scope, transitions: d.transitions, rows: proposalRows(d.toBe, d.proposals, errors, locale, new Map([...names].map(([k, v]) => [k, v.name]))),
      refused: errors.filter(Boolean).length, statusText: STATUS_TEXT, actionText: ACTION_TEXT,
      actions: ACTIONS_OF[d.plan.status].filter((a) => may(res, a.action)), mayWrite: may(res, 'submit'),
      toBe: d.toBe, values: {}, errors: {}, ...extra,
    });
  }

  return {
    /** GET /plans: every plan with its status. */
    async list(_req: Request, res: Response) {
      const plans = await plansWithScopes(db);
      res.render('pages/plans', { title: res.locals.L('Phương án', 'Plans'), plans, statusText: STATUS_TEXT, mayWrite: may(res, 'submit') });
    },

    newForm(_req: Request, res: Response) {
      const scope = res.locals.province ? `id:${res.locals.province.id}` : '';
      planForm(res, 200, { title: res.locals.L('Phương án mới', 'New plan'), action: '/plans', values: { scope, baseOn: res.locals.at, author: res.locals.user?.username ?? '' }, errors: {} });
    },

    async create(req: Request, res: Response) {
      const values = { ...req.body, author: actor(req, res) ?? req.body?.author };
      const { fields, errors } = await planFields(res, values);
      if (!fields) return planForm(res, 422, { title: res.locals.L('Phương án mới', 'New plan'), action: '/plans', values, errors });
      const planId = await createPlan(db, fields, writerOf(req, res));
      flash(req, 'ok', res.locals.L('Đã tạo phương án. Hãy thêm các đề xuất.', 'Plan created. Add its proposals.'));
      res.redirect(303, `/plans/${planId}`);
    },

    /** GET /plans/:id: the plan, its proposals evaluated on the base date (refusals with the engine's reason), the to-be tree, the history. */
    async show(req: Request, res: Response) {
      await page(req, res);
    },

    async editForm(req: Request, res: Response) {
      const p = await getPlan(db, idParam(req));
      planForm(res, 200, { title: p.name, action: `/plans/${p.id}`, values: { ...p, scope: `id:${p.scopeUnitId}`, description: p.description ?? '' }, errors: {} });
    },

    async update(req: Request, res: Response) {
      const planId = idParam(req);
      const values = { ...req.body, author: req.body?.author ?? actor(req, res) };
      const again = (errors: Errors, status = 422) => planForm(res, status, { title: res.locals.L('Sửa phương án', 'Edit plan'), action: `/plans/${planId}`, values, errors });
      const { fields, errors } = await planFields(res, values);
      if (!fields) return again(errors);
      try {
        await editPlan(db, planId, fields, writerOf(req, res));
      } catch (err) {
        const r = await refusal(db, err, res.locals.locale);
        return again({ [r.field]: r.message }, r.status);
      }
      flash(req, 'ok', res.locals.L('Đã lưu phương án.', 'Plan saved.'));
      res.redirect(303, `/plans/${planId}`);
    },

    /** POST /plans/:id/submission, /approval, /rejection, /withdrawal: one workflow step, with who and a comment. */
    transition(step: keyof typeof STEP_OF) {
      const action = STEP_OF[step];
      return async (req: Request, res: Response) => {
        const planId = idParam(req);
        const parsed = parseInput(transitionSchema, { ...req.body, by: actor(req, res) }, res.locals.locale);
        if (!parsed.ok) return page(req, res, 422, { values: req.body, errors: errorsByField(parsed.errors, '_form') });
        try {
          await transitionPlan(db, planId, action, writerOf(req, res), parsed.value.comment);
        } catch (err) {
          const r = await refusal(db, err, res.locals.locale);
          return page(req, res, r.status, { values: req.body, errors: { _form: r.message } });
        }
        flash(req, 'ok', res.locals.L(`Đã ghi bước “${ACTION_TEXT[action][0]}”.`, `Step “${ACTION_TEXT[action][1]}” recorded.`));
        res.redirect(303, `/plans/${planId}`);
      };
    },

    /** POST /plans/:id/rebase: a new base date; the proposals are evaluated again on it. */
    async rebase(req: Request, res: Response) {
      const planId = idParam(req);
      const parsed = parseInput(rebaseSchema, { ...req.body, by: actor(req, res) }, res.locals.locale);
      if (!parsed.ok) return page(req, res, 422, { values: req.body, errors: errorsByField(parsed.errors, '_form') });
      try {
        await rebasePlan(db, planId, parsed.value.baseOn, writerOf(req, res));
      } catch (err) {
        const r = await refusal(db, err, res.locals.locale);
        return page(req, res, r.status, { values: req.body, errors: { _form: r.message } });
      }
      flash(req, 'ok', res.locals.L('Đã đổi ngày gốc; các đề xuất đã được kiểm tra lại.', 'Base date changed; the proposals were checked again.'));
      res.redirect(303, `/plans/${planId}`);
    },

    /** GET /plans/:id/enactment: the decision and effective date. */
    async enactForm(req: Request, res: Response) {
      const p = await getPlan(db, idParam(req));
      res.render('pages/plan-enact', { title: p.name, plan: p, values: { effectiveOn: res.locals.today, by: res.locals.user?.username ?? '' }, errors: {}, conflicts: [], fieldText: FIELD_TEXT, decisions: await decisionsList(db, null, 1) });
    },

    /** POST /plans/:id/enactment: every proposal becomes a real change, all or nothing; conflicts listed with how to resolve them. */
    async enact(req: Request, res: Response) {
      const p = await getPlan(db, idParam(req));
      const values = { ...req.body, by: actor(req, res) };
      const again = async (status: number, errors: Errors, conflicts: { position: number; proposalId: number; message: string }[] = []) =>
        res.status(status).render('pages/plan-enact', { title: p.name, plan: p, values, errors, conflicts, fieldText: FIELD_TEXT, decisions: await decisionsList(db, null, 1) });
      const parsed = parseInput(enactSchema, values, res.locals.locale);
      if (!parsed.ok) return again(422, errorsByField(parsed.errors, '_form'));
      const v = parsed.value;
      try {
        await enactPlan(db, p.id, {
          effectiveOn: v.effectiveOn, comment: v.comment,
          decision: { number: v.decisionNumber, signedOn: v.decisionSignedOn ?? null, issuer: v.decisionIssuer, title: v.decisionTitle },
        }, writerOf(req, res));
      } catch (err) {
        if (err instanceof PlanConflicts) {
          const conflicts = await Promise.all(err.conflicts.map(async (c) => ({ ...c, message: await describeError(db, c.error, res.locals.locale) })));
          return again(409, { _form: await describeError(db, err, res.locals.locale) }, conflicts);
        }
        const r = await refusal(db, err, res.locals.locale);
        return again(r.status, { _form: r.message });
      }
      flash(req, 'ok', res.locals.L('Đã ban hành phương án: các đề xuất đã thành thay đổi trong sổ.', 'Plan enacted: its proposals are now changes in the register.'));
      res.redirect(303, `/plans/${p.id}`);
    },
  };
}
