import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The project's top level holds only what the user asked for, so this file lives in tests/ and names the root.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser journeys poll for what a page shows; a slow CI machine gets 10 s, not the default 1 s.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
