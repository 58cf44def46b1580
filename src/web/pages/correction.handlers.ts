import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { correctNameAs } from '../../services/attributed.service.js';
import { nameToCorrect, type NameToCorrect } from '../../services/change.service.js';
import { writerOf } from '../auth/access.js';
import { refusal } from '../errors.js';
import { errorsByField, isoDate, parseInput } from '../validation.js';
import { flash } from './locals.js';
import { idParam } from '../params.js';

const correctionSchema = z.strictObject({
  _csrf: z.string().optional(),
  at: z.string().optional(),
  on: isoDate,
  name: z.string().trim().min(1).max(200),
  note: z.string().trim().max(2000).optional(),
});

/**
 * sửa lỗi nhập liệu (issue 16): a mistyped name put right from the day that name began, without a
 * decision of its own, no new version, nothing counted as a rename (services/change.service.ts).
 */
export function correctionHandlers(db: Db) {
  const render = (res: Response, status: number, target: NameToCorrect, on: string, values: Record<string, unknown>, errors: Record<string, string>) =>
    res.status(status).render('pages/unit-correction', { title: res.locals.L('Sửa lỗi nhập liệu', 'Data-entry correction'), target, on, values, errors });

  return {
    /** GET /units/:id/correction?at=D: the name the unit bore on D, from the day it began, and the decision it came from. */
    async form(req: Request, res: Response) {
      const unitId = idParam(req);
      const target = await nameToCorrect(db, unitId, res.locals.at);
      render(res, 200, target, res.locals.at, { name: target.name }, {});
    },

    /** POST /units/:id/correction: records the correction, then back to the unit with a message. */
    async correct(req: Request, res: Response) {
      const unitId = idParam(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const parsed = parseInput(correctionSchema, body, res.locals.locale);
      const on = typeof body.on === 'string' && isoDate.safeParse(body.on).success ? body.on : res.locals.at;
      if (!parsed.ok) return render(res, 422, await nameToCorrect(db, unitId, on), on, body, errorsByField(parsed.errors, '_form'));
      try {
        const r = await correctNameAs(db, unitId, parsed.value.on, parsed.value.name, parsed.value.note || null, writerOf(req, res));
        const { from } = r.change.input as { from: string };
        flash(req, 'ok', res.locals.L(`Đã sửa tên “${from}” thành “${parsed.value.name}” (thay đổi #${r.change.id}).`, `“${from}” corrected to “${parsed.value.name}” (change #${r.change.id}).`));
        res.redirect(303, res.locals.href(`/units/${unitId}`, { at: parsed.value.on }));
      } catch (err) {
        const r = await refusal(db, err, res.locals.locale);
        render(res, r.status, await nameToCorrect(db, unitId, on), on, body, { [r.field === 'name' ? 'name' : '_form']: r.message });
      }
    },
  };
}
