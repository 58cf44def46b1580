import type { Request, Response } from 'express';
import { dayAfter } from '../../domain/dates.js';
import { KINDS } from '../../domain/kinds.js';
import type { Db } from '../../db/connection.js';
import { basisByKind, type Comparison } from '../../services/compare.service.js';
import { targetPctByKind } from '../../services/target.service.js';
import { writeCsv, writeXlsx, type Table } from '../../services/export.service.js';
import { changesBetween } from '../../services/query.service.js';
import { describeChanges } from '../../services/register.service.js';
import { runOverview, type CompareParams } from '../api/compare.api.js';
import type { Locale } from '../i18n.js';
import { pageQuery, reportHead, strict } from './compare.handlers.js';
import { tables } from './report.tables.js';

const TABLES = ['summary', 'by-district', 'changes'] as const;

/** The three tables of the report officials send up: per kind, per unit below the scope, the register. */
async function reportTables(db: Db, q: CompareParams, locale: Locale): Promise<{ c: Comparison; list: Table[] }> {
  const c = await runOverview(db, q, false); // counts, per province and basis are all a report needs
  const basis = basisByKind(c);
  const t = tables(locale);
  const changes = await changesBetween(db, { from: dayAfter(q.from), to: q.to, rootId: c.root?.id });
  const targets = c.root ? await targetPctByKind(db, c.root.id, q.from, q.to) : new Map();
  const summary = t.summary(q.kind ? c.counts.filter((r) => r.kind === q.kind) : c.counts, basis, targets);
  return { c, list: [summary, t.byChild(c.byChild), t.register(await describeChanges(db, changes))] };
}

function title(res: Response): string {
  return res.locals.L('Báo cáo kết quả sắp xếp tổ chức bộ máy', 'Report on the restructuring');
}

export function reportsHandlers(db: Db) {
  return {
    /** GET /reports (and /reports/print: the same tables alone, for A4 landscape). */
    async page(req: Request, res: Response) {
      const { q, errors } = pageQuery(req, res);
      const view = { title: 'Báo cáo', q, errors, kindList: KINDS, print: req.path.endsWith('/print') };
      if (errors.length) return void res.status(422).render('pages/reports', { ...view, report: null });
      const { c, list } = await reportTables(db, q, res.locals.locale);
      const tablesView = list.map((t) => ({ ...t, rows: Array.isArray(t.rows) ? t.rows : [] })); // a report's tables are lists
      res.render(view.print ? 'pages/reports-print' : 'pages/reports', {
        ...view, report: { head: reportHead(c, title(res), res.locals.locale), tables: tablesView, names: TABLES },
        params: { from: q.from, to: q.to, root: q.root, kind: q.kind },
      });
    },

    /** GET /reports/:table.csv */
    async csv(req: Request, res: Response) {
      const q = strict(req, res);
      const index = TABLES.indexOf(req.params.table as (typeof TABLES)[number]);
      if (index < 0) return void res.status(404).render('error', { locale: res.locals.locale, status: 404, message: res.locals.L('Không có bảng này.', 'No such table.') });
      const { list } = await reportTables(db, q, res.locals.locale);
      res.attachment(`bao-cao-${TABLES[index]}-${q.root ?? 'ca-nuoc'}-${q.from}-${q.to}.csv`).type('text/csv; charset=utf-8');
      await writeCsv(res, list[index]);
    },

    /** GET /reports.xlsx: every table, one sheet each. */
    async xlsx(req: Request, res: Response) {
      const q = strict(req, res);
      const { c, list } = await reportTables(db, q, res.locals.locale);
      res.attachment(`bao-cao-${q.root ?? 'ca-nuoc'}-${q.from}-${q.to}.xlsx`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeXlsx(res, reportHead(c, title(res), res.locals.locale), list);
    },
  };
}
