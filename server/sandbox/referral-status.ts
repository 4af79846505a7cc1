import { REFERRAL_STATUSES } from '../../shared/referralrock.js';
import type { Referral, ReferralStatus } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';

/**
 * The status rules: every referral starts Pending; Approved is final; Denied can only go back to
 * Pending (and Pending to Denied). Pending and Qualified may move on to any other status.
 */
const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  Pending: ['Qualified', 'Approved', 'Denied'],
  Qualified: ['Pending', 'Approved', 'Denied'],
  Approved: [],
  Denied: ['Pending'],
};

/** The canonical status for any casing (`approved` → `Approved`), or undefined. */
export const parseReferralStatus = (raw: string): ReferralStatus | undefined =>
  REFERRAL_STATUSES.find((s) => sameIgnoringCase(s, raw.trim()));

/** Why `from` → `to` is refused, or null when it is allowed (staying put is allowed). */
export function statusChangeRefusal(from: ReferralStatus, to: ReferralStatus): string | null {
  if (from === to || NEXT[from].includes(to)) return null;
  if (from === 'Approved') return 'The referral is Approved, which is final: its status cannot change.';
  return `A ${from} referral cannot become ${to}; from ${from} it can become ${NEXT[from].join(' or ')}.`;
}

/** Applies an allowed status change, stamping the date of the status reached (a referral has no `deniedDate`). */
export function applyStatus(referral: Referral, to: ReferralStatus, at: string): void {
  referral.status = to;
  if (to === 'Qualified') referral.qualifiedDate = at;
  if (to === 'Approved') referral.approvedDate = at;
}
