import type { Request, Response } from 'express';
import { z } from 'zod';
import { DECIDED_TYPES, type DecidedType } from '../../domain/changes/index.js';
import { dayAfter } from '../../domain/dates.js';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import type { Proposal } from '../../domain/plan.js';
import type { Db } from '../../db/connection.js';
import { findProposals, getPlan, planDetail } from '../../services/plan.service.js';
import { addProposal, editProposal, moveProposal, removeProposal } from '../../services/plan-proposal.service.js';
import { describeError } from '../errors.js';
import type { Locale } from '../i18n.js';
import { CHANGE_TYPES as TYPE_TEXT, DECIDED_TYPE_TEXT } from '../ui-text.js';
import { formModel, pickedUnits } from './change-form.handlers.js';
import { formToRequest, type FormErrors, type FormValues } from './change-form.js';
import { confirmedOrAsk } from './confirm.js';
import { flash } from './locals.js';
import { writerOf } from '../auth/access.js';
import { idParam } from '../params.js';

const typeParam = z.enum(DECIDED_TYPES);
/** Fields of the change forms a proposal does not have: its date and decision come when the plan is enacted. */
const NOT_STORED = ['_csrf', 'at', 'effectiveOn', 'decisionNumber', 'decisionSignedOn', 'decisionIssuer', 'decisionTitle', 'recordedBy'];

/**
 * A proposal is typed in the change forms (the same fields, the same checks, units looked up on the
 * plan's base date) and kept as the request they build, without date and decision.
 */
async function toProposal(db: Db, type: DecidedType, baseOn: string, body: FormValues, locale: Locale) {
  const form: FormValues = Object.fromEntries(Object.entries(body).filter(([k]) => !NOT_STORED.includes(k)));
  const { request, errors } = await formToRequest(db, type, { ...form, effectiveOn: dayAfter(baseOn), decisionNumber: 'PA' }, locale);
  if (!request) return { form, errors };
  const { effectiveOn: _e, decision: _d, recordedBy: _r, ...proposal } = request;
  return { form, errors, proposal: proposal as Proposal };
}

export function planProposalHandlers(db: Db) {
  const render = async (res: Response, status: number, planId: number, type: DecidedType, values: FormValues, errors: FormErrors, action: string) => {
    const plan = await getPlan(db, planId);
    res.status(status).render('pages/plan-proposal-form', {
      title: TYPE_TEXT[type][res.locals.locale], plan, action,
      ...formModel(type, values, errors, res.locals.locale, await pickedUnits(db, type, { ...values, effectiveOn: plan.baseOn }, res)),
    });
  };

  /** After saving: a proposal the engine refuses is kept, and the message says why at once. */
  async function saved(req: Request, res: Response, planId: number, proposalId: number) {
    const d = await planDetail(db, planId);
    const i = d.proposals.findIndex((p) => p.id === proposalId);
    const error = d.toBe.results[i]?.error;
    if (error) flash(req, 'error', res.locals.L(`Đã lưu đề xuất số ${i + 1}, nhưng không áp dụng được: `, `Proposal ${i + 1} saved, but it does not apply: `) + (await describeError(db, error, res.locals.locale)));
    else flash(req, 'ok', res.locals.L(`Đã lưu đề xuất số ${i + 1}.`, `Proposal ${i + 1} saved.`));
    res.redirect(303, `/plans/${planId}#p${proposalId}`);
  }

  async function refusedWrite(req: Request, res: Response, planId: number, err: unknown) {
    if (!(err instanceof DomainError) || err.code === 'OUT_OF_SCOPE') throw err; // out of scope: 403 from the error handler
    flash(req, 'error', await describeError(db, err, res.locals.locale));
    res.redirect(303, `/plans/${planId}`);
  }

  return {
    /** GET /plans/:id/proposals/new: the choice of change types, or one type's form (`?type=merge`). */
    async newForm(req: Request, res: Response) {
      const planId = idParam(req);
      const type = typeParam.safeParse(req.query.type);
      if (!type.success) {
        const plan = await getPlan(db, planId);
        return void res.render('pages/plan-proposal-types', { title: plan.name, plan, types: DECIDED_TYPE_TEXT });
      }
      await render(res, 200, planId, type.data, {}, {}, `/plans/${planId}/proposals`);
    },

    async create(req: Request, res: Response) {
      const planId = idParam(req);
      const plan = await getPlan(db, planId);
      const type = typeParam.parse(req.body?.type);
      const { form, errors, proposal } = await toProposal(db, type, plan.baseOn, req.body as FormValues, res.locals.locale);
      if (!proposal) return render(res, 422, planId, type, form, errors, `/plans/${planId}/proposals`);
      try {
        return await saved(req, res, planId, await addProposal(db, planId, proposal, form, writerOf(req, res)));
      } catch (err) {
        return refusedWrite(req, res, planId, err);
      }
    },

    async editForm(req: Request, res: Response) {
      const planId = idParam(req);
      const p = (await findProposals(db, planId)).find((x) => x.id === idParam(req, 'pid'));
      if (!p) throw new NotFoundError('proposal', String(req.params.pid));
      await render(res, 200, planId, p.type as DecidedType, p.form, {}, `/plans/${planId}/proposals/${p.id}`);
    },

    async update(req: Request, res: Response) {
      const planId = idParam(req);
      const proposalId = idParam(req, 'pid');
      const plan = await getPlan(db, planId);
      const type = typeParam.parse(req.body?.type);
      const { form, errors, proposal } = await toProposal(db, type, plan.baseOn, req.body as FormValues, res.locals.locale);
      if (!proposal) return render(res, 422, planId, type, form, errors, `/plans/${planId}/proposals/${proposalId}`);
      try {
        await editProposal(db, planId, proposalId, proposal, form, writerOf(req, res));
      } catch (err) {
        return refusedWrite(req, res, planId, err);
      }
      await saved(req, res, planId, proposalId);
    },

    async remove(req: Request, res: Response) {
      const planId = idParam(req);
      const proposalId = idParam(req, 'pid');
      const [plan, proposals] = await Promise.all([getPlan(db, planId), findProposals(db, planId)]);
      const proposal = proposals.find((p) => p.id === proposalId);
      if (!proposal) throw new NotFoundError('proposal', String(proposalId));
      const L = res.locals.L;
      const typeText = TYPE_TEXT[proposal.type];
      const what = `${L('đề xuất số', 'proposal')} ${proposal.position}${typeText ? ` (${L(typeText.vi, typeText.en).toLowerCase()})` : ''}`;
      if (!confirmedOrAsk(req, res, {
        question: L(`Xoá ${what} khỏi phương án «${plan.name}»?`, `Remove ${what} from the plan “${plan.name}”?`),
        detail: L('Đề xuất bị xoá hẳn khỏi phương án, không khôi phục được; các đề xuất sau nó được đánh số lại.', 'The proposal is deleted from the plan for good and cannot be restored; the proposals after it are renumbered.'),
        action: `/plans/${planId}/proposals/${proposalId}/removal`, button: L('Xoá đề xuất', 'Remove the proposal'), back: `/plans/${planId}#p${proposalId}`,
      })) return;
      try {
        await removeProposal(db, planId, proposalId, writerOf(req, res));
      } catch (err) {
        return refusedWrite(req, res, planId, err);
      }
      flash(req, 'ok', res.locals.L('Đã xoá đề xuất.', 'Proposal removed.'));
      res.redirect(303, `/plans/${planId}`);
    },

    /** POST /plans/:id/proposals/:pid/move: `direction=up` or `down`. */
    async move(req: Request, res: Response) {
      const planId = idParam(req);
      const proposalId = idParam(req, 'pid');
      try {
        await moveProposal(db, planId, proposalId, req.body?.direction === 'up' ? -1 : 1, writerOf(req, res));
      } catch (err) {
        return refusedWrite(req, res, planId, err);
      }
      res.redirect(303, `/plans/${planId}#p${proposalId}`);
    },
  };
}
