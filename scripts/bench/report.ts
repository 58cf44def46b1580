import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { Figure } from './measure.js';
import type { Load } from './pages.js';
import type { ServerMemory } from './server.js';

export interface Report {
  when: string;
  machine: { node: string; cores: number; cpu: string; platform: string };
  dataset: Record<string, number | string>;
  runs: number;
  figures: Figure[];
  /** Absent when only the reform was measured (--only reform). */
  server?: ServerMemory;
  load?: Load;
}

export function machine(): Report['machine'] {
  return { node: process.version, cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', platform: `${process.platform} ${process.arch}` };
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 1)} ms`);

function pad(cells: string[][]): string {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`).join('\n');
}

/** The table printed to the terminal (Markdown, so it can be pasted into a note as is). */
export function table(r: Report): string {
  const head = ['operation', 'runs', 'median', 'p95', 'baseline median', 'ratio', 'target', 'pass'];
  const rows = r.figures.map((f) => [
    f.id, String(f.service.runs), ms(f.service.median), ms(f.service.p95), ms(f.baseline.median), `${f.ratio}×`, f.target.text, f.pass ? 'yes' : 'NO',
  ]);
  const s = r.server;
  if (s) rows.push(['server memory', `${s.requests} req`, `peak ${s.server.vmHwmMb} MB`, `now ${s.server.vmRssMb} MB`, '—', '—', s.target, s.pass ? 'yes' : 'NO']);
  const l = r.load;
  if (l) rows.push(['tree page load', `${l.seconds} s`, `${l.requestsPerSecond} req/s`, `p99 ${l.latencyP99} ms`, `p50 ${l.latencyP50} ms`, '—', l.target, l.pass ? 'yes' : 'NO']);
  const lines = [
    `Node ${r.machine.node}, ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.platform}`,
    `dataset: ${Object.entries(r.dataset).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    pad([head, head.map((h) => '-'.repeat(h.length)), ...rows]),
    '',
    ...r.figures.map((f) => `- ${f.id}: ${f.operation}; baseline: ${f.baseline.what}${f.note ? `; ${f.note}` : ''}`),
    ...(l ? [`- tree page load: autocannon -c ${l.connections} for ${l.seconds} s on ${l.url}, NODE_ENV=production, WEB_CONCURRENCY=${l.workers}; ${l.errors} errors`] : []),
    ...(s ? [`- server memory: the real server (tsx src/server.ts) after ${s.requests} API requests in ${ms(s.ms)}; VmHWM/VmRSS of the server process (the tsx wrapper: ${s.wrapper.vmRssMb} MB)`] : []),
  ];
  return lines.join('\n');
}

export function writeJson(file: string, r: Report): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
}
