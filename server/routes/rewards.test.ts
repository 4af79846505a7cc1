import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, RewardsResponse } from '../../types/v1.js';
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
    assert.deepEqual(body, { rewards: [], offset: 0, total: 0 });
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
});
