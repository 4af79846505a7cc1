/**
 * The fixed lists and limits of our `/v1` contract, as values: the backend enforces them and the
 * widget reads the same (`types/v1.ts` derives its unions from them).
 */
import type { MemberStatField } from '../types/referralrock.js';
import type { FriendField } from '../types/v1.js';

/** The claims of a member token that name the member; exactly one is present. */
export const MEMBER_CLAIMS = ['memberId', 'externalId', 'email', 'referralCode'] as const;

/**
 * The stats the widget's card shows, in the order shown: counts, then reward amounts (their names
 * end in `Amount`). `npm run doctor` checks that Referral Rock sends each of them.
 */
export const CARD_STAT_FIELDS = ['memberShares', 'memberViews', 'referralsPending', 'referralsQualified', 'referralsApproved', 'rewardsPendingAmount', 'rewardsIssuedAmount'] as const satisfies readonly MemberStatField[];

/**
 * A friend's e-mail as `POST /v1/me/referrals` takes it (the widget checks with the same): no
 * spaces, one `@`, a dot in the domain, none of the characters mail forbids unquoted.
 */
export const FRIEND_EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/** Longest value of each field of `FriendReferralRequest`, in characters (the widget's `maxlength` too). */
export const FRIEND_FIELD_LIMITS = { firstName: 50, lastName: 50, email: 100, phone: 30, note: 500 } as const satisfies Record<FriendField, number>;

/** Referral Rock's lists that are part of this contract as they are. */
export { REFERRAL_STATUSES, REWARD_STATUSES, TIME_PERIODS } from './referralrock.js';
