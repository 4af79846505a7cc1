/**
 * The one module of API shapes shared by the widget, the server and the sandbox.
 *
 * Referral Rock shapes follow `shared/referralrock-api/` field for field. Fields the public
 * documents only show in third-party code are optional: upstream may omit them.
 */

// ---------------------------------------------------------------------------------------------
// Referral Rock: POST api/memberaccessurls
// ---------------------------------------------------------------------------------------------

/** Request body of `POST api/memberaccessurls`: exactly one identifier. */
export interface MemberAccessUrlsQuery {
  memberId?: string;
  referralCode?: string;
  emailAddress?: string;
  externalId?: string;
  /** 5–43200, default 20. */
  expireInMinutes?: number;
}

/** The identifier fields of {@link MemberAccessUrlsQuery}, in the documented order. */
export const MEMBER_IDENTIFIER_FIELDS = ['memberId', 'referralCode', 'emailAddress', 'externalId'] as const;
export type MemberIdentifierField = (typeof MEMBER_IDENTIFIER_FIELDS)[number];

/** The member's personal share links, in the order Referral Rock documents them. */
export const SHARE_LINK_FIELDS = [
  'shareUrl',
  'smsShareUrl',
  'whatsAppShareUrl',
  'facebookShareUrl',
  'facebookMessengerShareUrl',
  'twitterShareUrl',
  'emailShareUrl',
  'linkedInShareUrl',
  'telegramShareUrl',
  'webShareUrl',
] as const;
export type ShareLinkField = (typeof SHARE_LINK_FIELDS)[number];

/** Response of `POST api/memberaccessurls`. */
export type MemberAccessUrls = {
  shareEmbedUrl?: string;
  fullEmbedUrl?: string;
  referralCode?: string;
  portalUrl?: string;
} & Partial<Record<ShareLinkField, string>>;

// ---------------------------------------------------------------------------------------------
// Referral Rock: GET api/memberstats/getsingle
// ---------------------------------------------------------------------------------------------

export const TIME_PERIODS = ['All', 'MonthToDate', 'LastMonth', 'Last7Days', 'Last30Days'] as const;
export type TimePeriod = (typeof TIME_PERIODS)[number];

/** The numeric fields of {@link MemberStats}, in display order. */
export const MEMBER_STAT_FIELDS = [
  'memberShares',
  'memberViews',
  'referralsCount',
  'referralsPending',
  'referralsQualified',
  'referralsApproved',
  'rewardsCount',
  'rewardsPendingAmount',
  'rewardsIssuedAmount',
  'rewardAmountTotal',
] as const;
export type MemberStatField = (typeof MEMBER_STAT_FIELDS)[number];

/** Response of `GET api/memberstats/getsingle`. */
export type MemberStats = {
  activatedDate?: string | null;
  lastActiveDate?: string | null;
} & Partial<Record<MemberStatField, number>>;

// ---------------------------------------------------------------------------------------------
// Referral Rock: objects
// ---------------------------------------------------------------------------------------------

export interface Program {
  id: string;
  name: string;
  title: string;
  status?: string;
  currencyCode?: string;
}

export interface Member {
  id: string;
  displayName: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  externalIdentifier: string | null;
  disabledFlag: boolean;
  programId: string;
  programTitle: string;
  programName: string;
  referralCode: string;
  referralUrl: string;
  emailShares: number;
  socialShares: number;
  views: number;
  referrals?: number;
  lastShare?: string | null;
  referralsApproved?: number;
  referralsQualified?: number;
  referralsPending?: number;
  rewardsPendingAmount?: number;
  rewardsIssuedAmount?: number;
  rewardAmountTotal?: number;
  rewards?: number;
  createDt?: string;
}

/** Reward statuses; the only filter values of `GET api/rewards`. */
export const REWARD_STATUSES = ['Pending', 'Processing', 'Issued'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** A reward, as in `post-rewards.txt` (`Reward`). */
export interface Reward {
  id: string;
  payoutId: string | null;
  payoutDescription: string | null;
  programId: string;
  programName: string;
  memberId: string;
  referralId: string | null;
  /** `Member` or `Referral`. */
  type: string;
  recipientId: string;
  recipientName: string;
  recipientEmailAddress: string;
  recipientExternalIdentifier: string | null;
  externalIdentifier: string | null;
  status: RewardStatus | string;
  amount: number;
  createDate: string;
  issueDate: string | null;
  eligibilityDate: string | null;
  description: string | null;
  transactionID: string | null;
  updateDate: string | null;
  referralDisplayName: string | null;
  currencyCode: string | null;
  source: string | null;
  programRewardRuleId: string | null;
  paymentType: string | null;
  paymentCode: string | null;
  completeNote: string | null;
  reason?: string | null;
  reasonOther?: string | null;
}

/** `{ Status, Message }`, PascalCase as in the samples; compare `Status` with "Success" case-insensitively. */
export interface ResultInfo {
  Status: string;
  Message: string;
}

/** Envelope of Referral Rock list endpoints. */
export interface ListEnvelope {
  offset: number;
  total: number;
  message: string | null;
}
export interface MemberList extends ListEnvelope {
  members: Member[];
}
export interface RewardList extends ListEnvelope {
  rewards: Reward[];
}
export interface ProgramList extends ListEnvelope {
  programs: Program[];
}

/** Referral Rock's error body: ASP.NET style, `message` (some endpoints answer `Message`). */
export interface ReferralRockError {
  message?: string;
  Message?: string;
}

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
