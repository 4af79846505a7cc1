/** The documented rules, each with its refusals: the query rule, the referral status rules, the eligibility rule. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IssueRewardResult, Member, MemberResult, NewReferralResult, NewRewardResult, Referral, ReferralResult, Reward } from '../../types/referralrock.js';
import { ADA_ID, GRACE_ID, PROGRAM_ID, snapshot, testSandbox } from './test-helpers.js';

const rename = (query: unknown, firstName = 'Renamed') => ({ query, member: { firstName } });

describe('query rule (api-index.txt): primaryInfo, or secondaryInfo with tertiaryInfo; exactly one match', () => {
  it('acts on the member a primaryInfo names (by id or referral code)', async () => {
    const { post, state } = testSandbox();
    const { status, body } = await post<MemberResult[]>('/api/members/update', [
      rename({ primaryInfo: { memberId: GRACE_ID } }, 'Amazing Grace'),
      rename({ primaryInfo: { referralCode: 'alan1912' } }, 'Alan M.'),
    ]);
    assert.equal(status, 200);
    assert.deepEqual(body.map((r) => r.resultInfo.Status), ['Success', 'Success']);
    assert.equal(state.members.find((m) => m.id === GRACE_ID)!.firstName, 'Amazing Grace');
    assert.equal(body[1]!.member!.displayName, 'Alan M. Turing');
  });

  it('acts on the member secondaryInfo and tertiaryInfo name together', async () => {
    const { post } = testSandbox();
    const { body } = await post<MemberResult[]>('/api/members/update', [
      rename({ secondaryInfo: { email: 'GRACE@example.com' }, tertiaryInfo: { programTitle: 'Friends of Acme' } }),
      rename({ secondaryInfo: { externalIdentifier: 'cust-1003' }, tertiaryInfo: { programId: PROGRAM_ID } }),
    ]);
    assert.deepEqual(body.map((r) => [r.resultInfo.Status, r.member?.email]), [['Success', 'grace@example.com'], ['Success', 'alan@example.com']]);
  });

  it('refuses a query without the minimum, one that matches nobody, and one that matches several, item by item', async () => {
    const { post, state } = testSandbox();
    // Two members share an external id: only secondary + tertiary could tell them apart, and cannot.
    const twin = await post<Member>('/api/members', { firstName: 'Ada', lastName: 'Twin', email: 'twin@example.com', externalIdentifier: 'cust-1001' });
    assert.equal(twin.status, 200);
    const before = snapshot(state);
    const { status, body } = await post<MemberResult[]>('/api/members/update', [
      rename({ secondaryInfo: { email: 'ada@example.com' } }),
      rename({ tertiaryInfo: { programId: PROGRAM_ID } }),
      rename({}),
      rename({ primaryInfo: { memberId: '' } }),
      rename({ primaryInfo: { memberId: '11111111-2222-4333-8444-555555555555' } }),
      rename({ secondaryInfo: { externalIdentifier: 'cust-1001' }, tertiaryInfo: { programName: 'friends-of-acme' } }),
      rename({ primaryInfo: { memberId: ADA_ID, referralCode: 'GRACE42' } }),
      rename('ADA2024'),
      { member: { firstName: 'No query' } },
    ]);
    assert.equal(status, 200);
    const messages = body.map((r) => r.resultInfo.Message);
    assert.ok(body.every((r) => r.resultInfo.Status === 'Error' && r.member === null), JSON.stringify(messages));
    assert.match(messages[0]!, /primaryInfo, or values in both secondaryInfo and tertiaryInfo/);
    assert.match(messages[1]!, /primaryInfo, or values in both/);
    assert.match(messages[2]!, /primaryInfo, or values in both/);
    assert.match(messages[3]!, /primaryInfo, or values in both/);
    assert.match(messages[4]!, /No member matches/);
    assert.match(messages[5]!, /2 members match .* exactly one/);
    assert.match(messages[6]!, /No member matches/, 'every value given must match the same member');
    assert.match(messages[7]!, /must be a MemberQuery object/);
    assert.match(messages[8]!, /query .* is required/);
    assert.equal(snapshot(state), before, 'no refused item changed anything');
  });

  it('gives each item its own result: one bad item never fails the others, and a bad change leaves its member whole', async () => {
    const { post, state } = testSandbox();
    const { body } = await post<MemberResult[]>('/api/members/update', [
      { query: { primaryInfo: { memberId: ADA_ID } }, member: { firstName: 'Augusta', email: 'not-an-email' } },
      rename({ primaryInfo: { memberId: GRACE_ID } }, 'Grace B.'),
      { query: { primaryInfo: { referralCode: 'LINUS01' } }, member: { email: 'grace@example.com' } },
    ]);
    assert.deepEqual(body.map((r) => r.resultInfo.Status), ['Error', 'Success', 'Error']);
    assert.equal(state.members.find((m) => m.id === ADA_ID)!.firstName, 'Ada', 'the valid half of a refused change was not applied');
    assert.match(body[2]!.resultInfo.Message, /Another member .* has this email/);
    assert.equal(state.members.find((m) => m.referralCode === 'LINUS01')!.email, 'linus@example.com');
  });

  it('applies the same rule to removals (POST and DELETE) and to referral queries', async () => {
    const { post, del, state } = testSandbox();
    const removed = await del<MemberResult[]>('/api/members/remove', [{ query: { primaryInfo: { referralCode: 'LINUS01' } } }, { query: { secondaryInfo: { email: 'alan@example.com' } } }]);
    assert.deepEqual(removed.body.map((r) => r.resultInfo.Status), ['Success', 'Error']);
    assert.equal(state.members.some((m) => m.referralCode === 'LINUS01'), false);
    const again = await post<MemberResult[]>('/api/members/remove', [{ query: { primaryInfo: { referralCode: 'LINUS01' } } }]);
    assert.match(again.body[0]!.resultInfo.Message, /No member matches/);

    // Two referrals share a phone number: secondary + tertiary cannot pick one.
    for (const email of ['p1@example.net', 'p2@example.net']) {
      assert.equal((await post('/api/referrals', { referralCode: 'GRACE42', firstName: 'P', email, phoneNumber: '555-0100' })).status, 200);
    }
    const referralUpdate = await post<ReferralResult[]>('/api/referral/update', [
      { query: { secondaryInfo: { phoneNumber: '555-0100' }, tertiaryInfo: { ProgramName: 'friends-of-acme' } }, referral: { note: 'x' } },
      { query: { secondaryInfo: { email: 'p1@example.net' }, tertiaryInfo: { programName: 'friends-of-acme' } }, referral: { note: 'either casing' } },
      { query: { secondaryInfo: { email: 'p1@example.net' } }, referral: { note: 'x' } },
    ]);
    assert.deepEqual(referralUpdate.body.map((r) => r.resultInfo.Status), ['Error', 'Success', 'Error']);
    assert.match(referralUpdate.body[0]!.resultInfo.Message, /2 referrals match/);
    assert.equal(referralUpdate.body[1]!.referral!.note, 'either casing');
  });
});

describe('referral status rules: starts pending; Approved is final; Denied ↔ Pending', () => {
  const setStatus = (referralId: string, status: string) => [{ query: { primaryInfo: { referralId } }, referral: { status } }];

  it('creates referrals pending, with status lowercase on create', async () => {
    const { post } = testSandbox();
    const plain = await post<NewReferralResult>('/api/referrals', { referralCode: 'grace42', firstName: 'Ann', email: 'ann@example.net' });
    assert.equal(plain.status, 200);
    assert.equal(typeof plain.body.message, 'string', 'answered as { message, referral }');
    assert.equal(plain.body.referral!.status, 'Pending');
    assert.equal(plain.body.referral!.referringMemberId, GRACE_ID);
    assert.equal(plain.body.referral!.memberReferralCode, 'GRACE42');
    assert.ok(!('referralCode' in plain.body.referral!) && !('deniedDate' in plain.body.referral!), 'fields Referral Rock does not send');
    const lower = await post<NewReferralResult>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Ben', status: 'pending' });
    assert.equal(lower.body.referral!.status, 'Pending');
    for (const [status, message] of [['Pending', /lowercase/], ['approved', /starts pending/], ['qualified', /starts pending/]] as const) {
      const refused = await post<{ message: string }>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Cy', status });
      assert.equal(refused.status, 400, status);
      assert.match(refused.body.message, message);
    }
  });

  it('allows Pending → Denied → Pending → Qualified → Approved, and refuses every move out of Approved', async () => {
    const { post, state } = testSandbox();
    const referral = (await post<NewReferralResult>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Dee', email: 'dee@example.net' })).body.referral!;
    for (const status of ['Denied', 'pending', 'Qualified', 'APPROVED']) {
      const { body } = await post<ReferralResult[]>('/api/referral/update', setStatus(referral.id, status));
      assert.equal(body[0]!.resultInfo.Status, 'Success', `${status}: ${body[0]!.resultInfo.Message}`);
    }
    const stored = state.referrals.find((r) => r.id === referral.id)!;
    assert.equal(stored.status, 'Approved');
    assert.ok(stored.approvedDate && stored.qualifiedDate);
    for (const status of ['Pending', 'Qualified', 'Denied']) {
      const { body } = await post<ReferralResult[]>('/api/referral/update', setStatus(referral.id, status));
      assert.equal(body[0]!.resultInfo.Status, 'Error');
      assert.match(body[0]!.resultInfo.Message, /Approved, which is final/);
    }
    assert.equal(stored.status, 'Approved');
  });

  it('lets a Denied referral go back only to Pending; refuses unknown statuses', async () => {
    const { post } = testSandbox();
    const referral = (await post<NewReferralResult>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Eve' })).body.referral!;
    await post('/api/referral/update', setStatus(referral.id, 'Denied'));
    for (const [status, message] of [['Approved', /Denied referral cannot become Approved/], ['Qualified', /cannot become Qualified/], ['Lost', /must be one of Pending, Qualified, Approved, Denied/]] as const) {
      const { body } = await post<ReferralResult[]>('/api/referral/update', setStatus(referral.id, status));
      assert.match(body[0]!.resultInfo.Message, message);
    }
  });

  it('honours the same rules through the deprecated POST api/referrals/status', async () => {
    const { post } = testSandbox();
    const approvedSeed = `${ADA_ID.slice(0, 24)}000000000000`;
    const refused = await post<ReferralResult[]>('/api/referrals/status', setStatus(approvedSeed, 'Denied'));
    assert.match(refused.body[0]!.resultInfo.Message, /final/);
    const pendingSeed = `${ADA_ID.slice(0, 24)}000000000003`;
    const allowed = await post<ReferralResult[]>('/api/referrals/status', setStatus(pendingSeed, 'Qualified'));
    assert.equal(allowed.body[0]!.referral!.status, 'Qualified');
  });
});

describe('eligibility rule (post-rewards-issue.txt): a future eligibilityDate needs overrideIneligible=true', () => {
  const adaPendingReward = (rewards: Reward[]) => rewards.find((r) => r.memberId === ADA_ID && r.status === 'Pending')!;

  it('refuses a reward not yet eligible, and changes nothing', async () => {
    const { post, state } = testSandbox();
    const reward = adaPendingReward(state.rewards);
    assert.ok(Date.parse(reward.eligibilityDate!) > Date.now(), 'the seed’s pending reward becomes eligible in the future');
    const before = snapshot(state);
    for (const query of ['', '?overrideIneligible=false', '?overrideIneligible=FALSE']) {
      const { status, body } = await post<IssueRewardResult>(`/api/rewards/issue${query}`, { rewardId: reward.id });
      assert.equal(status, 400, query);
      assert.equal(body.resultInfo.Status, 'Error');
      assert.match(body.resultInfo.Message, /not eligible until .*overrideIneligible=true/);
      assert.equal(body.reward!.status, 'Pending');
    }
    assert.equal(snapshot(state), before);
  });

  it('issues it early with overrideIneligible=true: Issued, issueDate, transactionID; a second issue is refused', async () => {
    const { post, get, state } = testSandbox();
    const reward = adaPendingReward(state.rewards);
    const { status, body } = await post<IssueRewardResult>('/api/rewards/issue?overrideIneligible=true', { rewardId: reward.id, note: 'Early' });
    assert.equal(status, 200);
    assert.equal(body.reward!.status, 'Issued');
    assert.ok(Date.now() - Date.parse(body.reward!.issueDate!) < 60_000);
    assert.match(body.reward!.transactionID!, /^[0-9a-f-]{36}$/);
    const stats = await get<{ rewardsIssuedAmount: number; rewardsPendingAmount: number }>('/api/memberstats/getsingle?query=ADA2024');
    assert.deepEqual([stats.body.rewardsIssuedAmount, stats.body.rewardsPendingAmount], [75, 0]);

    const before = snapshot(state);
    const twice = await post<IssueRewardResult>('/api/rewards/issue?overrideIneligible=true', { rewardId: reward.id });
    assert.equal(twice.status, 400);
    assert.match(twice.body.resultInfo.Message, /already issued/);
    assert.equal(snapshot(state), before, 'the transaction of the first issue stands');
  });

  it('issues a reward whose eligibilityDate has passed without the override; refuses a malformed override', async () => {
    const { post } = testSandbox();
    const created = await post<NewRewardResult[]>('/api/rewards', [
      { memberQuery: { primaryInfo: { referralCode: 'ALAN1912' } }, newReward: { amount: 10, eligibilityDate: '2024-04-26' } },
    ]);
    const rewardId = created.body[0]!.reward!.id;
    assert.equal((await post('/api/rewards/issue?overrideIneligible=yes', { rewardId })).status, 400);
    const { status, body } = await post<IssueRewardResult>('/api/rewards/issue', { rewardId });
    assert.equal(status, 200);
    assert.equal(body.reward!.status, 'Issued');
  });
});
