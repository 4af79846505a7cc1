import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signMemberToken } from '../security/member-token.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { ApiError } from '../http/errors.js';
import { identifiersInEvent, STATS_EVENTS, subscribeToWebhooks } from './webhooks.js';
import { SECRET, bearer, sandboxApp } from '../test-helpers.js';

const ADA_ID = '3f2b8c1e-5a4d-4e6f-8b7a-1c2d3e4f5a60';

describe('identifiersInEvent', () => {
  it('reads a Reward: its member, and the recipient when the reward is the member’s own', () => {
    assert.deepEqual(identifiersInEvent({ id: 'r1', memberId: ADA_ID, type: 'Member', recipientEmailAddress: 'ada@example.com' }), [
      { claim: 'memberId', value: ADA_ID },
      { claim: 'email', value: 'ada@example.com' },
    ]);
    assert.deepEqual(identifiersInEvent({ MemberId: ADA_ID, Type: 'Referral', RecipientEmailAddress: 'friend@example.net' }), [{ claim: 'memberId', value: ADA_ID }]);
  });

  it('reads a Referral by its referring member, never the friend’s e-mail', () => {
    assert.deepEqual(identifiersInEvent({ id: 'f1', email: 'friend@example.net', referringMemberId: ADA_ID, referralCode: 'ADA2024' }), [
      { claim: 'memberId', value: ADA_ID },
      { claim: 'referralCode', value: 'ADA2024' },
    ]);
    assert.deepEqual(identifiersInEvent({ email: 'friend@example.net', member: { id: ADA_ID, email: 'ada@example.com', referralUrl: 'x' } }), [
      { claim: 'memberId', value: ADA_ID },
      { claim: 'email', value: 'ada@example.com' },
    ]);
  });

  it('survives anything', () => {
    for (const junk of [null, 42, 'text', [], [null], { memberId: 7 }, { memberId: 'x'.repeat(1000) }]) assert.deepEqual(identifiersInEvent(junk), []);
  });
});

describe('POST /v1/hooks/referralrock', () => {
  async function warmed() {
    const ctx = sandboxApp();
    const ada = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const grace = await signMemberToken({ email: 'grace@example.com' }, SECRET);
    await ctx.app.request('/v1/me', bearer(ada));
    await ctx.app.request('/v1/me', bearer(grace));
    ctx.upstreamCalls.length = 0;
    const hook = (body: unknown, query = `secret=${ctx.config.webhookSecret}`) =>
      ctx.app.request(`/v1/hooks/referralrock?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const reload = async () => {
      await ctx.app.request('/v1/me', bearer(ada));
      await ctx.app.request('/v1/me', bearer(grace));
      const calls = ctx.apiCalls();
      ctx.upstreamCalls.length = 0;
      return calls;
    };
    return { ...ctx, hook, reload };
  }

  it('drops the named member’s stats only (by e-mail)', async () => {
    const { hook, reload } = await warmed();
    assert.equal((await hook({ memberId: 'some-id-we-never-saw', type: 'Member', recipientEmailAddress: 'ADA@example.com' }, undefined)).status, 200);
    assert.deepEqual(await reload(), ['GET /sandbox/api/memberstats/getsingle']);
  });

  it('drops by referral code, learnt from memberaccessurls', async () => {
    const { hook, reload } = await warmed();
    assert.equal((await hook({ referralCode: 'GRACE42' })).status, 200);
    assert.deepEqual(await reload(), ['GET /sandbox/api/memberstats/getsingle']);
  });

  it('drops every member’s stats when it cannot tell whose they are', async () => {
    const { hook, reload } = await warmed();
    assert.equal((await hook({ referringMemberId: 'unknown-member' })).status, 200);
    assert.deepEqual(await reload(), ['GET /sandbox/api/memberstats/getsingle', 'GET /sandbox/api/memberstats/getsingle']);
  });

  it('accepts an HMAC signature of the body instead of the URL secret', async () => {
    const { app, config, reload } = await warmed();
    const body = JSON.stringify({ referralCode: 'GRACE42' });
    const signature = createHmac('sha256', config.webhookSecret).update(body).digest('hex');
    const res = await app.request('/v1/hooks/referralrock', { method: 'POST', headers: { 'x-signature': `sha256=${signature}` }, body });
    assert.equal(res.status, 200);
    assert.equal((await reload()).length, 1);
  });
});

describe('subscribeToWebhooks', () => {
  const fakeClient = (answer: (body: unknown) => unknown) => {
    const posts: Array<{ target_url: string; event: string }> = [];
    const client = {
      request: async (_method: string, _path: string, body?: unknown) => {
        posts.push(body as { target_url: string; event: string });
        return answer(body);
      },
    } as unknown as ReferralRockClient;
    return { client, posts };
  };

  it('subscribes this server’s receiver, with its secret, to every stats event', async () => {
    const { client, posts } = fakeClient(() => ({ web_hook_id: 'h' }));
    const logs: unknown[] = [];
    const count = await subscribeToWebhooks({ referralRock: client, publicUrl: 'https://rewards.example.com', secret: 'hook-secret-0123456789', log: (e) => logs.push(e) });
    assert.equal(count, STATS_EVENTS.length);
    assert.deepEqual(posts.map((p) => p.event), [...STATS_EVENTS]);
    const target = new URL(posts[0]!.target_url);
    assert.equal(target.origin + target.pathname, 'https://rewards.example.com/v1/hooks/referralrock');
    assert.equal(target.searchParams.get('secret'), 'hook-secret-0123456789');
    assert.ok(!JSON.stringify(logs).includes('hook-secret'), 'the secret is not logged');
  });

  it('stops at once when upstream has no hooks endpoint', async () => {
    const { client, posts } = fakeClient(() => {
      throw new ApiError(404, 'member_not_found', 'no');
    });
    assert.equal(await subscribeToWebhooks({ referralRock: client, publicUrl: 'https://x.example', secret: 's'.repeat(20), log: () => {} }), 0);
    assert.equal(posts.length, 1);
  });
});
