import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every 50 ms until it gives a value (a rejection counts as none yet). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve().then(probe).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The JSON log lines so far (LOG_LEVEL=info). */
  logs(): Record<string, unknown>[];
  exited: Promise<number | null>;
  /** Kills what is left and removes the database. */
  cleanUp(): void;
}

/** `tsx src/server.ts` as `npm start` runs it, on a fresh database without the demo, logging at info. */
export function startServer(env: Record<string, string>): ServerProcess {
  const dir = mkdtempSync(path.join(tmpdir(), 'server-'));
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: `file:${dir}/app.sqlite`, NODE_ENV: 'production', SEED: 'none', ADMIN_PASSWORD: 'mat-khau-quan-tri', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'], detached: true, // its own process group: tsx, the server and its workers end together
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Only whole lines: the last one may still be arriving.
  const logs = () => output.split('\n').slice(0, -1).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { child, output: () => output, logs, exited, cleanUp: () => (killGroup(child.pid), rmSync(dir, { recursive: true, force: true })) };
}

/** SIGKILL to the tsx wrapper alone would leave the server it started running: end its whole group. */
export function killGroup(pid: number | undefined): void {
  try {
    if (pid !== undefined) process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
