import { z } from 'zod';

const optional = z.string().min(1).optional();

/** Every environment variable the app reads, with its type and default: the one place that reads `process.env`. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Worker processes; SQLite in WAL mode lets them all read while one writes. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  DATABASE_URL: z.string().min(1).default('file:db/app.sqlite'),
  /** PostgreSQL connections per process (views/help/deployment.md: servers × workers × this < max_connections). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  SESSION_SECRET: optional,
  ADMIN_PASSWORD: optional,
  /** `none`: an empty database stays empty (no demo). */
  SEED: optional,
  TRUST_PROXY: optional,
  LOG_LEVEL: optional,
  /** Set by the test runner: logs are silent unless LOG_LEVEL says otherwise. */
  VITEST: optional,
});

export type Config = z.infer<typeof schema>;

/**
 * The configuration as the environment gives it now (an empty variable counts as unset); a
 * variable set wrong stops the caller with its name and what it takes, never a NaN port.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const r = schema.safeParse(given);
  if (!r.success) throw new Error(`configuration: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
