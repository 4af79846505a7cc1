/**
 * Contract tests: every field name and JSON type of the sample responses in Referral Rock's help
 * pages `post-rewards.txt` (NewRewardResult) and `post-rewards-issue.txt` (IssueRewardResult)
 * appears in the sandbox's answers; so do the Program, reward rule and Referral shapes seen in
 * public client code (not confirmed by an official page). The shapes are embedded below (field →
 * JSON type), so the tests need no file outside the repository.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IssueRewardResult, NewReferralResult, NewRewardInfo, NewRewardResult, Program, ProgramList, Referral, ReferralList, RewardRule } from '../../types/referralrock.js';
import { ADA_ID, PROGRAM_ID, testSandbox } from './test-helpers.js';

type Shape = { [field: string]: 'string' | 'number' | 'boolean' | Shape };

const REWARD_SAMPLE: Shape = {
  id: 'string', payoutId: 'string', payoutDescription: 'string', programId: 'string', programName: 'string',
  memberId: 'string', referralId: 'string', type: 'string', recipientId: 'string', recipientName: 'string',
  recipientEmailAddress: 'string', recipientExternalIdentifier: 'string', externalIdentifier: 'string',
  status: 'string', amount: 'number', createDate: 'string', issueDate: 'string', eligibilityDate: 'string',
  description: 'string', transactionID: 'string', updateDate: 'string', referralDisplayName: 'string',
  currencyCode: 'string', source: 'string', programRewardRuleId: 'string', paymentType: 'string',
  paymentCode: 'string', completeNote: 'string',
};

/** post-rewards.txt, "Response Formats", application/json: one item of the collection. */
const NEW_REWARD_RESULT_SAMPLE: Shape = {
  memberQuery: {
    primaryInfo: { memberId: 'string', referralCode: 'string' },
    secondaryInfo: { externalIdentifier: 'string', email: 'string' },
    tertiaryInfo: { programId: 'string', programName: 'string', programTitle: 'string' },
  },
  referralQuery: {
    primaryInfo: { referralId: 'string' },
    secondaryInfo: { externalIdentifier: 'string', email: 'string', phoneNumber: 'string' },
    tertiaryInfo: { ProgramId: 'string', ProgramName: 'string', ProgramTitle: 'string' },
    fuzzyInfo: { Identifier: 'string' },
  },
  reward: { ...REWARD_SAMPLE, reason: 'string', reasonOther: 'string' },
  resultInfo: { Status: 'string', Message: 'string' },
};

/** post-rewards-issue.txt, "Response Formats", application/json. */
const ISSUE_REWARD_RESULT_SAMPLE: Shape = {
  reward: REWARD_SAMPLE,
  resultInfo: { Status: 'string', Message: 'string' },
};

/**
 * Asserts `actual` has every field of `shape` with its JSON type. `mayBeNull` names the fields that
 * are honestly null in this state of the reward (a pending reward has no issueDate yet).
 */
function assertShape(actual: unknown, shape: Shape, path: string, mayBeNull: ReadonlySet<string>): void {
  assert.equal(typeof actual, 'object', `${path} is an object`);
  assert.ok(actual !== null && !Array.isArray(actual), `${path} is an object`);
  const object = actual as Record<string, unknown>;
  for (const [field, type] of Object.entries(shape)) {
    const where = `${path}.${field}`;
    assert.ok(field in object, `${where} is present`);
    if (typeof type === 'object') assertShape(object[field], type, where, mayBeNull);
    else if (object[field] === null && mayBeNull.has(field)) continue;
    else assert.equal(typeof object[field], type, `${where} is a ${type}`);
  }
}

const ADA_APPROVED_REFERRAL = `${ADA_ID.slice(0, 24)}000000000000`;

/** A NewRewardInfo filling every documented query field, like the help page's sample request. */
const FULL_REQUEST: NewRewardInfo = {
  memberQuery: {
    primaryInfo: { memberId: ADA_ID, referralCode: 'ADA2024' },
    secondaryInfo: { externalIdentifier: 'cust-1001', email: 'ada@example.com' },
    tertiaryInfo: { programId: PROGRAM_ID, programName: 'friends-of-acme', programTitle: 'Friends of Acme' },
  },
  referralQuery: {
    primaryInfo: { referralId: ADA_APPROVED_REFERRAL },
    secondaryInfo: { externalIdentifier: 'lead-77', email: 'charles.babbage@example.net', phoneNumber: '+44 20 7946 0000' },
    tertiaryInfo: { ProgramId: PROGRAM_ID, ProgramName: 'friends-of-acme', ProgramTitle: 'Friends of Acme' },
    fuzzyInfo: { Identifier: 'charles.babbage@example.net' },
  },
  newReward: { amount: 12, payoutId: '3f2c9d7e-5b1a-4c8e-9f60-7a2d4e1b8c05', eligibilityDate: '2020-01-01T00:00:00Z', description: 'Contract test' },
};

describe('contract: POST api/rewards answers NewRewardResult as in post-rewards.txt', () => {
  it('has every sample field with its JSON type, and echoes the queries as sent', async () => {
    const { post } = testSandbox();
    const { status, body } = await post<NewRewardResult[]>('/api/rewards', [FULL_REQUEST, FULL_REQUEST]);
    assert.equal(status, 200);
    assert.ok(Array.isArray(body));
    assert.equal(body.length, 2, 'one result per item');
    for (const [i, result] of body.entries()) {
      // A pending reward is not issued, paid or denied yet: those fields are null until it is.
      assertShape(result, NEW_REWARD_RESULT_SAMPLE, `[${i}]`, new Set(['issueDate', 'transactionID', 'externalIdentifier', 'paymentCode', 'completeNote', 'reason', 'reasonOther']));
      assert.deepEqual(result.memberQuery, FULL_REQUEST.memberQuery);
      assert.deepEqual(result.referralQuery, FULL_REQUEST.referralQuery);
      assert.equal(result.resultInfo.Status, 'Success');
      assert.equal(result.reward!.referralId, ADA_APPROVED_REFERRAL);
      assert.equal(result.reward!.amount, 12);
    }
    assert.notEqual(body[0]!.reward!.id, body[1]!.reward!.id);
  });

  it('answers a refused item in the same shape, with reward null and its own resultInfo', async () => {
    const { post } = testSandbox();
    const bad = { ...FULL_REQUEST, newReward: { amount: -5 } };
    const { status, body } = await post<NewRewardResult[]>('/api/rewards', [bad, FULL_REQUEST]);
    assert.equal(status, 200);
    assert.equal(body[0]!.reward, null);
    assert.equal(body[0]!.resultInfo.Status, 'Error');
    assert.match(body[0]!.resultInfo.Message, /amount/);
    assert.deepEqual(body[0]!.memberQuery, FULL_REQUEST.memberQuery);
    assert.equal(body[1]!.resultInfo.Status, 'Success', 'the bad item does not fail the good one');
  });
});

describe('contract: POST api/rewards/issue answers IssueRewardResult as in post-rewards-issue.txt', () => {
  it('has every sample field with its JSON type once issued', async () => {
    const { post } = testSandbox();
    const created = await post<NewRewardResult[]>('/api/rewards', [FULL_REQUEST]);
    const rewardId = created.body[0]!.reward!.id;
    const { status, body } = await post<IssueRewardResult>('/api/rewards/issue', { rewardId, recipientInfo: 'ada@example.com', note: 'Thanks, Ada' });
    assert.equal(status, 200);
    assertShape(body, ISSUE_REWARD_RESULT_SAMPLE, 'result', new Set(['externalIdentifier', 'paymentCode']));
    assert.equal(body.resultInfo.Status, 'Success');
    assert.equal(body.reward!.status, 'Issued');
    assert.equal(body.reward!.completeNote, 'Thanks, Ada');
  });

  it('answers a refusal in the same shape', async () => {
    const { post } = testSandbox();
    const { status, body } = await post<IssueRewardResult>('/api/rewards/issue', { rewardId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(status, 404);
    assert.equal(body.reward, null);
    assert.equal(body.resultInfo.Status, 'Error');
    assert.equal(typeof body.resultInfo.Message, 'string');
  });
});

/** Public client code: a Program. */
const PROGRAM_SHAPE: Shape = {
  id: 'string', name: 'string', title: 'string', isActive: 'boolean', type: 'string', memberOffer: 'string',
  referralOffer: 'string', directUrl: 'string', widgetUrl: 'string',
};

/** Public client code: one item of the bare array `GET api/rewardrules?programId=` answers. */
const REWARD_RULE_SHAPE: Shape = {
  ruleId: 'string', isEnabled: 'boolean', description: 'string', ruleStartDate: 'string', ruleEndDate: 'string',
  programId: 'string', payoutId: 'string', payoutType: 'string', payoutDescription: 'string',
  reward: { amountCalculationMethod: 'string', fixedAmount: 'number', startingPercentAmount: 'number' },
  trigger: { referralStatus: 'string' }, deliveryType: 'string', deliveryDelay: 'number',
};

/** Public client code: a Referral. */
const REFERRAL_SHAPE: Shape = {
  id: 'string', displayName: 'string', firstName: 'string', lastName: 'string', email: 'string', phoneNumber: 'string',
  externalIdentifier: 'string', amount: 'number', status: 'string', createDate: 'string', updateDate: 'string',
  programId: 'string', programTitle: 'string', referringMemberId: 'string', referringMemberName: 'string',
  memberEmail: 'string', memberReferralCode: 'string', companyName: 'string', note: 'string', approvedDate: 'string',
  qualifiedDate: 'string', programName: 'string', publicNote: 'string',
};
/** Fields an earlier reading gave a referral and Referral Rock's answers do not have. */
const NOT_ON_A_REFERRAL = ['referralCode', 'deniedDate'];

describe('contract: the shapes of public client code (unconfirmed by an official page)', () => {
  it('GET api/programs and api/program/getsingle answer Programs with every field, offers included', async () => {
    const { get } = testSandbox();
    const { body } = await get<ProgramList>('/api/programs');
    assert.equal(body.programs.length, 1);
    assertShape(body.programs[0], PROGRAM_SHAPE, 'programs[0]', new Set());
    assertShape((await get<Program>('/api/program/getsingle?name=Friends%20of%20Acme')).body, PROGRAM_SHAPE, 'program', new Set());
  });

  it('GET api/rewardrules?programId= answers a bare array of rules with every field', async () => {
    const { get } = testSandbox();
    const { status, body } = await get<RewardRule[]>(`/api/rewardrules?programId=${PROGRAM_ID}`);
    assert.equal(status, 200);
    assert.ok(Array.isArray(body), 'a bare array, no envelope');
    assert.ok(body.length >= 2);
    // A fixed rule has no percent and the other way round; the seed's rules have no start or end.
    for (const [i, rule] of body.entries()) assertShape(rule, REWARD_RULE_SHAPE, `[${i}]`, new Set(['ruleStartDate', 'ruleEndDate', 'fixedAmount', 'startingPercentAmount']));
    assert.ok(body.some((r) => typeof r.reward?.fixedAmount === 'number'), 'a rule with a fixed amount');
    assert.ok(body.some((r) => typeof r.reward?.startingPercentAmount === 'number'), 'a rule with a percent');
  });

  it('GET api/referrals and POST api/referrals answer Referrals with every field', async () => {
    const { get, post } = testSandbox();
    // What a referral has not got yet (a phone number, an order, a note; a date still ahead) is null.
    const unset = new Set(['email', 'phoneNumber', 'externalIdentifier', 'amount', 'companyName', 'note', 'publicNote', 'approvedDate', 'qualifiedDate']);
    const { body } = await get<ReferralList>(`/api/referrals?memberId=${ADA_ID}&count=100`);
    for (const [i, referral] of body.referrals.entries()) {
      assertShape(referral, REFERRAL_SHAPE, `referrals[${i}]`, unset);
      for (const field of NOT_ON_A_REFERRAL) assert.ok(!(field in referral), `referrals[${i}] has no ${field}`);
    }
    const created = await post<NewReferralResult>('/api/referrals', {
      referralCode: 'ADA2024', firstName: 'Sam', lastName: 'Fischer', email: 'sam@example.net', phoneNumber: '+1 555 0100',
      externalIdentifier: 'crm-1', amount: 80, companyName: 'Fischer & Co', note: 'met at the fair',
    });
    assert.equal(typeof created.body.message, 'string', 'POST api/referrals answers { message, referral }');
    assertShape(created.body.referral, REFERRAL_SHAPE, 'created', new Set(['publicNote', 'approvedDate', 'qualifiedDate']));
    for (const field of NOT_ON_A_REFERRAL) assert.ok(!(field in created.body.referral!), `created has no ${field}`);
  });
});
