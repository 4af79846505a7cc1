import type { HookHistoryItem, HookSubscription, Member, MemberStats, Program, Referral, Reward, RewardRule, TimePeriod, UnsubscribedEmail } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';

/**
 * Shares or views of a member's link on one channel, kept so stats can be computed for any time
 * period. Hits of one member, kind and channel within one clock hour are one entry with a `count`
 * (`at`: the latest), so a flood of share-page hits grows the data file by one entry an hour, not
 * one a hit; an entry without `count` (seeds, older data files) is one hit.
 */
export interface Activity {
  memberId: string;
  kind: 'share' | 'view';
  channel: string;
  at: string;
  count?: number;
}

/** The hits an activity entry stands for. */
export const hitsOf = (activity: Activity): number =>
  typeof activity.count === 'number' && Number.isInteger(activity.count) && activity.count > 0 ? activity.count : 1;

/** The sandbox's whole state: what a seed or data file holds and what the sandbox mutates. */
export interface SandboxState {
  programs: Program[];
  rewardRules: RewardRule[];
  members: Member[];
  activity: Activity[];
  referrals: Referral[];
  rewards: Reward[];
  hooks: HookSubscription[];
  hookHistory: HookHistoryItem[];
  /** The e-mail unsubscribe list (`api/email/*`). */
  unsubscribed: UnsubscribedEmail[];
}

export const STATE_COLLECTIONS = ['programs', 'rewardRules', 'members', 'activity', 'referrals', 'rewards', 'hooks', 'hookHistory', 'unsubscribed'] as const;

/** The string fields every item of a collection must have: enough to catch a hand-written seed's slip. */
const REQUIRED_STRINGS: Partial<Record<(typeof STATE_COLLECTIONS)[number], string[]>> = {
  programs: ['id', 'name', 'title'],
  members: ['id', 'email', 'referralCode', 'programId', 'firstName'],
  referrals: ['id', 'status', 'referringMemberId', 'programId', 'createDate'],
  rewards: ['id', 'memberId', 'programId', 'status', 'createDate'],
  activity: ['memberId', 'kind', 'at'],
  hooks: ['web_hook_id', 'target_url', 'event'],
  rewardRules: ['ruleId'],
  unsubscribed: ['email'],
};

/**
 * Checks that parsed JSON has the shape of a {@link SandboxState}; collections a file leaves out
 * start empty (older data files, hand-written seeds). Returns the state or an error sentence.
 */
export function toSandboxState(value: unknown): SandboxState | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'must be a JSON object with programs, members, … arrays' };
  const input = value as Record<string, unknown>;
  const state = {} as Record<(typeof STATE_COLLECTIONS)[number], unknown[]>;
  for (const key of STATE_COLLECTIONS) {
    const given = input[key] ?? [];
    if (!Array.isArray(given) || given.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
      return { error: `"${key}" must be an array of objects` };
    }
    let list: unknown[] = given;
    if (key === 'rewardRules') list = (list as Array<Record<string, unknown>>).filter(isMemberRule).map(upgradeRewardRule);
    for (const [index, item] of (list as Array<Record<string, unknown>>).entries()) {
      const missing = (REQUIRED_STRINGS[key] ?? []).find((field) => typeof item[field] !== 'string');
      if (missing) return { error: `${key}[${index}].${missing} must be a string` };
    }
    state[key] = list;
  }
  if (state.programs.length === 0) return { error: '"programs" must hold at least one program' };
  const upgraded = state as unknown as SandboxState;
  for (const referral of upgraded.referrals) upgradeReferral(referral, upgraded.members);
  return upgraded;
}

/** Older data files held the friend's rules too (`type: "Referral"`); the rules are the member's. */
const isMemberRule = (rule: Record<string, unknown>): boolean => typeof rule.ruleId === 'string' || rule.type !== 'Referral';

/**
 * A reward rule of an older data file (`{ id, title, type, trigger, amount, eligibilityDays }`, our
 * own invention) in the shape public client code shows.
 */
function upgradeRewardRule(rule: Record<string, unknown>): Record<string, unknown> {
  if (typeof rule.ruleId === 'string' || typeof rule.id !== 'string') return rule;
  const { id, title, trigger, amount, eligibilityDays } = rule;
  for (const old of ['id', 'title', 'type', 'trigger', 'amount', 'eligibilityDays']) delete rule[old];
  return Object.assign(rule, {
    ruleId: id,
    isEnabled: true,
    description: typeof title === 'string' ? title : null,
    reward: { amountCalculationMethod: 'Fixed', fixedAmount: typeof amount === 'number' ? amount : null, startingPercentAmount: null },
    trigger: { referralStatus: typeof trigger === 'string' ? trigger : 'Approved' },
    deliveryDelay: typeof eligibilityDays === 'number' ? eligibilityDays : 0,
  });
}

/**
 * A referral of an older data file: `phone` became `phoneNumber`; `referralCode` (the member's)
 * became `memberReferralCode`; `deniedDate`, which Referral Rock does not send, goes; the member's
 * e-mail is added.
 */
function upgradeReferral(referral: Referral, members: Member[]): void {
  const older = referral as Referral & { phone?: string | null; referralCode?: string; deniedDate?: string | null };
  if (older.phone !== undefined) {
    older.phoneNumber ??= older.phone;
    delete older.phone;
  }
  if (older.referralCode !== undefined) {
    older.memberReferralCode ??= older.referralCode;
    delete older.referralCode;
  }
  delete older.deniedDate;
  const member = members.find((m) => m.id === referral.referringMemberId);
  referral.memberReferralCode ??= member?.referralCode ?? '';
  referral.memberEmail ??= member?.email ?? null;
}

/** Finds a member by any identifier Referral Rock accepts in a free-text `query`. */
export function findMemberByQuery(state: SandboxState, query: string): Member | undefined {
  const q = query.trim();
  return state.members.find(
    (m) => sameIgnoringCase(m.id, q) || sameIgnoringCase(m.email, q) || sameIgnoringCase(m.referralCode, q) || sameIgnoringCase(m.externalIdentifier, q),
  );
}

/** The instants a time period starts and ends; null for an open end. */
export function periodStart(period: TimePeriod, now: Date): { from: Date | null; to: Date | null } {
  const day = 24 * 60 * 60 * 1000;
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  switch (period) {
    case 'All':
      return { from: null, to: null };
    case 'MonthToDate':
      return { from: monthStart, to: null };
    case 'LastMonth':
      return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)), to: monthStart };
    case 'Last7Days':
      return { from: new Date(now.getTime() - 7 * day), to: null };
    case 'Last30Days':
      return { from: new Date(now.getTime() - 30 * day), to: null };
  }
}

const sumHits = (list: Activity[]): number => list.reduce((total, a) => total + hitsOf(a), 0);

const sumAmounts = (list: Reward[]): number => Math.round(list.reduce((total, r) => total + r.amount, 0) * 100) / 100;

/** The member's own rewards: a `Referral` reward goes to the friend, not to the member. */
const memberRewards = (state: SandboxState, member: Member): Reward[] =>
  state.rewards.filter((r) => r.memberId === member.id && r.type !== 'Referral');

/** `GET api/memberstats/getsingle`, computed from the live state. */
export function computeMemberStats(state: SandboxState, member: Member, period: TimePeriod, now = new Date()): MemberStats {
  const { from, to } = periodStart(period, now);
  const inPeriod = (iso: string): boolean => {
    const t = new Date(iso).getTime();
    return (from === null || t >= from.getTime()) && (to === null || t < to.getTime());
  };
  const activity = state.activity.filter((a) => a.memberId === member.id && inPeriod(a.at));
  const referrals = state.referrals.filter((r) => r.referringMemberId === member.id && inPeriod(r.createDate));
  const rewards = memberRewards(state, member).filter((r) => inPeriod(r.createDate));
  const last = state.activity.filter((a) => a.memberId === member.id).map((a) => a.at).sort().at(-1) ?? null;
  return {
    activatedDate: member.createDt ?? null,
    lastActiveDate: last,
    memberShares: sumHits(activity.filter((a) => a.kind === 'share')),
    memberViews: sumHits(activity.filter((a) => a.kind === 'view')),
    referralsCount: referrals.length,
    referralsPending: referrals.filter((r) => r.status === 'Pending').length,
    referralsQualified: referrals.filter((r) => r.status === 'Qualified').length,
    referralsApproved: referrals.filter((r) => r.status === 'Approved').length,
    rewardsCount: rewards.length,
    rewardsPendingAmount: sumAmounts(rewards.filter((r) => r.status !== 'Issued')),
    rewardsIssuedAmount: sumAmounts(rewards.filter((r) => r.status === 'Issued')),
    rewardAmountTotal: sumAmounts(rewards),
  };
}

/** A member as the API shows it: its link at the sandbox's address and its counters from the live state. */
export function presentMember(state: SandboxState, member: Member, linkBase: string): Member {
  const stats = computeMemberStats(state, member, 'All');
  return {
    ...member,
    referralUrl: `${linkBase}/r/${encodeURIComponent(member.referralCode)}`,
    referrals: stats.referralsCount,
    referralsApproved: stats.referralsApproved,
    referralsQualified: stats.referralsQualified,
    referralsPending: stats.referralsPending,
    rewardsPendingAmount: stats.rewardsPendingAmount,
    rewardsIssuedAmount: stats.rewardsIssuedAmount,
    rewardAmountTotal: stats.rewardAmountTotal,
    rewards: stats.rewardsCount,
  };
}

const HOUR_MS = 60 * 60_000;

/**
 * Records one share or view of a member's link and keeps the member's counters in step. A hit in
 * the same clock hour as the member's last one of that kind and channel adds to its entry's count.
 */
export function recordActivity(state: SandboxState, member: Member, kind: Activity['kind'], channel: string, now = new Date()): void {
  const hour = Math.floor(now.getTime() / HOUR_MS);
  const sameHour = (a: Activity) => Math.floor(Date.parse(a.at) / HOUR_MS) === hour;
  // Entries are appended as their hour's first hit comes: this hour's are at the end.
  let entry: Activity | undefined;
  for (let i = state.activity.length - 1; i >= 0 && sameHour(state.activity[i]!); i--) {
    const a = state.activity[i]!;
    if (a.memberId === member.id && a.kind === kind && a.channel === channel) {
      entry = a;
      break;
    }
  }
  if (entry) {
    entry.count = hitsOf(entry) + 1;
    entry.at = now.toISOString();
  } else {
    state.activity.push({ memberId: member.id, kind, channel, at: now.toISOString() });
  }
  if (kind === 'view') member.views += 1;
  else if (channel === 'email') member.emailShares += 1;
  else member.socialShares += 1;
  if (kind === 'share') member.lastShare = now.toISOString();
}
