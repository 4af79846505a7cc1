import type { Member, Program, Referral, ReferralStatus, Reward, RewardRule, RewardStatus } from '../../types/referralrock.js';
import { rewardDescription } from './reward-rules.js';
import type { Activity, SandboxState } from './store.js';

/** The one payout method of the sandbox: every reward is paid as a gift card. */
export const SANDBOX_PAYOUT = { id: '3f2c9d7e-5b1a-4c8e-9f60-7a2d4e1b8c05', type: 'GiftCard', description: 'Gift card' } as const;

/** The currency of the sandbox's rewards (a program has none of its own). */
export const SANDBOX_CURRENCY = 'USD';

/** `directUrl` and `widgetUrl` are left out: the sandbox fills them per response, from its own address. */
const PROGRAM: Program = {
  id: '5f0c7b2e-1c1a-4c57-9b8e-2a1f4f3d9a10',
  name: 'friends-of-acme',
  title: 'Friends of Acme',
  isActive: true,
  type: 'Referral',
  memberOffer: 'a $25 gift card',
  referralOffer: '15% off your first order',
  status: 'Active',
};

const rule = (ruleId: string, fields: Omit<RewardRule, 'ruleId' | 'programId' | 'isEnabled' | 'ruleStartDate' | 'ruleEndDate' | 'payoutId' | 'payoutType' | 'payoutDescription' | 'deliveryType'>): RewardRule => ({
  ruleId,
  isEnabled: true,
  programId: PROGRAM.id,
  ruleStartDate: null,
  ruleEndDate: null,
  payoutId: SANDBOX_PAYOUT.id,
  payoutType: SANDBOX_PAYOUT.type,
  payoutDescription: SANDBOX_PAYOUT.description,
  deliveryType: 'Automatic',
  ...fields,
});

/** The member's rewards: a fixed $25 when a friend becomes a customer, 10% of a qualified friend's order. */
const REWARD_RULES: RewardRule[] = [
  rule('9a1d2c3b-4e5f-4a6b-8c7d-0e1f2a3b4c5d', {
    description: 'A $25 gift card when a friend you referred becomes a customer',
    reward: { amountCalculationMethod: 'Fixed', fixedAmount: 25, startingPercentAmount: null },
    trigger: { referralStatus: 'Approved' },
    deliveryDelay: 0,
  }),
  rule('1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', {
    description: '10% of the first order of a friend you referred, once it qualifies',
    reward: { amountCalculationMethod: 'Percentage', fixedAmount: null, startingPercentAmount: 10 },
    trigger: { referralStatus: 'Qualified' },
    deliveryDelay: 0,
  }),
];

/** The friends the seeded referrals are made of: first name, last name. */
const FRIENDS: Array<[string, string]> = [
  ['Charles', 'Babbage'], ['Mary', 'Somerville'], ['Augustus', 'De Morgan'], ['Michael', 'Faraday'],
  ['Caroline', 'Herschel'], ['John', 'Herschel'], ['Katherine', 'Johnson'], ['Edsger', 'Dijkstra'],
];

interface SeedMember {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  externalIdentifier: string | null;
  referralCode: string;
  joinedDaysAgo: number;
  /** Days ago of each share, with its channel. */
  shares: Array<[number, string]>;
  views: number[];
  /** Days ago, status, and the friend's order amount. */
  referrals: Array<[number, ReferralStatus, number | null]>;
  /** Days ago, amount, status, and the index (in `referrals`) of the referral that earned it. */
  rewards: Array<[number, number, RewardStatus, number]>;
}

/** The sandbox members. docs/sandbox.md lists them: keep the two in step. */
export const SEED_MEMBERS: SeedMember[] = [
  {
    id: '0ac19b73-2dfa-41ae-b4db-78287d7be4ea',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    externalIdentifier: 'cust-1001',
    referralCode: 'ADA2024',
    joinedDaysAgo: 120,
    shares: [[90, 'email'], [60, 'facebook'], [40, 'twitter'], [20, 'sms'], [12, 'whatsapp'], [5, 'email'], [2, 'linkedin'], [1, 'copy']],
    views: [88, 59, 59, 39, 30, 19, 11, 11, 6, 4, 3, 2, 1, 1],
    referrals: [[80, 'Approved', 120], [50, 'Approved', 90], [35, 'Qualified', 250], [10, 'Pending', null], [3, 'Pending', null], [25, 'Denied', null]],
    rewards: [[78, 25, 'Issued', 0], [48, 25, 'Issued', 1], [6, 25, 'Pending', 2]],
  },
  {
    id: '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21',
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace@example.com',
    externalIdentifier: 'cust-1002',
    referralCode: 'GRACE42',
    joinedDaysAgo: 45,
    shares: [[30, 'email'], [4, 'twitter']],
    views: [29, 3, 2],
    referrals: [[2, 'Pending', null]],
    rewards: [],
  },
  {
    id: 'b2d9e1c4-6a3f-4e8b-8c7d-9f0a1b2c3d44',
    firstName: 'Alan',
    lastName: 'Turing',
    email: 'alan@example.com',
    externalIdentifier: 'cust-1003',
    referralCode: 'ALAN1912',
    joinedDaysAgo: 20,
    shares: [[15, 'copy']],
    views: [14],
    referrals: [[14, 'Qualified', 100]],
    rewards: [[13, 10, 'Processing', 0]],
  },
  {
    id: 'e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f60718',
    firstName: 'Linus',
    lastName: 'Newcomer',
    email: 'linus@example.com',
    externalIdentifier: null,
    referralCode: 'LINUS01',
    joinedDaysAgo: 0,
    shares: [],
    views: [],
    referrals: [],
    rewards: [],
  },
];

/**
 * Builds a fresh sandbox state, dated relative to `now` so "last 7 days" always has something.
 * `referralUrl` is left empty: the sandbox fills it per response, from its own address.
 */
export function createSeedState(now = new Date()): SandboxState {
  const daysAgo = (days: number, n = 0): string => new Date(now.getTime() - days * 86_400_000 + n * 60_000).toISOString();
  const members: Member[] = [];
  const activity: Activity[] = [];
  const referrals: Referral[] = [];
  let friendIndex = 0;
  const rewards: Reward[] = [];

  for (const seed of SEED_MEMBERS) {
    const emailShares = seed.shares.filter(([, ch]) => ch === 'email').length;
    members.push({
      id: seed.id,
      displayName: `${seed.firstName} ${seed.lastName}`,
      firstName: seed.firstName,
      lastName: seed.lastName,
      email: seed.email,
      phone: null,
      externalIdentifier: seed.externalIdentifier,
      disabledFlag: false,
      programId: PROGRAM.id,
      programTitle: PROGRAM.title,
      programName: PROGRAM.name,
      referralCode: seed.referralCode,
      referralUrl: '',
      emailShares,
      socialShares: seed.shares.length - emailShares,
      views: seed.views.length,
      referrals: seed.referrals.length,
      lastShare: seed.shares.length ? daysAgo(Math.min(...seed.shares.map(([d]) => d))) : null,
      createDt: daysAgo(seed.joinedDaysAgo),
    });
    seed.shares.forEach(([days, channel], i) => activity.push({ memberId: seed.id, kind: 'share', channel, at: daysAgo(days, i) }));
    seed.views.forEach((days, i) => activity.push({ memberId: seed.id, kind: 'view', channel: 'link', at: daysAgo(days, i) }));
    const ownReferrals: Referral[] = [];
    seed.referrals.forEach(([days, status, amount], i) => {
      const [firstName, lastName] = FRIENDS[friendIndex++ % FRIENDS.length]!;
      const at = daysAgo(days);
      const settled = daysAgo(Math.max(days - 2, 0));
      ownReferrals.push({
        id: `${seed.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
        displayName: `${firstName} ${lastName}`,
        firstName,
        lastName,
        email: `${firstName}.${lastName}`.toLowerCase().replace(/\s+/g, '') + '@example.net',
        phoneNumber: null,
        externalIdentifier: null,
        companyName: null,
        amount,
        note: null,
        publicNote: null,
        status,
        programId: PROGRAM.id,
        programName: PROGRAM.name,
        programTitle: PROGRAM.title,
        referringMemberId: seed.id,
        referringMemberName: `${seed.firstName} ${seed.lastName}`,
        memberEmail: seed.email,
        memberReferralCode: seed.referralCode,
        createDate: at,
        updateDate: status === 'Pending' ? at : settled,
        qualifiedDate: status === 'Qualified' || status === 'Approved' ? settled : null,
        approvedDate: status === 'Approved' ? settled : null,
      });
    });
    referrals.push(...ownReferrals);
    seed.rewards.forEach(([days, amount, status, referralIndex], i) => {
      const id = `${seed.id.slice(0, 24)}${String(100 + i).padStart(12, '0')}`;
      const referral = ownReferrals[referralIndex]!;
      const earnedBy = REWARD_RULES.find((r) => r.trigger?.referralStatus === referral.status) ?? REWARD_RULES[0]!;
      rewards.push({
        id,
        payoutId: SANDBOX_PAYOUT.id,
        payoutDescription: SANDBOX_PAYOUT.description,
        programId: PROGRAM.id,
        programName: PROGRAM.name,
        memberId: seed.id,
        referralId: referral.id,
        type: 'Member',
        recipientId: seed.id,
        recipientName: `${seed.firstName} ${seed.lastName}`,
        recipientEmailAddress: seed.email,
        recipientExternalIdentifier: seed.externalIdentifier,
        externalIdentifier: null,
        status,
        amount,
        createDate: daysAgo(days),
        issueDate: status === 'Issued' ? daysAgo(days - 1) : null,
        // Pending rewards become eligible a few weeks after the referral converts.
        eligibilityDate: status === 'Issued' ? daysAgo(days) : daysAgo(days - 30),
        description: rewardDescription(referral),
        transactionID: status === 'Issued' ? `${id.slice(0, 24)}${'f'.repeat(12)}` : null,
        updateDate: daysAgo(Math.max(days - 1, 0)),
        referralDisplayName: referral.displayName,
        currencyCode: SANDBOX_CURRENCY,
        source: 'Sandbox',
        programRewardRuleId: earnedBy.ruleId,
        paymentType: 'Credit',
        paymentCode: null,
        completeNote: null,
        reason: null,
        reasonOther: null,
      });
    });
  }
  return {
    programs: [{ ...PROGRAM }],
    rewardRules: structuredClone(REWARD_RULES),
    members,
    activity,
    referrals,
    rewards,
    hooks: [],
    hookHistory: [],
    // One address that asked for no more e-mail: the demo's simulate panel and the tests refer it.
    unsubscribed: [{ email: 'no-mail@example.net', unsubscribeDate: '2026-11-01T09:00:00.000Z' }],
  };
}
