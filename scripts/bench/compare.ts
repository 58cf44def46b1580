import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/db/connection.js';
import { recordChange, voidChange } from '../../src/services/change.service.js';
import { compareStructures } from '../../src/services/compare.service.js';
import { compareCountry, countryCorrespondence, forgetCountryAggregates } from '../../src/services/country-compare.service.js';
import { correspondence } from '../../src/services/correspondence.js';
import { countryVersions, forgetCountryVersions } from '../../src/services/country-versions.service.js';
import { writeCsv, writeXlsx } from '../../src/services/export.service.js';
import { tables } from '../../src/web/pages/report.tables.js';
import { figure, timeOnce, timeRuns, type Figure } from './measure.js';
import type { Picks } from './picks.js';
import { treeQuery, type Raw } from './raw.js';

export const FROM = '2024-01-01';
export const TO = '2025-07-01';

/** The two dates' units as sorted text lines, what GNU diff compares. */
export function textExport(raw: Raw, date: string, file: string): void {
  const rows = raw.prepare(`select unit_id, name, ifnull(code, ''), kind, subtype, ifnull(parent_id, '') from versions
    where valid_from <= ? and (valid_to is null or valid_to > ?) order by unit_id`).raw().all(date, date) as unknown[][];
  writeFileSync(file, rows.map((r) => r.join('\t')).join('\n') + '\n');
}

/** RSS sampled every 20 ms while `fn` runs: the peak, and how far above the start it went. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ peakMb: number; addedMb: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { peakMb: Math.round(peak / 1e6), addedMb: Math.round((peak - start) / 1e6) };
}

/** A village of the province on both dates, to rename and un-rename between comparisons. */
function villageOf(raw: Raw, provinceId: number): number {
  return raw.prepare(`with recursive sub(id) as (select ? union all select v.unit_id from versions v join sub on v.parent_id = sub.id
      where v.valid_from <= '${FROM}' and (v.valid_to is null or v.valid_to > '${FROM}'))
    select v.unit_id from versions v join sub on sub.id = v.unit_id where v.kind = 'village' and v.valid_from <= '${FROM}' and v.valid_to is null
    order by v.unit_id limit 1`).pluck().get(provinceId) as number;
}

function fileDone(file: string) {
  const out = createWriteStream(file);
  return { out, done: new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject)) };
}

/** Compare of the country against GNU diff, a province's correspondence, and the country's correspondence as XLSX. */
export async function benchCompare(db: Db, raw: Raw, p: Picks, runs: number): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-compare-'));
  const n = Math.min(runs, 5);
  try {
    const [a, b] = [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')];
    textExport(raw, FROM, a);
    textExport(raw, TO, b);
    let listed = '';
    const firstRead = await timeRuns(Math.min(n, 3), async () => {
      forgetCountryVersions(db);
      await countryVersions(db);
    }, 0);
    const country = await timeRuns(n, async () => {
      forgetCountryAggregates(db);
      const c = await compareCountry(db, { from: FROM, to: TO });
      listed = `${Object.values(c.statusCounts).reduce((x, y) => x + y, 0)} status marks counted, ${c.lineage.length} lineage lines, ${c.units.length} units of ${c.part?.name} listed`;
    }, 1);
    const diff = await timeRuns(n, () => spawnSync('diff', [a, b], { stdio: 'ignore' }), 1);
    const village = villageOf(raw, p.province.id);
    const afterChange: number[] = [];
    for (let i = 0, changeId = 0; i < n; i++) {
      if (changeId === 0) changeId = (await recordChange(db, { type: 'rename', effectiveOn: '2025-03-01', decision: { number: `${9000 + i}/QĐ-UBND` }, unit: { id: village }, name: `Thôn Thử Nghiệm ${i}` })).change.id;
      else (await voidChange(db, changeId, 'bench', 'thử (benchmark)'), (changeId = 0));
      afterChange.push((await timeOnce(() => compareCountry(db, { from: FROM, to: TO })))[0]);
    }
    const provinces = (await compareCountry(db, { from: FROM, to: TO }, { listUnits: false })).byChild;
    let k = 0;
    const nextPage = await timeRuns(n, () => compareCountry(db, { from: FROM, to: TO }, { partId: provinces[++k % provinces.length].unitId }), 1);
    const tree = treeQuery(raw);
    let rows = 0;
    const province = await timeRuns(n, async () => (rows = correspondence(await compareStructures(db, { from: FROM, to: TO, rootId: p.province.id })).length), 1);
    const bare = await timeRuns(n, () => [tree(p.province.id, FROM, 4), tree(p.province.id, TO, 4)], 1);
    const xlsx = path.join(dir, 'country.xlsx');
    let memory = { peakMb: 0, addedMb: 0 };
    const exportTimes: number[] = [];
    memory = await peakRss(async () => {
      const t = performance.now();
      const { out, done } = fileDone(xlsx);
      forgetCountryAggregates(db);
      await writeXlsx(out, { issuer: 'BỘ NỘI VỤ', title: 'Bảng tương ứng', period: `${FROM} – ${TO}` }, [tables('vi').correspondence(countryCorrespondence(db, { from: FROM, to: TO }))]);
      await done;
      exportTimes.push(performance.now() - t);
    });
    const csvTimes = await timeRuns(1, async () => {
      const { out, done } = fileDone(path.join(dir, 'country.csv'));
      forgetCountryAggregates(db);
      await writeCsv(out, tables('vi').correspondence(countryCorrespondence(db, { from: FROM, to: TO })));
      await done;
    }, 0);
    return [
      figure('compare-country', `the whole country's compare page/API, ${FROM} → ${TO} (counts, per province, statuses, lineage in words, one province listed), the country's versions in memory`, country, diff,
        'GNU diff of the two dates\' sorted text exports', { text: '≤ 1.5 s and ≤ 3× diff', ms: 1500, ratio: 3 }, listed),
      figure('compare-country-after-change', 'the same right after a change was recorded or voided (the versions it wrote re-read from the journal)', afterChange, diff,
        'GNU diff of the two dates\' sorted text exports', { text: '≤ 1.5 s and ≤ 3× diff', ms: 1500, ratio: 3 }),
      figure('country-versions-read', 'reading every version of the country into memory: once per process, in the background when the server is ready', firstRead, diff,
        'GNU diff of the two dates\' sorted text exports', { text: 'no target (once per process)' }),
      figure('compare-country-page', `the same, another province's units (the country's numbers kept while the register is unchanged)`, nextPage, diff,
        'GNU diff of the two dates\' sorted text exports', { text: '≤ 500 ms', ms: 500 }),
      figure('correspondence-province', `correspondence table of ${p.province.name} (${p.province.code}), ${FROM} → ${TO}`, province, bare,
        'the two subtrees by bare recursive SQL', { text: '≤ 500 ms', ms: 500 }, `${rows} rows`),
      figure('xlsx-country', `the country's correspondence as streamed XLSX, one province at a time, ${FROM} → ${TO}`, exportTimes, csvTimes,
        'the same rows as streamed CSV', { text: 'streams; peak RSS reported' }, `peak RSS ${memory.peakMb} MB (+${memory.addedMb} MB during the export)`),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
