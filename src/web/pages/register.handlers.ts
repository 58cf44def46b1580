import type { Request, Response } from 'express';
import { z } from 'zod';
import { CHANGE_TYPES } from '../../domain/changes/index.js';
import { KINDS } from '../../domain/kinds.js';
import type { Db } from '../../db/connection.js';
import { ancestorsOn, branchOn, findLatestVersions, findVersionOn, registerPage, resolveUnitRef, unitDetail } from '../../services/query.service.js';
import { changeDetail, decisionDetail, decisionsList, describeChanges } from '../../services/register.service.js';
import { isoDate, unitRef } from '../validation.js';
import { idParam } from '../params.js';

const PAGE = 100;

const registerQuery = z.object({
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  type: z.enum(CHANGE_TYPES).optional().catch(undefined),
  root: unitRef.optional().catch(undefined),
  decision: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});

export function registerHandlers(db: Db) {
  return {
    /** GET /units/:id: every version, every change with its decision, where it came from and went, its children on the date. */
    async unit(req: Request, res: Response) {
      const unitId = idParam(req);
      const at: string = res.locals.at;
      const detail = await unitDetail(db, unitId);
      const { node, large } = await branchOn(db, at, unitId);
      const parents = await findLatestVersions(db, detail.versions.flatMap((v) => (v.parentId ? [v.parentId] : [])));
      const current = await findVersionOn(db, unitId, at);
      const latest = detail.versions.at(-1);
      res.render('pages/unit', {
        title: (current ?? latest)?.name ?? `#${unitId}`,
        unitId, current, latest, versions: detail.versions, parents,
        changes: await describeChanges(db, detail.changes), predecessors: detail.predecessors, successors: detail.successors,
        node, large, children: node?.children ?? [],
        path: current ? await ancestorsOn(db, unitId, at) : [],
      });
    },

    /** GET /decisions: the legal documents, newest first, with how many changes each ordered. */
    async decisions(req: Request, res: Response) {
      const search = typeof req.query.q === 'string' && req.query.q.trim() ? req.query.q.trim().slice(0, 100) : null;
      const page = z.coerce.number().int().min(1).catch(1).parse(req.query.page);
      res.render('pages/decisions', { title: 'Văn bản', search, page, decisions: await decisionsList(db, search, page) });
    },

    async decision(req: Request, res: Response) {
      const { decision, changes } = await decisionDetail(db, idParam(req));
      res.render('pages/decision', { title: decision.number, decision, changes });
    },

    /** GET /changes: the register, filtered by period, type, scope and decision; voided changes struck through. */
    async changes(req: Request, res: Response) {
      const f = registerQuery.parse(req.query);
      const rootId = f.root ? await resolveUnitRef(db, f.root, [f.to ?? res.locals.at, ...(f.from ? [f.from] : [])]).catch(() => undefined) : undefined;
      const { total, changes } = await registerPage(db, { from: f.from, to: f.to, rootId, includeVoided: true, type: f.type, decision: f.decision, kind: f.kind }, f.page, PAGE);
      res.render('pages/changes', { title: 'Sổ thay đổi', filter: f, total, pages: Math.max(1, Math.ceil(total / PAGE)), changes: await describeChanges(db, changes), types: CHANGE_TYPES, unitKinds: KINDS });
    },

    async change(req: Request, res: Response) {
      const change = await changeDetail(db, idParam(req));
      res.render('pages/change', { title: `#${change.id}`, change, confirmVoid: req.path.endsWith('/void'), confirmReinstate: req.path.endsWith('/reinstate'), errors: {}, values: {} });
    },
  };
}
