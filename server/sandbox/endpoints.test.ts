/** The sandbox's endpoints, as an integrator uses them: filters, paging, creation, expiry. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Member, type MemberAccessUrls, type MemberList, type MemberResult, type NewReferralResult, type NewRewardResult, type Program, type ProgramList, type Referral, type ReferralList, type ReferralResult, type RewardList, type RewardResult, type RewardRule } from '../../types/referralrock.js';
import { rewardRulesOf } from '../upstream/lists.js';
import { ADA_ID, GRACE_ID, PROGRAM_ID, testSandbox } from './test-helpers.js';

describe('programs and reward rules', () => {
  it('GET api/program/getsingle finds a program by name or title', async () => {
    const { get } = testSandbox();
    assert.equal((await get<Program>('/api/program/getsingle?name=friends-of-acme')).body.id, PROGRAM_ID);
    assert.equal((await get<Program>('/api/program/getsingle?name=FRIENDS%20OF%20ACME')).body.id, PROGRAM_ID);
    assert.equal((await get('/api/program/getsingle?name=nope')).status, 404);
    assert.equal((await get('/api/program/getsingle')).status, 400);
    assert.equal((await get<ProgramList>('/api/programs?offset=1')).body.programs.length, 0);
  });

  it('GET api/programs shows the program’s offers, and links that point back at the sandbox', async () => {
    const { get } = testSandbox();
    const [program] = (await get<ProgramList>('/api/programs')).body.programs;
    assert.equal(program!.memberOffer, 'a $25 gift card');
    assert.equal(program!.referralOffer, '15% off your first order');
    assert.equal(program!.isActive, true);
    assert.equal(program!.directUrl, 'http://127.0.0.1:9999/p/friends-of-acme');
    assert.equal(program!.widgetUrl, 'http://127.0.0.1:9999/p/friends-of-acme/widget');
    assert.deepEqual((await get<Program>('/api/program/getsingle?name=friends-of-acme')).body, program);
    for (const url of [program!.directUrl!, program!.widgetUrl!]) assert.equal((await get(new URL(url).pathname)).status, 200, url);
    assert.equal((await get('/p/no-such-program')).status, 404);
  });

  it('GET api/rewardrules answers a bare array of the program’s rules: a fixed amount and a percent', async () => {
    const { get } = testSandbox();
    const rules = (await get<RewardRule[]>(`/api/rewardrules?programId=${PROGRAM_ID}`)).body;
    assert.ok(Array.isArray(rules));
    assert.deepEqual(
      rules.map((r) => [r.trigger?.referralStatus, r.reward?.amountCalculationMethod, r.reward?.fixedAmount, r.reward?.startingPercentAmount]),
      [['Approved', 'Fixed', 25, null], ['Qualified', 'Percentage', null, 10]],
    );
    assert.ok(rules.every((r) => r.isEnabled === true && r.programId === PROGRAM_ID && typeof r.description === 'string'));
    assert.deepEqual(rewardRulesOf(rules), rules, 'the reader takes the bare array');
    assert.deepEqual(rewardRulesOf({ rewardRules: rules, total: 2 }), rules, 'and an envelope');
    assert.deepEqual((await get<RewardRule[]>('/api/rewardrules?programId=other')).body, []);
  });
});

describe('members', () => {
  it('GET api/members filters by query, program, dates and disabled, and sorts', async () => {
    const { get, post } = testSandbox();
    const list = async (query: string) => (await get<MemberList>(`/api/members?${query}`)).body;
    assert.deepEqual((await list('')).members.map((m) => m.referralCode), ['LINUS01', 'ALAN1912', 'GRACE42', 'ADA2024'], 'newest first by default');
    assert.deepEqual((await list('sort=Name_Asc')).members.map((m) => m.firstName), ['Ada', 'Alan', 'Grace', 'Linus']);
    assert.deepEqual((await list('sort=create_dt_asc&count=1')).members.map((m) => m.firstName), ['Ada']);
    const recent = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual((await list(`dateFrom=${recent}&sort=Name_Asc`)).members.map((m) => m.firstName), ['Alan', 'Linus']);
    const older = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual((await list(`dateTo=${older}`)).members.map((m) => m.firstName), ['Grace', 'Ada']);
    assert.equal((await list(`programId=${PROGRAM_ID}`)).total, 4);
    assert.equal((await list('programId=another')).total, 0);

    await post<MemberResult[]>('/api/members/update', [{ query: { primaryInfo: { referralCode: 'GRACE42' } }, member: { disabledFlag: true } }]);
    assert.equal((await list('')).total, 3);
    assert.equal((await list('showDisabled=true')).total, 4);
    const ada = (await list('query=ADA2024')).members[0]!;
    assert.deepEqual([ada.referrals, ada.referralsApproved, ada.rewardsIssuedAmount, ada.rewardsPendingAmount], [6, 2, 50, 25], 'counters from the live state');

    for (const bad of ['sort=Random', 'dateFrom=yesterday', 'dateFrom=2025-02-01&dateTo=2025-01-01', 'showDisabled=maybe', 'offset=-1', 'count=1001']) {
      assert.equal((await get(`/api/members?${bad}`)).status, 400, bad);
    }
  });

  it('POST api/members creates a member with a unique referralCode and referralUrl', async () => {
    const { post, get } = testSandbox();
    const codes = new Set<string>();
    for (const email of ['ann@example.com', 'ann2@example.com', 'ann3@example.com']) {
      const { status, body } = await post<Member>('/api/members', { firstName: 'Ann', lastName: 'Lee', email });
      assert.equal(status, 200);
      assert.match(body.referralCode, /^ANN\d{4}$/);
      assert.equal(body.referralUrl, `http://127.0.0.1:9999/r/${body.referralCode}`);
      assert.equal(body.programId, PROGRAM_ID);
      codes.add(body.referralCode);
    }
    assert.equal(codes.size, 3);
    const own = await post<Member>('/api/members', { firstName: 'Bo', email: 'bo@example.com', referralCode: 'BO-VIP', programName: 'friends-of-acme' });
    assert.equal(own.body.referralCode, 'BO-VIP');
    assert.equal((await get('/r/BO-VIP')).status, 200, 'the new member’s link works at once');

    const refusals: Array<[unknown, RegExp]> = [
      [{ firstName: 'Ada', email: 'ADA@example.com' }, /already exists/],
      [{ firstName: 'Cy', email: 'cy@example.com', referralCode: 'ada2024' }, /is taken/],
      [{ firstName: 'Cy', email: 'cy@example.com', referralCode: 'no spaces' }, /referralCode must be/],
      [{ firstName: 'Cy', email: 'cy@example.com', programId: 'unknown' }, /No program/],
      [{ firstName: 'Cy' }, /email is required/],
      [{ email: 'cy@example.com' }, /firstName is required/],
      [{ firstName: 'Cy', email: 'cy' }, /email must be an email address/],
      [{ firstName: 42, email: 'cy@example.com' }, /firstName must be a string/],
    ];
    for (const [body, message] of refusals) {
      const res = await post<{ message: string }>('/api/members', body);
      assert.ok(res.status === 400 || res.status === 404, JSON.stringify(body));
      assert.match(res.body.message, message);
    }
  });

  it('POST api/memberaccessurls hands out embed links that expire after expireInMinutes', async () => {
    let now = new Date('2026-01-01T12:00:00Z');
    const { post, get } = testSandbox({ now: () => now });
    const { body } = await post<MemberAccessUrls>('/api/memberaccessurls', { referralCode: 'ADA2024', expireInMinutes: 5 });
    const embed = new URL(body.shareEmbedUrl!).pathname;
    const portal = new URL(body.fullEmbedUrl!).pathname;
    assert.equal((await get(embed)).status, 200);
    now = new Date('2026-01-01T12:04:59Z');
    assert.equal((await get(portal)).status, 200);
    now = new Date('2026-01-01T12:05:00Z');
    assert.equal((await get(embed)).status, 410);
    assert.equal((await get(portal)).status, 410);
    assert.equal((await get('/embed/never-issued')).status, 404);
    assert.equal((await get(new URL(body.portalUrl!).pathname)).status, 200, 'the portal login page itself does not expire');
    const longer = await post<MemberAccessUrls>('/api/memberaccessurls', { referralCode: 'ADA2024' });
    now = new Date('2026-01-01T12:24:59Z');
    assert.equal((await get(new URL(longer.body.shareEmbedUrl!).pathname)).status, 200, 'the default is 20 minutes');
  });
});

describe('referrals', () => {
  it('GET api/referrals filters by member, status and query; GET api/referral/single finds one', async () => {
    const { get, post } = testSandbox();
    const list = async (query: string) => (await get<ReferralList>(`/api/referrals?${query}`)).body;
    assert.equal((await list('count=100')).total, 8);
    assert.equal((await list(`memberId=${ADA_ID}`)).total, 6);
    assert.deepEqual((await list(`memberId=${ADA_ID}&status=pending`)).referrals.map((r) => r.status), ['Pending', 'Pending']);
    assert.equal((await get('/api/referrals?status=Lost')).status, 400);

    const created = (await post<NewReferralResult>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Lu', email: 'lu@example.net', externalIdentifier: 'crm-9' })).body.referral!;
    assert.equal((await list('query=lu@example.net')).referrals[0]!.id, created.id);
    assert.equal((await get<Referral>('/api/referral/single?externalId=crm-9')).body.id, created.id);
    assert.equal((await get<Referral>(`/api/referral/single?referralId=${created.id}&email=lu@example.net`)).body.referringMemberId, GRACE_ID);
    assert.equal((await get('/api/referral/single?email=nobody@example.net')).status, 404);
    assert.equal((await get('/api/referral/single')).status, 400);
  });

  it('GET api/referrals?memberId= lists that member’s friends, by name, new ones included', async () => {
    const { get, post } = testSandbox();
    const friends = async (memberId: string) => (await get<ReferralList>(`/api/referrals?memberId=${memberId}&count=100`)).body.referrals;
    const ada = await friends(ADA_ID);
    assert.equal(ada.length, 6);
    for (const r of ada) {
      assert.ok(r.firstName && r.lastName, `${r.id} has a first and a last name`);
      assert.equal(r.displayName, `${r.firstName} ${r.lastName}`);
      assert.deepEqual([r.referringMemberId, r.memberReferralCode, r.memberEmail, r.referringMemberName], [ADA_ID, 'ADA2024', 'ada@example.com', 'Ada Lovelace']);
    }
    const answer = await post<NewReferralResult>('/api/referrals', { referralCode: 'ada2024', firstName: 'Sam', lastName: 'Fischer', email: 'sam.f@example.net', phoneNumber: '+1 555 0100' });
    assert.equal(answer.status, 200);
    const created = answer.body.referral!;
    assert.deepEqual(
      [created.firstName, created.lastName, created.phoneNumber, created.memberReferralCode, created.memberEmail],
      ['Sam', 'Fischer', '+1 555 0100', 'ADA2024', 'ada@example.com'],
    );
    assert.deepEqual((await friends(ADA_ID))[0], created, 'newest first, as created');
    assert.equal((await friends(GRACE_ID)).some((r) => r.id === created.id), false, 'not another member’s');
    const renamed = await post<ReferralResult[]>('/api/referral/update', [{ query: { primaryInfo: { referralId: created.id } }, referral: { phone: '+1 555 0199' } }]);
    assert.equal(renamed.body[0]!.referral!.phoneNumber, '+1 555 0199', 'the older field name still updates the phone number');
  });

  it('refuses a referral for an unknown code, a self-referral and a repeated email', async () => {
    const { post } = testSandbox();
    assert.equal((await post('/api/referrals', { referralCode: 'NOPE', firstName: 'X' })).status, 404);
    assert.match((await post<{ message: string }>('/api/referrals', { referralCode: 'ADA2024', email: 'ada@example.com' })).body.message, /cannot refer themselves/);
    assert.equal((await post('/api/referrals', { referralCode: 'ADA2024', email: 'mo@example.net' })).status, 200);
    assert.match((await post<{ message: string }>('/api/referrals', { referralCode: 'GRACE42', email: 'MO@example.net' })).body.message, /already been referred/);
    assert.match((await post<{ message: string }>('/api/referrals', { referralCode: 'GRACE42' })).body.message, /firstName or an email/);
  });

  it('POST and DELETE api/referral/remove remove by query', async () => {
    const { post, del, state } = testSandbox();
    const body = (await post<NewReferralResult>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Rem' })).body.referral!;
    const removed = await del<ReferralResult[]>('/api/referral/remove', [{ query: { primaryInfo: { referralId: body.id } } }, { query: { primaryInfo: { referralId: body.id } } }]);
    assert.deepEqual(removed.body.map((r) => r.resultInfo.Status), ['Success', 'Error']);
    assert.equal(state.referrals.some((r) => r.id === body.id), false);
  });
});

describe('rewards', () => {
  it('GET api/rewards filters by member, status, query and dates, and sorts', async () => {
    const { get } = testSandbox();
    const list = async (query: string) => (await get<RewardList>(`/api/rewards?${query}`)).body;
    assert.deepEqual((await list(`memberId=${ADA_ID}`)).rewards.map((r) => r.status), ['Pending', 'Issued', 'Issued']);
    assert.deepEqual((await list(`memberId=${ADA_ID}&sort=Create_Dt_Asc`)).rewards.map((r) => r.status), ['Issued', 'Issued', 'Pending']);
    assert.deepEqual((await list('sort=Amount_Asc')).rewards.map((r) => r.amount), [10, 25, 25, 25]);
    assert.equal((await list('status=processing')).total, 1);
    assert.equal((await list('query=turing')).total, 1);
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
    assert.equal((await list(`dateFrom=${encodeURIComponent(week)}`)).total, 1);
    assert.equal((await get('/api/rewards?sort=Biggest')).status, 400);
  });

  it('names the friend in each reward’s description, and rewards under the rule the referral triggers', async () => {
    const { get, post } = testSandbox();
    const ada = (await get<RewardList>(`/api/rewards?memberId=${ADA_ID}&sort=Create_Dt_Asc`)).body.rewards;
    assert.deepEqual(ada.map((r) => r.description), ['Charles B. became a customer', 'Mary S. became a customer', 'Augustus D. placed a qualifying order']);
    assert.ok(ada.every((r) => r.referralDisplayName && r.description!.startsWith(r.referralDisplayName.split(' ')[0]!)));
    const rules = (await get<RewardRule[]>('/api/rewardrules')).body;
    assert.deepEqual(ada.map((r) => r.programRewardRuleId), [rules[0]!.ruleId, rules[0]!.ruleId, rules[1]!.ruleId]);

    const friend = (await post<NewReferralResult>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Sam', lastName: 'Fischer', email: 'sam@example.net' })).body.referral!;
    const rewarded = await post<NewRewardResult[]>('/api/rewards', [
      { memberQuery: { primaryInfo: { referralCode: 'GRACE42' } }, referralQuery: { primaryInfo: { referralId: friend.id } }, newReward: { amount: 5 } },
      { referralQuery: { primaryInfo: { referralId: friend.id } }, newReward: { amount: 5 } },
      { memberQuery: { primaryInfo: { referralCode: 'GRACE42' } }, referralQuery: { primaryInfo: { referralId: friend.id } }, newReward: { amount: 5, description: 'Your own words' } },
    ]);
    assert.deepEqual(rewarded.body.map((r) => r.reward!.description), ['Sam F. signed up', 'Welcome reward for Sam F.', 'Your own words']);
  });

  it('POST api/rewards/update changes a pending reward; issued rewards stay as they were', async () => {
    const { post, state } = testSandbox();
    const pending = state.rewards.find((r) => r.status === 'Pending')!;
    const issued = state.rewards.find((r) => r.status === 'Issued')!;
    const { body } = await post<RewardResult[]>('/api/rewards/update', [
      { rewardId: pending.id, amount: 30, status: 'processing', eligibilityDate: '2020-01-01' },
      { rewardId: issued.id, amount: 1 },
      { rewardId: pending.id, status: 'Issued' },
      { rewardId: 'unknown' },
    ]);
    assert.deepEqual(body.map((r) => r.resultInfo.Status), ['Success', 'Error', 'Error', 'Error']);
    assert.deepEqual([pending.amount, pending.status, pending.eligibilityDate], [30, 'Processing', '2020-01-01T00:00:00.000Z']);
    assert.match(body[2]!.resultInfo.Message, /api\/rewards\/issue/);
    assert.equal(issued.amount, 25);
  });

  it('POST and DELETE api/rewards/remove remove pending rewards, never issued ones', async () => {
    const { post, del, state } = testSandbox();
    const pending = state.rewards.find((r) => r.status === 'Pending')!;
    const issued = state.rewards.find((r) => r.status === 'Issued')!;
    const { body } = await del<RewardResult[]>('/api/rewards/remove', [{ rewardId: pending.id }, { rewardId: issued.id }]);
    assert.deepEqual(body.map((r) => r.resultInfo.Status), ['Success', 'Error']);
    assert.equal(state.rewards.length, 3);
    assert.equal((await post<RewardResult[]>('/api/rewards/remove', [{ rewardId: pending.id }])).body[0]!.resultInfo.Status, 'Error');
  });
});
