import type { Writer } from '../../src/services/scope.service.js';

/** The writer a service test acts as: an administrator (scope null: everything) unless given a scope unit. */
export const writer = (username = 'test', scopeUnitId: number | null = null): Writer => ({ username, scopeUnitId });
