import type { IsoDate } from './dates.js';
import type { Movement } from './staffing.js';

/** Luân chuyển (rotation, to train a leader) and điều động (transfer by order): the two ways a leader is moved. */
export const TRANSFER_KINDS = ['luan_chuyen', 'dieu_dong'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export type LeaderMovement = Pick<Movement, 'on' | 'delta' | 'reason'> & { leader: boolean; transferKind: TransferKind | null };

/**
 * Leaders rotated or transferred in [since, until], counted from the staff movements: each leader
 * leaves a post by a transfer out marked luân chuyển or điều động, so a move between two units of
 * the scope counts once (its transfer in is not counted again). A leader who arrives from outside
 * the scope was not moved by it and is not counted.
 */
export function countLeaderRotations(movements: readonly LeaderMovement[], since: IsoDate | null, until: IsoDate): number {
  let n = 0;
  for (const m of movements) {
    if (!m.leader || m.transferKind === null || m.reason !== 'transfer_out') continue;
    if (m.on > until || (since !== null && m.on < since)) continue;
    n += Math.abs(m.delta);
  }
  return n;
}
