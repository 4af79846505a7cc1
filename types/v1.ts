/**
 * Our own contract: the `/v1` API the backend serves and the widget reads. Written once, here;
 * shapes taken from Referral Rock are referenced from `./referralrock.js`, never copied.
 */
import type { MEMBER_CLAIMS } from '../shared/v1.js';
import type { MemberStatField, ReferralStatus, Reward, RewardStatus, ShareLinkField, TimePeriod } from './referralrock.js';

// ---------------------------------------------------------------------------------------------
// Our backend (`/v1/*`)
// ---------------------------------------------------------------------------------------------

/** The claims of a member token that name the member; exactly one is present. */
export type MemberClaim = (typeof MEMBER_CLAIMS)[number];

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
   * What the program offers, in the program's own words where it has them (its `memberOffer` and
   * `referralOffer`), else built from its enabled reward rules. A side with nothing to say is null;
   * the whole field is absent when the program is not known.
   */
  offer?: MemberOffer;
  /**
   * Present (true) when Referral Rock is failing and the backend answered from its cache instead:
   * the data may be out of date.
   */
  stale?: true;
}

/** What a member earns for a referral, and what the friend gets: one short phrase each. */
export interface MemberOffer {
  /** e.g. "a $25 gift card". */
  member: string | null;
  /** e.g. "15% off your first order". */
  friend: string | null;
  /**
   * Present when a phrase was built by the server from the program's reward rules (in English):
   * the same offer as terms, for the widget to word in its own language. Absent where the phrases
   * are the program's own words, which are shown as they are.
   */
  terms?: OfferTerm[];
  /**
   * The program's kind (`Program.type`), when it says: `Form` programs live on referrals members
   * submit (the card's "Refer a friend" comes first and open), `Web` ones on shared links.
   */
  programType?: 'Web' | 'Form';
}

/** One reward of an offer built from reward rules, e.g. $25 to the member when a friend qualifies. */
export interface OfferTerm {
  /** Who gets it: the member who referred, or the friend. */
  for: 'member' | 'friend';
  /** A fixed amount of money, or a percent of what the friend spends. */
  kind: 'fixed' | 'percent';
  /** The money (`fixed`) or the percent (`percent`, 15 for 15%). */
  amount: number;
  /** ISO 4217 code of a `fixed` amount. */
  currency?: string;
  /** The program's own name for the payout ("Gift card"), as it wrote it. */
  payout?: string;
  /** The status the friend's referral must reach for it. */
  when?: 'pending' | 'qualified' | 'approved';
}

/**
 * One friend the member referred, as `GET /v1/me/referrals` shows it: a first name and an initial,
 * a status and its dates. A friend's e-mail, phone, external id, company, note and amount never
 * leave the backend.
 */
export interface MemberReferral {
  /**
   * First name and the initial of the last, e.g. "Sam F."; empty when the friend's name fields hold
   * nothing that is a name (only an e-mail address or a phone number): the widget says "A friend".
   */
  name: string;
  status: ReferralStatus;
  createDate: string;
  qualifiedDate?: string;
  approvedDate?: string;
}

/** `GET /v1/me/referrals?offset=&count=`: one page of the member's referrals, newest first. */
export interface ReferralsResponse {
  referrals: MemberReferral[];
  offset: number;
  /** How many referrals the member has in all. */
  total: number;
  /** The `offset` of the next page, or null after the last one. */
  nextOffset: number | null;
}

/**
 * `POST /v1/me/referrals` (JSON): a friend the token's member refers. Only these fields are read;
 * anything else in the body (a status, an amount, a referral code, a member id) is ignored. Each
 * is bounded by `FRIEND_FIELD_LIMITS` (shared/v1.ts).
 */
export interface FriendReferralRequest {
  firstName: string;
  lastName?: string;
  email: string;
  phone?: string;
  note?: string;
}
export type FriendField = keyof FriendReferralRequest;

/**
 * The answer of `POST /v1/me/referrals` (201): the new friend as `GET /v1/me/referrals` lists
 * friends (one shape), always `Pending`.
 */
export interface FriendReferralResponse {
  referral: MemberReferral;
}

/**
 * The `error.code`s of `POST /v1/me/referrals` a member can meet (besides the API's common ones:
 * `invalid_token`, `rate_limited`, `upstream_*`…), which the widget words for people.
 */
export type ReferErrorCode = 'invalid_field' | 'self_referral' | 'cannot_invite' | 'already_referred' | 'daily_referral_limit';

/** Every error from our backend has this body. */
export interface ErrorBody {
  error: {
    /** Stable, machine-readable: `invalid_token`, `member_not_found`, `upstream_timeout`, … */
    code: string;
    /** A sentence for people. Never a stack trace, never a secret. */
    message: string;
    /** The request field the error is about (`invalid_field` of `POST /v1/me/referrals`), when one is. */
    field?: string;
    /** The request's id (also in the `X-Request-Id` header and the server's log line), for support. */
    requestId?: string;
  };
}

/**
 * One of the member's own rewards as `GET /v1/me/rewards` shows it: what the widget needs, no more.
 * The status is one of the known three; the description is at most 300 characters and holds no
 * e-mail address or phone number.
 */
export type MemberReward = Pick<Reward, 'id' | 'amount' | 'currencyCode' | 'createDate' | 'issueDate' | 'eligibilityDate' | 'description'> & {
  status: RewardStatus;
};

/**
 * `GET /v1/me/rewards?offset=&count=`: one page of the member's own rewards, newest first. Offsets
 * count upstream's list, which holds the friends' welcome rewards too (never shown): a page may
 * hold fewer than `count`, and `nextOffset` is where the next one starts.
 */
export interface RewardsResponse {
  rewards: MemberReward[];
  offset: number;
  /** How many rewards upstream lists for the member, friends' welcome rewards included: at least as many as are shown. */
  total: number;
  /** The `offset` of the next page, or null after the last one. */
  nextOffset: number | null;
}

/** Referral Rock's shapes that are part of this contract as they are. */
export type { MemberStatField, ReferralStatus, RewardStatus, ShareLinkField, TimePeriod } from './referralrock.js';
