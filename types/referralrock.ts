/**
 * Referral Rock's API shapes, shared by the server, the sandbox and the tests.
 *
 * They follow `shared/referralrock-api/` field for field. Where each comes from is marked:
 * - **official**: on Referral Rock's own help pages (the API host's pages, the support site);
 * - **clients**: seen only in third-party code written against the live API (open-source clients,
 *   an integration reference, a production webhook receiver) — likely, not confirmed;
 * - **sandbox**: this project's own, sent by the sandbox alone; a live answer never has it.
 * A shape's mark holds for its fields unless a field says otherwise. Fields that are not official
 * are optional where a reader depends on them: upstream may omit them, and send fields besides.
 */
import type { HOOK_EVENTS, MEMBER_IDENTIFIER_FIELDS, MEMBER_STAT_FIELDS, REFERRAL_STATUSES, REWARD_STATUSES, SHARE_LINK_FIELDS, TIME_PERIODS } from '../shared/referralrock.js';

// ---------------------------------------------------------------------------------------------
// Referral Rock: POST api/memberaccessurls
// ---------------------------------------------------------------------------------------------

/** Request body of `POST api/memberaccessurls`: exactly one identifier. Official. */
export interface MemberAccessUrlsQuery {
  memberId?: string;
  referralCode?: string;
  emailAddress?: string;
  externalId?: string;
  /** 5–43200, default 20. */
  expireInMinutes?: number;
}

export type MemberIdentifierField = (typeof MEMBER_IDENTIFIER_FIELDS)[number];

export type ShareLinkField = (typeof SHARE_LINK_FIELDS)[number];

/**
 * Response of `POST api/memberaccessurls`. Official up to `facebookMessengerShareUrl` (the page's
 * list is cut off there); `twitterShareUrl` onwards and `portalUrl`: clients.
 */
export type MemberAccessUrls = {
  shareEmbedUrl?: string;
  fullEmbedUrl?: string;
  referralCode?: string;
  portalUrl?: string;
} & Partial<Record<ShareLinkField, string>>;

// ---------------------------------------------------------------------------------------------
// Referral Rock: GET api/memberstats/getsingle
// ---------------------------------------------------------------------------------------------

export type TimePeriod = (typeof TIME_PERIODS)[number];

export type MemberStatField = (typeof MEMBER_STAT_FIELDS)[number];

/**
 * Response of `GET api/memberstats/getsingle`. The parameters (`query`, `timePeriod`) are official;
 * every field here is clients (one source): the numbers the card depends on most are the least
 * confirmed. A field that does not come is left out of the card, never shown as 0.
 */
export type MemberStats = {
  activatedDate?: string | null;
  lastActiveDate?: string | null;
} & Partial<Record<MemberStatField, number>>;

// ---------------------------------------------------------------------------------------------
// Referral Rock: objects
// ---------------------------------------------------------------------------------------------

/**
 * A referral program (`GET api/programs`, `GET api/program/getsingle`). Official, every field
 * (the programs page lists them all) — and a program has **no currency**: amounts in offers built
 * from reward rules are in the server's `CURRENCY`. Still read defensively: any field but `id` may
 * be missing, and fields besides may come.
 */
export interface Program {
  id: string;
  name: string;
  title: string;
  isActive?: boolean;
  /** `Web` or `Form`. */
  type?: string | null;
  /** What a member earns for a referral, in the program's words ("a $25 gift card"). */
  memberOffer?: string | null;
  /** What the friend gets ("15% off your first order"). */
  referralOffer?: string | null;
  /** The program's landing page. */
  directUrl?: string | null;
  /** The program's hosted widget. */
  widgetUrl?: string | null;
  /** Sandbox: `Active`. */
  status?: string;
}

/** A member. Official up to `views`; the fields after it: clients. */
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

export type RewardStatus = (typeof REWARD_STATUSES)[number];

/**
 * A reward, as in `post-rewards.txt` (`Reward`): official. `currencyCode` may be `"Custom"` (a
 * reward that is not money: official samples): such an amount is shown as the bare number.
 * `reason`, `reasonOther`: clients.
 */
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

/** `{ Status, Message }`, PascalCase as in the samples (official); compare `Status` with "Success" case-insensitively (clients). */
export interface ResultInfo {
  Status: string;
  Message: string;
}

/**
 * Envelope of Referral Rock list endpoints (official). `message`: "review this field for error
 * information" — a 200 whose `message` reports an error and that carries no items is a failure,
 * not an empty list (`server/upstream/lists.ts`).
 */
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

export interface ReferralList extends ListEnvelope {
  referrals: Referral[];
}

export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * A referral: a friend a member referred. The statuses and NewReferral are official; the answer's
 * fields are clients (an official sample and public client code agree on them). There is **no
 * `referralCode`** (the referring member's code is `memberReferralCode`) and **no `deniedDate`**. A
 * reader of a live answer should expect any field but `id` missing, and fields besides; where a
 * field's name is unsure (an older sandbox file's `referralCode`), read both.
 */
export interface Referral {
  id: string;
  displayName: string;
  firstName: string;
  lastName: string;
  /** Clients: the whole name, beside `displayName`. */
  fullName?: string | null;
  email: string | null;
  phoneNumber?: string | null;
  externalIdentifier: string | null;
  companyName: string | null;
  /** The friend's order amount, when the program records one. */
  amount: number | null;
  /** Clients: `amount` as text, in the program's format. */
  amountFormatted?: string | null;
  note: string | null;
  /** A note the member may see. */
  publicNote: string | null;
  status: ReferralStatus;
  programId: string;
  programName: string;
  programTitle: string;
  referringMemberId: string;
  referringMemberName: string;
  /** The referring member's e-mail. */
  memberEmail?: string | null;
  /** The referring member's code (the code NewReferral was created with). */
  memberReferralCode: string;
  createDate: string;
  updateDate: string;
  qualifiedDate: string | null;
  approvedDate: string | null;
}

/** Body of `POST api/referrals` (official). `status`, when given, is lowercase; the sandbox takes only `pending`. */
export interface NewReferral {
  referralCode: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  externalIdentifier?: string;
  amount?: number;
  companyName?: string;
  note?: string;
  publicNote?: string;
  status?: string;
}

/** Answer of `POST api/referrals` (clients): a message and the referral made (null when refused). */
export interface NewReferralResult {
  message: string | null;
  referral: Referral | null;
}

/** The fields of a referral `POST api/referral/update` may change. */
export type ReferralChanges = Partial<Pick<Referral, 'firstName' | 'lastName' | 'email' | 'phoneNumber' | 'externalIdentifier' | 'companyName' | 'amount' | 'note' | 'publicNote' | 'status'>>;

/** Body of `POST api/members`. The program is named by id, name or title (or is the only one). */
export interface NewMember {
  programId?: string;
  programName?: string;
  programTitle?: string;
  firstName: string;
  lastName?: string;
  email: string;
  phone?: string;
  externalIdentifier?: string;
  /** A code of your own (letters and digits); generated when absent. */
  referralCode?: string;
}

/** The fields of a member `POST api/members/update` may change. */
export type MemberChanges = Partial<Pick<Member, 'firstName' | 'lastName' | 'email' | 'phone' | 'externalIdentifier' | 'disabledFlag'>>;

/**
 * Identifies one member (api-index.txt): a `primaryInfo` value, or a `secondaryInfo` value together
 * with a `tertiaryInfo` value. Acted on only when exactly one member matches.
 */
export interface MemberQuery {
  primaryInfo?: { memberId?: string; referralCode?: string } | null;
  secondaryInfo?: { externalIdentifier?: string; email?: string } | null;
  tertiaryInfo?: { programId?: string; programName?: string; programTitle?: string } | null;
}

/** Identifies one referral, like {@link MemberQuery}. PascalCase inside `tertiaryInfo` and `fuzzyInfo`, as documented. */
export interface ReferralQuery {
  primaryInfo?: { referralId?: string } | null;
  secondaryInfo?: { externalIdentifier?: string; email?: string; phoneNumber?: string } | null;
  tertiaryInfo?: { ProgramId?: string; ProgramName?: string; ProgramTitle?: string } | null;
  /** Echoed, not used to match: the minimum rule needs primaryInfo or secondaryInfo + tertiaryInfo. */
  fuzzyInfo?: { Identifier?: string } | null;
}

/** One item of `POST api/members/update`. */
export interface MemberUpdateInfo {
  query: MemberQuery;
  member: MemberChanges;
}
/** One item of `POST`/`DELETE api/members/remove`. */
export interface MemberRemoveInfo {
  query: MemberQuery;
}
/** One result of the member update and remove endpoints, in request order. */
export interface MemberResult {
  query: MemberQuery | null;
  member: Member | null;
  resultInfo: ResultInfo;
}

/** One item of `POST api/referral/update` (and of the deprecated `POST api/referrals/status`). */
export interface ReferralUpdateInfo {
  query: ReferralQuery;
  referral: ReferralChanges;
}
/** One item of `POST`/`DELETE api/referral/remove`. */
export interface ReferralRemoveInfo {
  query: ReferralQuery;
}
/** One result of the referral update and remove endpoints, in request order. */
export interface ReferralResult {
  query: ReferralQuery | null;
  referral: Referral | null;
  resultInfo: ResultInfo;
}

/** `newReward` of {@link NewRewardInfo} (post-rewards.txt). */
export interface NewReward {
  amount: number;
  payoutId?: string;
  eligibilityDate?: string;
  description?: string;
}
/** One item of `POST api/rewards` (post-rewards.txt). */
export interface NewRewardInfo {
  memberQuery?: MemberQuery | null;
  referralQuery?: ReferralQuery | null;
  newReward: NewReward;
}
/** One result of `POST api/rewards`: the queries echoed, the reward (null when refused), its own resultInfo. */
export interface NewRewardResult {
  memberQuery: MemberQuery | null;
  referralQuery: ReferralQuery | null;
  reward: Reward | null;
  resultInfo: ResultInfo;
}

/** One item of `POST api/rewards/update`. Issue with `POST api/rewards/issue`, not by status. */
export interface RewardUpdateInfo {
  rewardId: string;
  amount?: number;
  eligibilityDate?: string;
  description?: string;
  status?: 'Pending' | 'Processing';
}
/** One item of `POST`/`DELETE api/rewards/remove`. */
export interface RewardRemoveInfo {
  rewardId: string;
}
/** One result of the reward update and remove endpoints, in request order. */
export interface RewardResult {
  rewardId: string | null;
  reward: Reward | null;
  resultInfo: ResultInfo;
}

/** Body of `POST api/rewards/issue` (post-rewards-issue.txt); `?overrideIneligible=true` issues early. */
export interface IssueRewardInfo {
  rewardId: string;
  /** Deprecated upstream; accepted and ignored. */
  recipientInfo?: string;
  note?: string;
}
/** Response of `POST api/rewards/issue` (post-rewards-issue.txt). */
export interface IssueRewardResult {
  reward: Reward | null;
  resultInfo: ResultInfo;
}

/**
 * A member reward rule of a program: what the referring member earns, and when. `GET
 * api/rewardrules?programId=` answers a bare array of these. Clients, the whole shape (no official
 * page); an account's key may be refused it (403): every field but `ruleId` is optional, and a reader must
 * accept fields besides (and a `{ rewardRules }` envelope, read with `rewardRulesOf` in server/upstream/lists.ts).
 */
export interface RewardRule {
  ruleId: string;
  isEnabled?: boolean;
  description?: string | null;
  ruleStartDate?: string | null;
  ruleEndDate?: string | null;
  programId?: string;
  payoutId?: string | null;
  payoutType?: string | null;
  payoutDescription?: string | null;
  reward?: RewardRuleAmount | null;
  /** The referral status that earns the reward. */
  trigger?: { referralStatus?: ReferralStatus | string | null } | null;
  deliveryType?: string | null;
  /** Days between earning and eligibility for issue (the sandbox's reading). */
  deliveryDelay?: number | null;
}
/** How a rule's reward is worked out: a `fixedAmount`, or `startingPercentAmount` % of the referral's `amount`. Clients. */
export interface RewardRuleAmount {
  /** The sandbox sends `Fixed` or `Percentage`. */
  amountCalculationMethod?: string | null;
  fixedAmount?: number | null;
  startingPercentAmount?: number | null;
}
/** `GET api/rewardrules`: a bare array in public client code; an envelope is accepted too. */
export type RewardRuleList = RewardRule[] | { rewardRules?: RewardRule[] | null };

// ---------------------------------------------------------------------------------------------
// Referral Rock: e-mail unsubscribe list
// ---------------------------------------------------------------------------------------------

/**
 * One address on the unsubscribe list. `POST api/email/unsubscribe` (and `removeunsubscribe`) take
 * the address as a bare JSON string; `GET api/email/getunsubscribed?email=` lists addresses (clients).
 * No answer shape is published: this one (and {@link UnsubscribedList}) is the sandbox's, and a
 * reader of a live answer should look for the address anywhere in it.
 */
export interface UnsubscribedEmail {
  email: string;
  unsubscribeDate: string;
}
/** The sandbox's answer of `GET api/email/getunsubscribed`. */
export interface UnsubscribedList extends ListEnvelope {
  unsubscribed: UnsubscribedEmail[];
}

// ---------------------------------------------------------------------------------------------
// Referral Rock: webhooks
// ---------------------------------------------------------------------------------------------

export type HookEvent = (typeof HOOK_EVENTS)[number];

/** Body of `POST api/hooks` (snake_case, as documented). */
export interface HookSubscriptionRequest {
  target_url: string;
  event: HookEvent;
}
/**
 * A subscription; `POST api/hooks` answers 201 with `{ web_hook_id }` [official]. Each webhook has
 * its own signature key [official: support site]; the sandbox answers it as `signature_key` beside
 * the id [inferred: Referral Rock shows it in its dashboard].
 */
export interface HookSubscription extends HookSubscriptionRequest {
  web_hook_id: string;
  /** The key of this hook's `RR-Signature` (`rr_…`); absent in sandbox data files written before it. */
  signature_key?: string;
  createDate: string;
}
/** `POST api/hooks`'s answer. */
export interface HookSubscriptionAnswer {
  web_hook_id: string;
  /** The sandbox's; see {@link HookSubscription}. */
  signature_key?: string;
}

/**
 * One delivery of one event to one subscriber (`GET api/hooks/history/{eventName}`). The body
 * POSTed is the element with its fields in PascalCase (a Member's: `Id`, then camelCase, as
 * Referral Rock's sample), plus `EventType` and `Timestamp` (Unix seconds) [official samples]: a
 * Reward names its member by `MemberId`, a Referral by `ReferringMemberId` and `MemberReferralCode`,
 * a Member by `Id`. It is signed: `RR-Signature: base64(HMAC-SHA512(key, body + "." + EventType))`.
 */
export interface HookHistoryItem {
  id: string;
  web_hook_id: string;
  event: HookEvent;
  target_url: string;
  payload: unknown;
  status: 'Pending' | 'Delivered' | 'Failed';
  attempts: number;
  /** HTTP status of the last attempt; null when the receiver could not be reached. */
  lastResponseStatus: number | null;
  createDate: string;
  updateDate: string;
}
export interface HookHistoryList extends ListEnvelope {
  history: HookHistoryItem[];
}

/** Referral Rock's error body: ASP.NET style, `message` (some endpoints answer `Message`). */
export interface ReferralRockError {
  message?: string;
  Message?: string;
}
