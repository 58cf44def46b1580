import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';

describe('readConfig: the environment, parsed once per read with its types and defaults', () => {
  it('gives the defaults for an empty environment, and counts an empty variable as unset', () => {
    const c = readConfig({ SESSION_SECRET: '', PORT: '' });
    expect(c).toMatchObject({ PORT: 3000, WEB_CONCURRENCY: 1, DATABASE_URL: 'file:db/app.sqlite', DATABASE_POOL_SIZE: 10 });
    expect(c.SESSION_SECRET).toBeUndefined();
  });

  it('reads numbers as numbers and keeps the strings it is given', () => {
    expect(readConfig({ PORT: '8080', WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://x/y', DATABASE_POOL_SIZE: '4', SEED: 'none' }))
      .toMatchObject({ PORT: 8080, WEB_CONCURRENCY: 2, DATABASE_URL: 'postgres://x/y', DATABASE_POOL_SIZE: 4, SEED: 'none' });
  });

  it('refuses a variable set wrong by its name, never a NaN', () => {
    expect(() => readConfig({ PORT: 'abc' })).toThrow(/configuration: PORT:/);
    expect(() => readConfig({ WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/);
  });
});
