import type { Db } from '../../src/db/connection.js';
import { summary, treeOn, unitDetail, type TreeNode } from '../../src/services/query.service.js';
import { figure, timeRuns, type Figure } from './measure.js';
import { SUMMARY_FROM, SUMMARY_TO, TREE_DATE, type Picks } from './picks.js';
import { historyQuery, summaryQuery, treeQuery, type Raw } from './raw.js';

function countNodes(nodes: TreeNode[]): number {
  return nodes.reduce((n, x) => n + 1 + countNodes(x.children), 0);
}

/** The read figures: a province's tree, a unit's history, the summary of a province and of the country. */
export async function benchReads(db: Db, raw: Raw, p: Picks, runs: number): Promise<Figure[]> {
  const tree = treeQuery(raw);
  const history = historyQuery(raw);
  const counts = summaryQuery(raw);
  const province = p.province.id;
  const { rows, counts: childCounts } = tree(province, TREE_DATE, 2);
  const nodes = countNodes(await treeOn(db, TREE_DATE, province, 2));
  const treeNote = nodes === rows.length ? `${nodes} nodes, ${childCounts.length} child counts` : `CHECK: the service gave ${nodes} nodes, the bare query ${rows.length}`;
  const where = `${p.province.name} (${p.province.code}), ${p.province.communes} communes`;
  return [
    figure('tree', `tree of one province on ${TREE_DATE}, depth 2 — ${where}`,
      await timeRuns(runs, () => treeOn(db, TREE_DATE, province, 2)), await timeRuns(runs, () => tree(province, TREE_DATE, 2)),
      'the same recursive SQL and grouped child counts', { text: '≤ 30 ms and ≤ 3× bare', ms: 30, ratio: 3 }, treeNote),
    figure('history', `one unit's history — ${p.historyUnit.name} (id ${p.historyUnit.id}, ${p.historyUnit.changes} changes)`,
      await timeRuns(runs, () => unitDetail(db, p.historyUnit.id)), await timeRuns(runs, () => history(p.historyUnit.id)),
      'versions, changes, lineage, linked names', { text: '≤ 10 ms', ms: 10 }),
    figure('summary-province', `summary of ${where}, ${SUMMARY_FROM} → ${SUMMARY_TO}`,
      await timeRuns(runs, () => summary(db, province, SUMMARY_FROM, SUMMARY_TO)), await timeRuns(runs, () => counts(province, SUMMARY_FROM, SUMMARY_TO)),
      'the same recursive count SQL, two dates', { text: '≤ 50 ms', ms: 50 }),
    figure('summary-country', `summary of the whole country, ${SUMMARY_FROM} → ${SUMMARY_TO}`,
      await timeRuns(runs, () => summary(db, null, SUMMARY_FROM, SUMMARY_TO)), await timeRuns(runs, () => counts(null, SUMMARY_FROM, SUMMARY_TO)),
      'the same group-by SQL, two dates', { text: '≤ 500 ms', ms: 500 }),
  ];
}
