import { layOutChart, type ChartUnit } from '../src/domain/org-chart.js';
import { chartSvg } from '../src/domain/org-chart-svg.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { chartData } from '../src/services/org-chart.service.js';
import { flowBetween } from '../src/services/flow.service.js';
import { resolveUnitRef } from '../src/services/query.service.js';
import { drawChart } from '../src/web/pages/org-chart.view.js';
import { seedDemo } from '../seeds/index.js';
import { provincesOn } from '../src/services/query.service.js';
import { args } from './cli.js';

const { values } = args({ db: { type: 'string' } });

/**
 * npx tsx scripts/bench-org-chart.ts [--db FILE] — the org chart and the flow (issue 17): median of
 * 10 runs of the server's work on the Lào Cai demo (in memory), of layout + SVG alone on synthetic
 * trees of national size and, with --db, on a generated national dataset (npm run generate -- --out FILE).
 */
async function median(label: string, fn: () => Promise<unknown> | unknown, note = ''): Promise<void> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(62)} ${times[5].toFixed(1).padStart(8)} ms ${note}`);
}

const words = { title: 'bench', staff: (a: number, q: number) => `${a}/${q}`, hidden: (n: number) => `+${n}` };
let next = 1;
const grow = (name: string, widths: number[]): ChartUnit => ({
  id: next++, name, type: 'Xã', code: String(next).padStart(5, '0'), staff: { actual: 10, quota: 12 }, status: null, hidden: 0,
  children: widths.length ? Array.from({ length: widths[0] }, (_, i) => grow(`${name}.${i + 1}`, widths.slice(1))) : [],
});
const boxes = (u: ChartUnit): number => 1 + u.children.reduce((a, c) => a + boxes(c), 0);

const db = openDatabase(':memory:');
await migrateToLatest(db);
await seedDemo(db);
const laoCai = await resolveUnitRef(db, '15', ['2025-07-01']);
const draw = async (depth: number, show: 'all' | 'territorial') => {
  const d = await chartData(db, laoCai, '2025-07-01', depth, show);
  return drawChart(d, 'vi', { title: 't', idPrefix: 'oc', href: (id) => `/units/${id}` })!;
};
const svgKb = async (depth: number, show: 'all' | 'territorial') => `${(await draw(depth, show)).boxes} boxes, SVG ${Math.round((await draw(depth, show)).svg.length / 1024)} KB`;
await median('demo: new Lào Cai, 99 communes (data + layout + SVG)', () => draw(1, 'territorial'), await svgKb(1, 'territorial'));
await median('demo: new Lào Cai, everything one level down', () => draw(1, 'all'), await svgKb(1, 'all'));
await median('demo: new Lào Cai, communes and villages (capped at 1,500)', () => draw(3, 'territorial'), await svgKb(3, 'territorial'));
const none = { before: '-', after: '-' };
await median('demo: flow 30/06 → 01/07/2025, scope 15, communes', () => flowBetween(db, { from: '2025-06-30', to: '2025-07-01', rootId: laoCai, kind: 'commune', group: 'unit' }, none));
await median('demo: flow 30/06 → 01/07/2025, country by province', () => flowBetween(db, { from: '2025-06-30', to: '2025-07-01', rootId: null, kind: 'commune', group: 'unit' }, none));
await db.destroy();

for (const [label, widths] of [
  ['synthetic: one province, 99 communes', [99]],
  ['synthetic: province, 10 districts × 16 communes', [10, 16]],
  ['synthetic: province, 10 × 16 × 12 villages (2,091 boxes)', [10, 16, 12]],
  ['synthetic: country, 63 × 10 × 16 (10,774 boxes)', [63, 10, 16]],
  ['synthetic: country, 34 × 100 × 15 (54,435 boxes)', [34, 100, 15]],
] as const) {
  const root = grow('Root', [...widths]);
  const layout = layOutChart(root);
  const svg = chartSvg(layout, { words, href: (id) => `/units/${id}`, idPrefix: 'oc' });
  await median(`${label}: layout`, () => layOutChart(root));
  await median(`${label}: layout + SVG`, () => chartSvg(layOutChart(root), { words, href: (id) => `/units/${id}`, idPrefix: 'oc' }), `${boxes(root)} boxes, ${layout.width}×${layout.height} px, SVG ${Math.round(svg.length / 1024)} KB`);
}

if (values.db) {
  const national = openDatabase(`file:${values.db}`);
  const provinces = await provincesOn(national, '2024-01-01');
  const after = await provincesOn(national, '2025-07-01');
  const t0 = performance.now();
  await chartData(national, provinces[0].id, '2024-01-01', 2);
  console.log(`national: first chart after start (reads the country's versions)`.padEnd(62), `${(performance.now() - t0).toFixed(0).padStart(8)} ms`);
  const drawIn = (id: number, at: string, depth: number, show: 'all' | 'territorial' | 'agency') => async () =>
    drawChart(await chartData(national, id, at, depth, show), 'vi', { title: 't', idPrefix: 'oc', href: (u) => `/units/${u}` })!;
  for (const [label, id, at, depth, show] of [
    [`national: ${provinces[0].name} 2024, depth 1, all`, provinces[0].id, '2024-01-01', 1, 'all'],
    [`national: ${provinces[0].name} 2024, depth 2, territorial`, provinces[0].id, '2024-01-01', 2, 'territorial'],
    [`national: ${provinces[0].name} 2024, depth 2, all`, provinces[0].id, '2024-01-01', 2, 'all'],
    [`national: ${after[0].name} 2025-07-01, depth 1, territorial`, after[0].id, '2025-07-01', 1, 'territorial'],
    [`national: ${after[0].name} 2025-07-01, depth 3, all (capped)`, after[0].id, '2025-07-01', 3, 'all'],
  ] as const) {
    const d = await drawIn(id, at, depth, show)();
    await median(label, drawIn(id, at, depth, show), `${d.boxes} boxes, SVG ${Math.round(d.svg.length / 1024)} KB`);
  }
  await median('national: flow 30/06 → 01/07/2025, country by province', () => flowBetween(national, { from: '2025-06-30', to: '2025-07-01', rootId: null, kind: 'commune', group: 'unit' }, none));
  await median(`national: flow 30/06 → 01/07/2025, ${after[0].name}, communes`, () => flowBetween(national, { from: '2025-06-30', to: '2025-07-01', rootId: after[0].id, kind: 'commune', group: 'unit' }, none));
  await national.destroy();
}
