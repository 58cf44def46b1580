import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { readConfig } from './config.js';

export type { Logger };

/**
 * JSON lines on stdout for the operator (level from LOG_LEVEL, `info` by default). An error keeps
 * its `cause` chain, so "database or disk is full" is not lost behind the error that wrapped it.
 * Silent under vitest unless LOG_LEVEL asks, so test output stays readable.
 */
export function createLogger(destination?: DestinationStream, level = readConfig().LOG_LEVEL ?? (readConfig().VITEST ? 'silent' : 'info')): Logger {
  return pino({ level, serializers: { err: stdSerializers.errWithCause } }, destination);
}

/** The process's logger: the server's start, ready and shutdown, the cluster's supervision, and every request. */
export const logger = createLogger();
