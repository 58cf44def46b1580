import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// TEST_DATABASE_URL=postgres://… runs the suite on PostgreSQL: files that are SQLite by nature
// (*.sqlite.test.ts: the file backup, WAL, a file shared by processes) stay out, and their
// PostgreSQL counterparts (*.postgres.test.ts) come in.
const postgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? '');

export default defineConfig({
  // The project's top level holds only what the user asked for, so this file lives in tests/ and names the root.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', postgres ? 'tests/**/*.sqlite.test.ts' : 'tests/**/*.postgres.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup.ts'],
    // Every test database on PostgreSQL is a CREATE DATABASE away, and property tests make one per run.
    testTimeout: postgres ? 240_000 : 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser journeys poll for what a page shows; a slow CI machine gets 10 s, not the default 1 s.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    reporters: ['default', 'json'],
    outputFile: { json: postgres ? 'test-results/vitest-postgres.json' : 'test-results/vitest.json' },
  },
});
