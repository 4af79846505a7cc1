/**
 * Referral Rock's fixed lists, as values: the server, the sandbox and the widget read them at run
 * time, and `types/referralrock.ts` derives its unions from them (`types/` holds types only).
 */

/** The identifier fields of `MemberAccessUrlsQuery`, in the documented order. */
export const MEMBER_IDENTIFIER_FIELDS = ['memberId', 'referralCode', 'emailAddress', 'externalId'] as const;

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

/** The `timePeriod`s of `GET api/memberstats/getsingle`. */
export const TIME_PERIODS = ['All', 'MonthToDate', 'LastMonth', 'Last7Days', 'Last30Days'] as const;

/** The numeric fields of `MemberStats`, in display order. */
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

/** Reward statuses; the only filter values of `GET api/rewards`. */
export const REWARD_STATUSES = ['Pending', 'Processing', 'Issued'] as const;

/** Referral statuses. Every referral starts Pending; Approved is final; Denied may go back to Pending. */
export const REFERRAL_STATUSES = ['Pending', 'Qualified', 'Approved', 'Denied'] as const;

/** The webhook events (official). */
export const HOOK_EVENTS = [
  'ProgramAdd', 'ProgramUpdate', 'ProgramDelete',
  'MemberAdd', 'MemberUpdate', 'MemberDelete',
  'ReferralAdd', 'ReferralUpdate', 'ReferralDelete', 'ReferralStatusChange',
  'RewardAdd', 'RewardUpdate', 'RewardDelete', 'RewardIssue',
  'EmailUnsubscribed',
] as const;
