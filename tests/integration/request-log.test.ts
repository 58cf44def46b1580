import type { KyselyPlugin, RootOperationNode } from 'kysely';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { createLogger } from '../../src/logger.js';
import { createApp } from '../../src/web/app.js';
import { newUser, sessionCookie, TEST_SECRET, type TestUser } from '../support/auth.js';
import { newTestDb } from '../support/db.js';

/** Reading the targets fails as a full disk would make it fail, wrapped by the code that met it. */
const failingTargets: KyselyPlugin = {
  transformQuery({ node }: { node: RootOperationNode }) {
    if (node.kind === 'SelectQueryNode' && JSON.stringify(node).includes('"name":"targets"')) {
      throw new Error('could not read the targets', { cause: Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }) });
    }
    return node;
  },
  transformResult: async ({ result }) => result,
};

describe('request logs', () => {
  let db: Db;
  let user: TestUser;
  let lines: Record<string, unknown>[];
  const app = () => createApp(db.withPlugin(failingTargets), undefined, {
    sessionSecret: TEST_SECRET, logger: createLogger({ write: (s: string) => void lines.push(JSON.parse(s)) }, 'info'),
  });

  beforeEach(async () => {
    db = await newTestDb();
    user = await newUser(db, 'bien-tap', 'viewer');
    lines = [];
  });

  it('a failed page logs one error line with the request id, the user, the status, the duration and the cause; the page shows the id', async () => {
    const res = await request(app()).get('/targets').set('Cookie', await sessionCookie(db, user.id));
    expect(res.status).toBeGreaterThanOrEqual(500); // 503 where errors.ts recognises the full disk
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).toContain(id);
    const line = lines.find((l) => l.reqId === id);
    expect(line).toMatchObject({
      level: 50, user: 'bien-tap', req: { method: 'GET', url: '/targets' }, res: { statusCode: res.status },
      err: { message: expect.stringContaining('could not read the targets'), cause: { message: 'database or disk is full', code: 'SQLITE_FULL' } },
    });
    expect(line!.responseTime).toEqual(expect.any(Number));
  });

  it('an API error names the request id in its body; a sane incoming X-Request-Id is kept, anything else replaced', async () => {
    const res = await request(app()).get('/api/targets').set('Authorization', `Bearer ${user.token}`).set('X-Request-Id', 'proxy-id-0001');
    expect(res.status).toBeGreaterThanOrEqual(500); // 503 where errors.ts recognises the full disk
    expect(res.headers['x-request-id']).toBe('proxy-id-0001');
    expect(res.body.requestId).toBe('proxy-id-0001');
    expect(lines).toContainEqual(expect.objectContaining({ reqId: 'proxy-id-0001', user: 'bien-tap', err: expect.objectContaining({ cause: expect.anything() }) }));
    const forged = await request(app()).get('/login').set('X-Request-Id', 'x","level":60,"msg":"forged');
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every line a request writes carries its id, and cookies and tokens are never logged', async () => {
    const res = await request(app()).get('/login').set('Cookie', 'sid=secret-cookie');
    const line = lines.find((l) => l.reqId === res.headers['x-request-id']);
    expect(line).toMatchObject({ level: 30, msg: 'request completed', res: { statusCode: 200 } });
    expect(JSON.stringify(lines)).not.toContain('secret-cookie');
  });
});
