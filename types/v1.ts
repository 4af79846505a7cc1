/**
 * Our own contract: the `/v1` API the backend serves and the widget reads. Written once, here;
 * shapes taken from Referral Rock are referenced from `./referralrock.js`, never copied.
 */
import type { MemberIdentifierField, MemberStatField, Reward, ShareLinkField, TimePeriod } from './referralrock.js';

// ---------------------------------------------------------------------------------------------
// Our backend (`/v1/*`)
// ---------------------------------------------------------------------------------------------

/** The claims of a member token that name the member; exactly one is present. */
export const MEMBER_CLAIMS = ['memberId', 'externalId', 'email', 'referralCode'] as const;
export type MemberClaim = (typeof MEMBER_CLAIMS)[number];

/** Which memberaccessurls field each member claim maps to. */
export const CLAIM_TO_ACCESS_FIELD: Record<MemberClaim, MemberIdentifierField> = {
  memberId: 'memberId',
  externalId: 'externalId',
  email: 'emailAddress',
  referralCode: 'referralCode',
};

/** `GET /v1/me`: everything one widget load needs, in one document. */
export interface MeResponse {
  member: {
    /** Display name, from the token's optional `name` claim. */
    name: string | null;
    referralCode: string | null;
  };
  /** Every share link Referral Rock returned, by its field name; absent ones are left out. */
  links: Partial<Record<ShareLinkField, string>>;
  stats: Partial<Record<MemberStatField, number>>;
  timePeriod: TimePeriod;
  /**
   * Present (true) when Referral Rock is failing and the backend answered from its cache instead:
   * the data may be out of date.
   */
  stale?: true;
}

/** Every error from our backend has this body. */
export interface ErrorBody {
  error: {
    /** Stable, machine-readable: `invalid_token`, `member_not_found`, `upstream_timeout`, … */
    code: string;
    /** A sentence for people. Never a stack trace, never a secret. */
    message: string;
    /** The request's id (also in the `X-Request-Id` header and the server's log line), for support. */
    requestId?: string;
  };
}

/** One reward as `GET /v1/me/rewards` shows it to its member: what the widget needs, no more. */
export type MemberReward = Pick<Reward, 'id' | 'amount' | 'status' | 'currencyCode' | 'createDate' | 'issueDate' | 'eligibilityDate' | 'description'>;

/** `GET /v1/me/rewards?offset=&count=`: one page of the member's rewards, newest first. */
export interface RewardsResponse {
  rewards: MemberReward[];
  offset: number;
  /** How many rewards the member has in all. */
  total: number;
}

/** Referral Rock's shapes that are part of this contract as they are. */
export { REWARD_STATUSES, TIME_PERIODS, type MemberStatField, type RewardStatus, type ShareLinkField, type TimePeriod } from './referralrock.js';
