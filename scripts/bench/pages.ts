import autocannon from 'autocannon';
import { addDays } from '../../src/domain/dates.js';
import { figure, timeRuns, type Figure } from './measure.js';
import { TREE_DATE, type Picks } from './picks.js';
import { startServer } from './server.js';

export interface Load {
  url: string;
  workers: number;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  errors: number;
  target: string;
  pass: boolean;
}

/** The pages of the UI a user opens on a province of the national dataset; each must answer in ≤ 100 ms. */
function paths(p: Picks, changeId: number, decisionId: number): [string, string][] {
  const at = `at=${TREE_DATE}`;
  return [
    ['page /', `/?province=${p.province.code}&${at}`],
    ['page /tree', `/tree?province=${p.province.code}&${at}`],
    ['page /tree/children', `/tree/children/${p.province.id}?${at}`],
    ['page /search', `/search?q=thuy&${at}`],
    ['page /units/:id', `/units/${p.historyUnit.id}?${at}`],
    ['page /changes', `/changes?root=${p.province.code}&${at}`],
    ['page /changes/:id', `/changes/${changeId}?${at}`],
    ['page /decisions', `/decisions?${at}`],
    ['page /decisions/:id', `/decisions/${decisionId}?${at}`],
    ['page /changes/new', `/changes/new?type=merge&${at}`],
  ];
}

/**
 * The compare page of the province, and of the whole country for a new pair of dates each time
 * (the later date moves by a day), so that no run finds the country's numbers already kept.
 */
async function comparePages(base: string, cookie: string, p: Picks, runs: number): Promise<Figure[]> {
  const floor = await timeRuns(runs, () => get(`${base}/healthz`), 3);
  const province = `/compare?from=2024-01-01&to=2025-07-01&root=${p.province.code}`;
  const country = (i: number) => `/compare?from=2024-01-01&to=${addDays('2025-07-01', i + 4)}&root=`;
  return [
    figure('page /compare (province)', `GET ${province}`, await timeRuns(runs, () => get(base + province, cookie), 3), floor,
      'GET /healthz on the same server (the bare HTTP round trip)', { text: '≤ 500 ms', ms: 500 }),
    figure('page /compare (country)', `GET ${country(0)} and the next days: the country's numbers computed each time, its versions in memory`,
      await timeRuns(runs, (i) => get(base + country(i), cookie), 3), floor, 'GET /healthz on the same server (the bare HTTP round trip)', { text: '≤ 1.5 s', ms: 1500 }),
  ];
}

/** A page of issue 17 judged on time and on size: the org chart and the flow must stay under 1 MB. */
async function sizedPage(base: string, cookie: string, floor: number[], runs: number, id: string, path: (i: number) => string, ms: number, what: string): Promise<Figure> {
  let bytes = 0;
  const times = await timeRuns(runs, async (i) => { bytes = Math.max(bytes, Buffer.byteLength(await get(base + path(i), cookie))); }, 3);
  const f = figure(id, `GET ${path(0)}${what}`, times, floor, 'GET /healthz on the same server (the bare HTTP round trip)', { text: `≤ ${ms} ms, page < 1 MB`, ms },
    `page ${Math.round(bytes / 1024)} KB`);
  return { ...f, pass: f.pass && bytes < 1_000_000 };
}

/**
 * Issue 17: the org chart of a province (the page as it opens, two levels; and three levels of
 * everything, capped at 1,500 boxes, after the reform), and the flow of the national reform grouped
 * by province, the later date moving by a day each run so that no run finds it kept.
 */
async function chartPages(base: string, cookie: string, p: Picks, runs: number): Promise<Figure[]> {
  const floor = await timeRuns(runs, () => get(`${base}/healthz`), 3);
  const chart = `/units/${p.province.id}/chart`;
  return [
    await sizedPage(base, cookie, floor, runs, 'page /units/:id/chart (province)', () => `${chart}?at=${TREE_DATE}&depth=2`, 200, ''),
    await sizedPage(base, cookie, floor, runs, 'page /units/:id/chart (province, deep)', () => `${chart}?at=2025-07-01&depth=3&show=all`, 200, ': three levels of everything, capped at 1,500 boxes'),
    await sizedPage(base, cookie, floor, runs, 'page /compare/flow (country)', (i) => `/compare/flow?from=2025-06-30&to=${addDays('2025-07-01', i + 4)}&root=&kind=commune`, 500,
      ' and the next days: the communes of the national reform grouped by province'),
  ];
}

async function get(url: string, cookie = ''): Promise<string> {
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return body;
}

/**
 * Times every page on the real server (loopback round trips, an upper bound of server time), then
 * loads the tree page of one province with autocannon -c 10 for 10 s, workers on both cores.
 */
export async function benchPages(file: string, p: Picks, runs: number): Promise<{ figures: Figure[]; load: Load }> {
  const workers = 2;
  const running = await startServer(file, { WEB_CONCURRENCY: String(workers) });
  try {
    const { cookie, bearer } = running.auth;
    const changes = await (await fetch(`${running.base}/api/changes?root=${p.province.code}&to=${TREE_DATE}`, { headers: { authorization: bearer } })).json() as { changes: { id: number; decision: string }[] };
    const changeId = changes.changes.at(-1)!.id;
    const decisions = await get(`${running.base}/decisions`, cookie);
    const decisionId = Number(/href="\/decisions\/(\d+)/.exec(decisions)![1]);
    const figures: Figure[] = [];
    const floor = await timeRuns(runs, () => get(`${running.base}/healthz`), 3);
    for (const [id, path] of paths(p, changeId, decisionId)) {
      const times = await timeRuns(runs, () => get(running.base + path, cookie), 3);
      figures.push(figure(id, `GET ${path}`, times, floor, 'GET /healthz on the same server (the bare HTTP round trip)', { text: '≤ 100 ms', ms: 100 }));
    }
    figures.push(...await comparePages(running.base, cookie, p, runs));
    figures.push(...await chartPages(running.base, cookie, p, runs));
    const url = `${running.base}/tree?province=${p.province.code}&at=${TREE_DATE}`;
    await autocannon({ url, connections: 10, duration: 3, headers: { cookie } });
    const r = await autocannon({ url, connections: 10, duration: 10, headers: { cookie } });
    const load: Load = {
      url: url.replace(running.base, ''), workers, connections: 10, seconds: 10, requestsPerSecond: Math.round(r.requests.average),
      latencyP50: r.latency.p50, latencyP99: r.latency.p99, errors: r.errors + r.non2xx, target: '≥ 300 req/s, p99 ≤ 100 ms',
      pass: r.requests.average >= 300 && r.latency.p99 <= 100 && r.errors + r.non2xx === 0,
    };
    return { figures, load };
  } finally {
    await running.stop();
  }
}

