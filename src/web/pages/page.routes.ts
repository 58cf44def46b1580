import { Router } from 'express';
import { todayInVietnam, formatDateVi } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { summary, treeOn } from '../../services/query.service.js';
import { kindLabel } from '../i18n.js';

const numberVi = new Intl.NumberFormat('vi-VN');

/** Server-rendered pages. The home page shows each province and its counts today. */
export function pageRoutes(db: Db): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    const locale = res.locals.locale;
    const today = todayInVietnam();
    const provinces = await treeOn(db, today, null, 0);
    const rows = await Promise.all(
      provinces.map(async (p) => ({
        name: p.name, code: p.code,
        counts: (await summary(db, p.id, today, today)).filter((s) => s.subtype === null && s.to > 0)
          .map((s) => ({ label: kindLabel(locale, s.kind), value: numberVi.format(s.to) })),
      })),
    );
    res.render('home', { locale, today: formatDateVi(today), provinces: rows });
  });
  return r;
}
