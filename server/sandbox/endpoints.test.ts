/** The sandbox's endpoints, as an integrator uses them: filters, paging, creation, expiry. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Member, MemberAccessUrls, MemberList, MemberResult, Program, ProgramList, Referral, ReferralList, ReferralResult, RewardList, RewardResult, RewardRuleList } from '../../types/referralrock.js';
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

  it('GET api/rewardrules lists the program’s rules', async () => {
    const { get } = testSandbox();
    const rules = (await get<RewardRuleList>(`/api/rewardrules?programId=${PROGRAM_ID}`)).body;
    assert.equal(rules.total, 2);
    assert.deepEqual(rules.rewardRules.map((r) => [r.type, r.amount]), [['Member', 25], ['Referral', 10]]);
    assert.equal((await get<RewardRuleList>('/api/rewardrules?programId=other')).body.total, 0);
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

    const created = await post<Referral>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Lu', email: 'lu@example.net', externalIdentifier: 'crm-9' });
    assert.equal((await list('query=lu@example.net')).referrals[0]!.id, created.body.id);
    assert.equal((await get<Referral>('/api/referral/single?externalId=crm-9')).body.id, created.body.id);
    assert.equal((await get<Referral>(`/api/referral/single?referralId=${created.body.id}&email=lu@example.net`)).body.referringMemberId, GRACE_ID);
    assert.equal((await get('/api/referral/single?email=nobody@example.net')).status, 404);
    assert.equal((await get('/api/referral/single')).status, 400);
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
    const { body } = await post<Referral>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Rem' });
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
