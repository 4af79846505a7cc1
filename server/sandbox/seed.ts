import type { Member, Program, Referral, ReferralStatus, Reward, RewardRule, RewardStatus } from '../../types/referralrock.js';
import type { Activity, SandboxState } from './store.js';

/** The one payout method of the sandbox: every reward is paid as account credit. */
export const SANDBOX_PAYOUT = { id: '3f2c9d7e-5b1a-4c8e-9f60-7a2d4e1b8c05', description: 'Account credit' } as const;

const PROGRAM: Program = {
  id: '5f0c7b2e-1c1a-4c57-9b8e-2a1f4f3d9a10',
  name: 'friends-of-acme',
  title: 'Friends of Acme',
  status: 'Active',
  currencyCode: 'USD',
};

const REWARD_RULES: RewardRule[] = [
  { id: '9a1d2c3b-4e5f-4a6b-8c7d-0e1f2a3b4c5d', programId: PROGRAM.id, title: 'Referral reward: a friend became a customer', type: 'Member', trigger: 'Approved', amount: 25, eligibilityDays: 0 },
  { id: '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e', programId: PROGRAM.id, title: 'Welcome discount for the friend', type: 'Referral', trigger: 'Approved', amount: 10, eligibilityDays: 0 },
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
  referrals: Array<[number, ReferralStatus]>;
  rewards: Array<[number, number, RewardStatus]>;
}

/** The sandbox members. README lists them: keep the two in step. */
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
    referrals: [[80, 'Approved'], [50, 'Approved'], [35, 'Qualified'], [10, 'Pending'], [3, 'Pending'], [25, 'Denied']],
    rewards: [[78, 25, 'Issued'], [48, 25, 'Issued'], [6, 25, 'Pending']],
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
    referrals: [[2, 'Pending']],
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
    referrals: [[14, 'Qualified']],
    rewards: [[13, 10, 'Processing']],
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
    seed.referrals.forEach(([days, status], i) => {
      const [firstName, lastName] = FRIENDS[friendIndex++ % FRIENDS.length]!;
      const at = daysAgo(days);
      const settled = daysAgo(Math.max(days - 2, 0));
      referrals.push({
        id: `${seed.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
        displayName: `${firstName} ${lastName}`,
        firstName,
        lastName,
        email: `${firstName}.${lastName}`.toLowerCase().replace(/\s+/g, '') + '@example.net',
        phone: null,
        externalIdentifier: null,
        companyName: null,
        amount: status === 'Approved' ? 120 : null,
        note: null,
        publicNote: null,
        status,
        programId: PROGRAM.id,
        programName: PROGRAM.name,
        programTitle: PROGRAM.title,
        referringMemberId: seed.id,
        referringMemberName: `${seed.firstName} ${seed.lastName}`,
        referralCode: seed.referralCode,
        createDate: at,
        updateDate: status === 'Pending' ? at : settled,
        qualifiedDate: status === 'Qualified' || status === 'Approved' ? settled : null,
        approvedDate: status === 'Approved' ? settled : null,
        deniedDate: status === 'Denied' ? settled : null,
      });
    });
    seed.rewards.forEach(([days, amount, status], i) => {
      const id = `${seed.id.slice(0, 24)}${String(100 + i).padStart(12, '0')}`;
      const referral = referrals.find((r) => r.referringMemberId === seed.id && r.status === 'Approved' && !rewards.some((w) => w.referralId === r.id));
      rewards.push({
        id,
        payoutId: SANDBOX_PAYOUT.id,
        payoutDescription: SANDBOX_PAYOUT.description,
        programId: PROGRAM.id,
        programName: PROGRAM.name,
        memberId: seed.id,
        referralId: referral?.id ?? null,
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
        description: 'Referral reward: a friend became a customer',
        transactionID: status === 'Issued' ? `${id.slice(0, 24)}${'f'.repeat(12)}` : null,
        updateDate: daysAgo(Math.max(days - 1, 0)),
        referralDisplayName: referral?.displayName ?? null,
        currencyCode: PROGRAM.currencyCode ?? 'USD',
        source: 'Sandbox',
        programRewardRuleId: REWARD_RULES[0]!.id,
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
    rewardRules: REWARD_RULES.map((r) => ({ ...r })),
    members,
    activity,
    referrals,
    rewards,
    hooks: [],
    hookHistory: [],
  };
}
