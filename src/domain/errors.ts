/**
 * A rule of the tree was broken. `code` names the rule (messages live in the web layer's
 * catalogue), `params` fill the message, `path` points at the input field when one is to blame.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly path: string | null = null,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'DomainError';
  }
}

/** A later recorded change that no longer applies once an earlier one is recorded or voided. */
export class ReplayConflict extends DomainError {
  constructor(
    readonly changeId: number,
    readonly reason: DomainError,
  ) {
    super('REPLAY_CONFLICT', { ...reason.params, changeId, reason: reason.code });
  }
}

export class NotFoundError extends Error {
  constructor(readonly what: string, readonly ref: string) {
    super(`${what} not found: ${ref}`);
    this.name = 'NotFoundError';
  }
}
