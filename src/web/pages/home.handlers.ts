import type { Request, Response } from 'express';
import type { Db } from '../../db/connection.js';
import { isIsoDate } from '../../domain/dates.js';
import { summary } from '../../services/query.service.js';

const BASELINE = '2015-12-31';

/** GET /: the province in view, its units by kind on the date, and what was reduced since a baseline. */
export function homeHandler(db: Db) {
  return async (req: Request, res: Response) => {
    const from = typeof req.query.from === 'string' && isIsoDate(req.query.from) ? req.query.from : BASELINE;
    const province = res.locals.province;
    const rows = province ? await summary(db, province.id, from, res.locals.at) : [];
    res.render('pages/home', { title: province?.name ?? 'Tổng quan', from, rows, totals: rows.filter((r) => r.subtype === null) });
  };
}
