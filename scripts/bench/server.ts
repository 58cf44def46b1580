import { spawn } from 'node:child_process';
import { isPostgresUrl } from '../../src/db/connection.js';
import { readdirSync, readFileSync } from 'node:fs';
import type { Picks } from './picks.js';
import { benchAccount, signIn, type BenchAuth } from './account.js';
import { MERGE_DATE, SUMMARY_FROM, SUMMARY_TO, TREE_DATE } from './picks.js';

export interface ServerMemory {
  requests: number;
  ms: number;
  server: { pid: number; vmHwmMb: number; vmRssMb: number };
  wrapper: { pid: number; vmHwmMb: number; vmRssMb: number };
  target: string;
  pass: boolean;
}

function status(pid: number): { vmHwmMb: number; vmRssMb: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
  return { vmHwmMb: Math.round(kb('VmHWM') / 1024), vmRssMb: Math.round(kb('VmRSS') / 1024) };
}

/** tsx runs the script in a child node process: the server is the wrapper's child. */
function childOf(pid: number): number {
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return pid;
}

async function waitFor<T>(probe: () => T | undefined, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The API calls of one round: reads of several kinds, then a merge recorded and voided. */
async function round(base: string, p: Picks, i: number, auth: BenchAuth): Promise<number> {
  const get = async (path: string) => {
    const res = await fetch(base + path, { headers: { authorization: auth.bearer } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth.bearer }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ change: { id: number } }>;
  };
  const [into, ...absorbed] = p.mergeTriples[i].codes;
  await get(`/api/tree?root=${p.province.code}&depth=2&at=${TREE_DATE}`);
  await get(`/api/summary?root=${p.province.code}&from=${SUMMARY_FROM}&to=${SUMMARY_TO}`);
  await get(`/api/summary?from=${SUMMARY_FROM}&to=${SUMMARY_TO}`);
  await get(`/api/units/${p.historyUnit.id}`);
  const merged = await post('/api/changes', {
    type: 'merge', effectiveOn: MERGE_DATE, decision: { number: `${9000 + i}/NQ-UBTVQH15` }, absorbed: absorbed.map((code) => ({ code })), into: { code: into },
  });
  await post(`/api/changes/${merged.change.id}/void`, { reason: 'benchmark' });
  return 6;
}

export interface Running {
  base: string;
  child: ReturnType<typeof spawn>;
  output: () => string;
  /** The node process that serves (tsx runs the script in a child of its own). */
  serverPid: () => number;
  stop: () => Promise<void>;
  /** A token for /api and a signed-in session for pages (user `bench`, created on the copy). */
  auth: BenchAuth;
  account: Awaited<ReturnType<typeof benchAccount>>;
}

/**
 * The real server (`tsx src/server.ts`) on a copy of the dataset (a file, or a PostgreSQL URL), in
 * production mode, once it is ready. `account` reuses one made before (a second server on one database).
 */
export async function startServer(file: string, env: Record<string, string> = {}, account?: Awaited<ReturnType<typeof benchAccount>>): Promise<Running> {
  account ??= await benchAccount(file);
  const url = isPostgresUrl(file) ? file : `file:${file}`;
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: url, SESSION_SECRET: 'bench', SEED: 'none', PORT: '0', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  try {
    const port = await waitFor(() => /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1]);
    await waitFor(() => (output.includes('ready') ? true : undefined));
    const base = `http://127.0.0.1:${port}`;
    const auth = { bearer: account.bearer, cookie: await signIn(base, account.username, account.password) };
    return { base, child, output: () => output, serverPid: () => childOf(child.pid!), stop, auth, account };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Starts the real server on `file`, drives the API for `rounds` rounds, reads its peak and current memory. */
export async function benchServer(file: string, p: Picks, rounds: number): Promise<ServerMemory> {
  const running = await startServer(file);
  try {
    const started = performance.now();
    let requests = 0;
    for (let i = 0; i < rounds; i++) {
      requests += await round(running.base, p, i, running.auth).catch((err) => {
        throw new Error(`${String(err)}; the server said:\n${running.output().slice(-2000)}`);
      });
    }
    const server = running.serverPid();
    const mem = status(server);
    return {
      requests, ms: Math.round(performance.now() - started), server: { pid: server, ...mem }, wrapper: { pid: running.child.pid!, ...status(running.child.pid!) },
      target: '≤ 400 MB RSS', pass: mem.vmHwmMb <= 400,
    };
  } finally {
    await running.stop();
  }
}
