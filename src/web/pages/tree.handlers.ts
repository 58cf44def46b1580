import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { ancestorsOn, branchOn, resolveUnitRef, searchUnits, treeOn } from '../../services/query.service.js';
import { heldBranchesOn } from '../../services/scope-tree.service.js';
import { scopeTimeline } from '../../services/timeline.service.js';
import { unitRef } from '../validation.js';
import { timelineView } from './timeline.view.js';
import { idParam } from '../params.js';

const treeQuery = z.object({ root: unitRef.optional(), focus: z.coerce.number().int().positive().optional() });

export function treeHandlers(db: Db) {
  return {
    /** GET /tree: the tree on the date in view, below the root (the province in view by default). */
    async tree(req: Request, res: Response) {
      const q = treeQuery.safeParse(req.query);
      const at: string = res.locals.at;
      const ref = q.success && q.data.root ? q.data.root : res.locals.province ? `id:${res.locals.province.id}` : null;
      const rootId = ref ? await resolveUnitRef(db, ref, [at]) : null;
      const branch = rootId === null ? { node: undefined, large: true } : await branchOn(db, at, rootId);
      const held = rootId !== null && !branch.node ? await heldBranchesOn(db, at, rootId) : null;
      const large = held?.nodes.length ? held.large : branch.large;
      const nodes = rootId === null ? await treeOn(db, at, null, 0) : branch.node ? [branch.node] : held?.nodes ?? [];
      const path = rootId && branch.node ? await ancestorsOn(db, rootId, at) : [];
      const timeline = timelineView(await scopeTimeline(db, rootId, at), res.locals as never, '/tree', { root: q.success ? q.data.root : undefined });
      res.render('pages/tree', { title: nodes[0]?.name ?? 'Cây tổ chức', nodes, path, large, timeline, held: held?.scope ?? null, focus: q.success ? q.data.focus : undefined, rootMissing: rootId !== null && nodes.length === 0 });
    },

    /** GET /tree/children/:id: one more level, as an HTML fragment for a branch opened in the browser. */
    async children(req: Request, res: Response) {
      const id = idParam(req);
      const at: string = res.locals.at;
      const kind = typeof req.query.kind === 'string' ? req.query.kind : undefined;
      const [node] = await treeOn(db, at, id, 1);
      const children = (node?.children ?? []).filter((c) => !kind || c.kind === kind);
      res.render('partials/tree-children', { nodes: children, depth: 1, focus: undefined, grouped: false, top: false });
    },

    /** GET /search?q=: by name with or without diacritics, or by official code. */
    async search(req: Request, res: Response) {
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
      const hits = q ? await searchUnits(db, q, res.locals.at) : [];
      res.render('pages/search', { title: q || 'Tìm kiếm', q, hits });
    },
  };
}
