import { get } from 'node:http';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, startServer, waitFor } from '../support/processes.js';

/** The pids of the workers that said they listen, in order. */
const listening = (logs: Record<string, unknown>[]) => logs.filter((l) => l.msg === 'listening').map((l) => l.pid as number);

/** A GET on a new connection each time (fetch keeps one alive, and a connection stays with its worker). */
function statusOf(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => get(url, { agent: false }, (res) => res.resume().on('end', () => resolve(res.statusCode))).on('error', reject));
}

function holdPort(): Promise<Server & { port: number }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => resolve(Object.assign(server, { port: (server.address() as { port: number }).port })));
  });
}

describe('the cluster primary supervises its workers', () => {
  it('replaces a worker killed with SIGKILL, the new one serves requests, and SIGTERM still exits 0', async () => {
    const port = await freePort();
    const server = startServer({ PORT: String(port), WEB_CONCURRENCY: '2' });
    try {
      const [victim] = await waitFor(() => (listening(server.logs()).length >= 2 ? listening(server.logs()) : undefined), 60_000);
      process.kill(victim, 'SIGKILL');
      const fresh = await waitFor(() => listening(server.logs()).slice(2)[0], 60_000);
      expect(server.logs()).toContainEqual(expect.objectContaining({ msg: 'worker died', workerPid: victim, signal: 'SIGKILL' }));
      // New connections are shared round-robin between the workers: the replacement answers some of them.
      for (let i = 0; i < 20 && !server.logs().some((l) => l.pid === fresh && l.msg === 'request completed'); i++) {
        expect(await statusOf(`http://127.0.0.1:${port}/favicon.ico`)).toBe(204);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(server.logs()).toContainEqual(expect.objectContaining({ pid: fresh, msg: 'request completed', res: { statusCode: 204 } }));
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      server.cleanUp();
    }
  }, 120_000);

  it('exits non-zero when its workers keep failing to start (their port is taken)', async () => {
    const taken = await holdPort();
    const server = startServer({ PORT: String(taken.port), WEB_CONCURRENCY: '2' });
    try {
      expect(await server.exited).toBe(1);
      expect(server.logs()).toContainEqual(expect.objectContaining({ msg: 'workers keep crashing; giving up' }));
      expect(server.output()).not.toContain('listening on');
    } finally {
      server.cleanUp();
      taken.close();
    }
  }, 120_000);

  it('a single server process that cannot listen exits non-zero instead of pretending to serve', async () => {
    const taken = await holdPort();
    const server = startServer({ PORT: String(taken.port) });
    try {
      expect(await server.exited).toBe(1);
      expect(server.logs()).toContainEqual(expect.objectContaining({ msg: 'cannot listen', err: expect.objectContaining({ code: 'EADDRINUSE' }) }));
    } finally {
      server.cleanUp();
      taken.close();
    }
  }, 60_000);
});
