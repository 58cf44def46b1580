import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface WriterProcess {
  /** Change ids committed so far, in order, with the units each created. */
  committed: { id: number; created: number }[];
  /** The `pending` lines of the never-ending transaction: changes in it so far, bytes of the WAL. */
  pending: { n: number; walBytes: number }[];
  /** Resolves once `ready()` holds; rejects if the writer exits or 30 s pass first. */
  until(ready: () => boolean): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts tests/support/change-writer.ts as its own process (no tsx wrapper, so a kill reaches it). */
export function startWriter(file: string, commits: number, hold = false): WriterProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/change-writer.ts', file, String(commits), ...(hold ? ['hold'] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const committed: WriterProcess['committed'] = [];
  const pending: WriterProcess['pending'] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const [what, a, b] = line.split(' ');
    if (what === 'committed') committed.push({ id: Number(a), created: Number(b) });
    if (what === 'pending') pending.push({ n: Number(a), walBytes: Number(b) });
  });
  const writer: WriterProcess = {
    committed,
    pending,
    until: (ready) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail('timed out'), 30_000);
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        lines.off('line', check);
        resolve();
      };
      const fail = (why: string) => reject(new Error(`writer ${why} before the test's condition held: ${stderr}`));
      lines.on('line', check);
      void exited.then(() => fail('exited'));
      check();
    }),
    kill: async (signal) => {
      child.kill(signal);
      await exited;
    },
  };
  return writer;
}
