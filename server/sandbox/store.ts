import type { Member, MemberStats, Program, Reward, TimePeriod } from '../../types/api.js';

/** A share or a view of a member's link, kept so stats can be computed for any time period. */
export interface Activity {
  memberId: string;
  kind: 'share' | 'view';
  channel: string;
  at: string;
}
export interface SandboxReferral {
  id: string;
  memberId: string;
  status: 'Pending' | 'Qualified' | 'Approved' | 'Denied';
  createDate: string;
}

/** The sandbox's whole state: what a seed file holds and what the sandbox mutates. */
export interface SandboxState {
  programs: Program[];
  members: Member[];
  activity: Activity[];
  referrals: SandboxReferral[];
  rewards: Reward[];
}

/** Finds a member by any identifier Referral Rock accepts in a free-text `query`. */
export function findMemberByQuery(state: SandboxState, query: string): Member | undefined {
  const q = query.trim().toLowerCase();
  return state.members.find(
    (m) =>
      m.id.toLowerCase() === q ||
      m.email.toLowerCase() === q ||
      m.referralCode.toLowerCase() === q ||
      (m.externalIdentifier ?? '').toLowerCase() === q,
  );
}

/** The instant a time period starts, or null for `All`. */
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

/** `GET api/memberstats/getsingle`, computed from the live state. */
export function computeMemberStats(state: SandboxState, member: Member, period: TimePeriod, now = new Date()): MemberStats {
  const { from, to } = periodStart(period, now);
  const inPeriod = (iso: string): boolean => {
    const t = new Date(iso).getTime();
    return (from === null || t >= from.getTime()) && (to === null || t < to.getTime());
  };
  const activity = state.activity.filter((a) => a.memberId === member.id && inPeriod(a.at));
  const referrals = state.referrals.filter((r) => r.memberId === member.id && inPeriod(r.createDate));
  const rewards = state.rewards.filter((r) => r.memberId === member.id && inPeriod(r.createDate));
  const sum = (list: Reward[]): number => Math.round(list.reduce((total, r) => total + r.amount, 0) * 100) / 100;
  const last = state.activity.filter((a) => a.memberId === member.id).map((a) => a.at).sort().at(-1) ?? null;
  return {
    activatedDate: member.createDt ?? null,
    lastActiveDate: last,
    memberShares: activity.filter((a) => a.kind === 'share').length,
    memberViews: activity.filter((a) => a.kind === 'view').length,
    referralsCount: referrals.length,
    referralsPending: referrals.filter((r) => r.status === 'Pending').length,
    referralsQualified: referrals.filter((r) => r.status === 'Qualified').length,
    referralsApproved: referrals.filter((r) => r.status === 'Approved').length,
    rewardsCount: rewards.length,
    rewardsPendingAmount: sum(rewards.filter((r) => r.status !== 'Issued')),
    rewardsIssuedAmount: sum(rewards.filter((r) => r.status === 'Issued')),
    rewardAmountTotal: sum(rewards),
  };
}

/** Records one share or view of a member's link and keeps the member's counters in step. */
export function recordActivity(state: SandboxState, member: Member, kind: Activity['kind'], channel: string, now = new Date()): void {
  state.activity.push({ memberId: member.id, kind, channel, at: now.toISOString() });
  if (kind === 'view') member.views += 1;
  else if (channel === 'email') member.emailShares += 1;
  else member.socialShares += 1;
  if (kind === 'share') member.lastShare = now.toISOString();
}
