import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger.js';

/** Replacements wait 1 s, then 2, 4 … up to 30 s while workers keep dying; a worker that lived a minute resets the wait. */
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
const HEALTHY_AFTER_MS = 60_000;
/** This many deaths within a minute means workers cannot be kept up (a taken port, a broken database). */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/**
 * The cluster's primary keeps `count` workers up: a worker that dies unexpectedly is replaced after
 * a back-off. It exits 0 only after a clean SIGTERM/SIGINT; when workers keep crashing it stops the
 * rest and exits 1, so that a supervisor (systemd `Restart=on-failure`, Docker, Kubernetes) sees the
 * failure instead of a site that is silently down.
 */
export function supervise(count: number, log: Logger): void {
  const born = new Map<number, number>();
  const crashes: number[] = [];
  let delay = FIRST_DELAY_MS;
  let stopping: { code: number } | null = null;

  const fork = () => {
    if (stopping) return;
    const worker = cluster.fork();
    born.set(worker.id, Date.now());
  };
  // A dead worker can linger in cluster.workers until its IPC channel closes.
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());

  const stop = (code: number) => {
    if (stopping) return;
    stopping = { code };
    log.info({ workers: alive().length }, code === 0 ? 'shutting down' : 'stopping the remaining workers');
    for (const w of alive()) w.process.kill('SIGTERM');
    if (alive().length === 0) process.exit(code);
    // A worker that will not stop in time is killed, and that is not a clean shutdown.
    setTimeout(() => {
      for (const w of alive()) w.process.kill('SIGKILL');
      log.error('workers did not stop in time');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (born.get(worker.id) ?? Date.now());
    born.delete(worker.id);
    if (stopping) {
      if (alive().length === 0) process.exit(stopping.code);
      return;
    }
    log.error({ workerPid: worker.process.pid, code, signal, livedMs: lived }, 'worker died');
    const now = Date.now();
    crashes.push(now);
    while (crashes[0] < now - CRASH_WINDOW_MS) crashes.shift();
    if (crashes.length >= MAX_CRASHES) {
      log.fatal({ crashes: crashes.length, withinMs: CRASH_WINDOW_MS }, 'workers keep crashing; giving up');
      return stop(1);
    }
    if (lived >= HEALTHY_AFTER_MS) delay = FIRST_DELAY_MS;
    log.info({ inMs: delay }, 'replacing the worker');
    setTimeout(fork, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  });

  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  for (let i = 0; i < count; i++) fork();
}
