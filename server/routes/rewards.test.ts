import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, RewardsResponse } from '../../types/v1.js';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { signMemberToken, type MemberIdentity } from '../security/member-token.js';
import { SECRET, bearer, inMinutes, rawToken, sandboxApp } from '../test-helpers.js';

const ADA_ID = (async () => {
  const { app } = sandboxApp();
  const res = await app.request('/sandbox/api/members?query=ada@example.com', {
    headers: { authorization: `Basic ${Buffer.from('sandbox-public:sandbox-private').toString('base64')}` },
  });
  return ((await res.json()) as { members: Array<{ id: string }> }).members[0]!.id;
})();

async function rewardsFor(identity: MemberIdentity, query = '') {
  const { app, upstreamCalls } = sandboxApp();
  const res = await app.request(`/v1/me/rewards${query}`, bearer(await signMemberToken(identity, SECRET)));
  return { res, upstreamCalls, body: (await res.json()) as RewardsResponse & ErrorBody };
}

/** A live-mode app whose upstream answers `rewards` for any member, as an attacker controlling it would. */
function hostileUpstream(rewards: unknown[], total = rewards.length) {
  const config = loadConfig({ REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: SECRET });
  const app = createApp(config, {
    log: () => {},
    fetch: async (input) => {
      const url = String(input);
      if (url.includes('api/members')) return Response.json({ members: [{ id: 'member-ada', email: 'ada@example.com', referralCode: 'ADA2024' }], offset: 0, total: 1 });
      return Response.json({ rewards, offset: 0, total });
    },
  });
  return async (query = '') => {
    const res = await app.request(`/v1/me/rewards${query}`, bearer(await signMemberToken({ email: 'ada@example.com' }, SECRET)));
    return { res, text: await res.clone().text(), body: (await res.json()) as RewardsResponse };
  };
}

const reward = (fields: Record<string, unknown>) => ({
  id: 'rw-own', memberId: 'member-ada', type: 'Member', recipientId: 'member-ada', status: 'Pending',
  amount: 25, currencyCode: 'USD', createDate: '2026-11-01T00:00:00Z', issueDate: null, eligibilityDate: null, description: null,
  ...fields,
});

describe('GET /v1/me/rewards', () => {
  it("lists the token's member's rewards, newest first, with the fields a member sees", async () => {
    const { res, body, upstreamCalls } = await rewardsFor({ email: 'ada@example.com' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.equal(body.total, 3);
    assert.equal(body.offset, 0);
    assert.deepEqual(body.rewards.map((r) => [r.status, r.amount, r.currencyCode]), [
      ['Pending', 25, 'USD'],
      ['Issued', 25, 'USD'],
      ['Issued', 25, 'USD'],
    ]);
    const [pending, issued] = body.rewards;
    assert.equal(pending!.issueDate, null);
    assert.ok(Date.parse(pending!.eligibilityDate!) > Date.now(), 'a pending reward becomes available later');
    assert.ok(Date.parse(issued!.issueDate!) < Date.now());
    assert.deepEqual(Object.keys(pending!).sort(), ['amount', 'createDate', 'currencyCode', 'description', 'eligibilityDate', 'id', 'issueDate', 'status']);
    assert.deepEqual(upstreamCalls, ['GET /sandbox/api/members', 'GET /sandbox/api/rewards']);
  });

  it('names the member by any claim; a memberId token is looked up too (its record names its aliases and program)', async () => {
    for (const identity of [{ externalId: 'cust-1003' }, { referralCode: 'alan1912' }, { email: 'ALAN@example.com' }] as MemberIdentity[]) {
      const { body } = await rewardsFor(identity);
      assert.deepEqual(body.rewards.map((r) => [r.status, r.amount]), [['Processing', 10]], JSON.stringify(identity));
    }
    const { body, upstreamCalls } = await rewardsFor({ memberId: await ADA_ID });
    assert.equal(body.total, 3);
    assert.deepEqual(upstreamCalls, ['GET /sandbox/api/members', 'GET /sandbox/api/rewards']);
  });

  it('pages with offset and count', async () => {
    const { body } = await rewardsFor({ email: 'ada@example.com' }, '?offset=1&count=1');
    assert.equal(body.offset, 1);
    assert.equal(body.total, 3);
    assert.deepEqual(body.rewards.map((r) => r.status), ['Issued']);
  });

  it('answers an empty list for a member with no rewards yet', async () => {
    const { res, body } = await rewardsFor({ email: 'linus@example.com' });
    assert.equal(res.status, 200);
    assert.deepEqual(body, { rewards: [], offset: 0, total: 0, nextOffset: null });
  });

  it("never answers with another member's rewards when the fuzzy member search finds only look-alikes", async () => {
    // Each value is contained in a real member's field ("ada@example.com", "ADA2024", "cust-1001"…).
    for (const identity of [{ email: 'a@example.com' }, { referralCode: 'ADA' }, { externalId: 'cust-100' }] as MemberIdentity[]) {
      const { res, body, upstreamCalls } = await rewardsFor(identity);
      assert.equal(res.status, 404, JSON.stringify(identity));
      assert.equal(body.error.code, 'member_not_found');
      assert.ok(!upstreamCalls.includes('GET /sandbox/api/rewards'));
    }
  });

  it('refuses bad paging with 400 and no upstream call', async () => {
    for (const query of ['?count=0', '?count=51', '?count=ten', '?offset=-1', '?offset=1.5']) {
      const { res, body, upstreamCalls } = await rewardsFor({ email: 'ada@example.com' }, query);
      assert.equal(res.status, 400, query);
      assert.equal(body.error.code, 'invalid_paging');
      assert.deepEqual(upstreamCalls, []);
    }
  });

  it('refuses a missing or expired token with 401 and no upstream call', async () => {
    const { app, upstreamCalls } = sandboxApp();
    const none = await app.request('/v1/me/rewards');
    assert.equal(none.status, 401);
    const expired = await app.request('/v1/me/rewards', bearer(await rawToken({ email: 'ada@example.com', exp: inMinutes(-1) })));
    assert.equal(((await expired.json()) as ErrorBody).error.code, 'token_expired');
    assert.deepEqual(upstreamCalls, []);
  });

  it("lists only the member's own rewards: a friend's welcome reward filed under the member is not hers", async () => {
    const rewardsOf = hostileUpstream([
      reward({ id: 'own' }),
      reward({ id: 'friend-welcome', type: 'Referral', recipientId: 'referral-sam', recipientName: 'Sam Friend', description: 'Welcome reward for Sam Friend <sam.friend@example.net> +15550001111' }),
      reward({ id: 'friend-welcome-lowercase', type: 'referral', recipientId: 'member-ada' }),
      reward({ id: 'no-type-paid-to-friend', type: undefined, recipientId: 'referral-sam' }),
      reward({ id: 'no-type-paid-to-her', type: undefined, recipientId: 'MEMBER-ADA' }),
      { Id: 'pascal-own', MemberId: 'member-ada', Type: 'Member', RecipientId: 'member-ada', Status: 'Issued', Amount: 5 },
      { Id: 'pascal-friend', MemberId: 'member-ada', Type: 'Referral', RecipientId: 'referral-sam', Status: 'Issued', Amount: 5 },
      reward({ id: 'array-member-id', memberId: ['member-ada'] }),
      reward({ id: 'other-member', memberId: 'member-grace', recipientId: 'member-grace' }),
      'not a reward',
    ]);
    const { res, text, body } = await rewardsOf('?count=20');
    assert.equal(res.status, 200);
    assert.deepEqual(body.rewards.map((r) => r.id), ['own', 'no-type-paid-to-her', '']);
    for (const secret of ['Sam', 'sam.friend', '5550001111', 'friend-welcome', 'grace', 'array-member-id']) assert.ok(!text.includes(secret), `${secret} must not leave the backend`);
  });

  it('bounds descriptions to 300 characters with no e-mail address or phone number, and passes only known statuses', async () => {
    const rewardsOf = hostileUpstream([
      reward({ id: 'long', description: `Bonus for Sam Friend <sam.friend@example.net>, +1 (555) 000-1111; ${'and more '.repeat(25_000)}` }),
      reward({ id: 'fullwidth', description: 'Call ＋１５５５０００１１１１ or write to sam＠example.net', status: 'CALL +15550001111 TO CLAIM' }),
      reward({ id: 'issued', status: 'issued', currencyCode: 'not-a-currency', createDate: 'javascript:alert(1)' }),
    ]);
    const { text, body } = await rewardsOf();
    assert.ok(text.length < 2_000, `answer of ${text.length} characters`);
    const [long, fullwidth, issued] = body.rewards;
    assert.equal(Array.from(long!.description!).length, 300);
    assert.match(long!.description!, /^Bonus for Sam Friend, and more and more/);
    assert.equal(fullwidth!.description, 'Call or write to');
    assert.deepEqual(body.rewards.map((r) => r.status), ['Pending', 'Pending', 'Issued']);
    assert.deepEqual([issued!.currencyCode, issued!.createDate], [null, '']);
    for (const secret of ['@', '＠', '555', '５５５', 'CALL', 'javascript']) assert.ok(!text.includes(secret), `${secret} must not leave the backend`);
  });

  it('passes a reward in Referral Rock\'s "Custom" currency on as Custom (the widget shows the bare number), and codes in upper case', async () => {
    const rewardsOf = hostileUpstream([reward({ id: 'points', currencyCode: 'custom' }), reward({ id: 'euros', currencyCode: 'eur' })]);
    const { body } = await rewardsOf();
    assert.deepEqual(body.rewards.map((r) => [r.id, r.currencyCode]), [['points', 'Custom'], ['euros', 'EUR']]);
  });

  it('says where the next page starts when a friend\'s reward was left out of this one', async () => {
    const rewardsOf = hostileUpstream([reward({ id: 'a' }), reward({ id: 'friend', type: 'Referral' }), reward({ id: 'b' })], 7);
    const { body } = await rewardsOf('?offset=2&count=3');
    assert.deepEqual(body.rewards.map((r) => r.id), ['a', 'b']);
    assert.deepEqual([body.offset, body.nextOffset, body.total], [2, 5, 7]);
    const last = await hostileUpstream([reward({ id: 'c' }), reward({ id: 'friend', type: 'Referral' })], 7)('?offset=5&count=3');
    assert.equal(last.body.nextOffset, null);
  });
});
