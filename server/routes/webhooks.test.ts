import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signMemberToken, type MemberIdentity } from '../security/member-token.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { ApiError } from '../http/errors.js';
import { identifiersInEvent, WEBHOOK_EVENTS, subscribeToWebhooks } from './webhooks.js';
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
  const SEED_ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';
  const SEED_GRACE_ID = '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21';

  /** Ada and Grace loaded (Ada by `adaIdentity`), then upstream calls counted afresh. */
  async function warmed(adaIdentity: MemberIdentity = { email: 'ada@example.com' }, env: Record<string, string> = {}) {
    const ctx = sandboxApp(env);
    const ada = await signMemberToken(adaIdentity, SECRET);
    const grace = await signMemberToken({ email: 'grace@example.com' }, SECRET);
    await ctx.app.request('/v1/me', bearer(ada));
    await ctx.app.request('/v1/me', bearer(grace));
    ctx.upstreamCalls.length = 0;
    const hook = (body: unknown, query = `secret=${ctx.config.webhookSecret}`) =>
      ctx.app.request(`/v1/hooks/referralrock?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    /** Who had to be asked for stats again: the members whose cached stats the event dropped. */
    const reloaded = async () => {
      const who: string[] = [];
      for (const [name, token] of [['ada', ada], ['grace', grace]] as const) {
        const before = ctx.apiCalls().length;
        await ctx.app.request('/v1/me', bearer(token));
        if (ctx.apiCalls().slice(before).includes('GET /sandbox/api/memberstats/getsingle')) who.push(name);
      }
      ctx.upstreamCalls.length = 0;
      return who;
    };
    return { ...ctx, hook, reloaded };
  }

  it('drops the named member’s stats only (by e-mail)', async () => {
    const { hook, reloaded } = await warmed();
    assert.equal((await hook({ memberId: 'some-id-we-never-saw', type: 'Member', recipientEmailAddress: 'ADA@example.com' })).status, 200);
    assert.deepEqual(await reloaded(), ['ada']);
  });

  it('drops by referral code', async () => {
    const { hook, reloaded } = await warmed();
    assert.equal((await hook({ referralCode: 'GRACE42' })).status, 200);
    assert.deepEqual(await reloaded(), ['grace']);
  });

  it('an event naming a member by id drops that member’s stats, not every member’s', async () => {
    const { hook, reloaded } = await warmed();
    assert.equal((await hook({ referringMemberId: SEED_ADA_ID, email: 'friend@example.net' })).status, 200);
    assert.deepEqual(await reloaded(), ['ada']);
    assert.equal((await hook({ id: 'w1', memberId: SEED_GRACE_ID, type: 'Member', recipientId: 'x' })).status, 200);
    assert.deepEqual(await reloaded(), ['grace']);
  });

  it('an event naming a member by e-mail drops the entry her external-id token loaded', async () => {
    const { hook, reloaded } = await warmed({ externalId: 'cust-1001' });
    assert.equal((await hook({ recipientId: 'r1', type: 'Member', recipientEmailAddress: 'ada@example.com' })).status, 200);
    assert.deepEqual(await reloaded(), ['ada']);
  });

  it('an event naming a member nobody cached drops nothing (no flood of reloads)', async () => {
    const { hook, reloaded, logs } = await warmed();
    assert.equal((await hook({ referringMemberId: 'unknown-member' })).status, 200);
    assert.deepEqual(await reloaded(), []);
    assert.match(logs.find((line) => line.includes('"msg":"webhook"')) ?? '', /"droppedEntries":0/);
  });

  it('an event naming no member at all drops every member’s stats (the full flush)', async () => {
    const { hook, reloaded } = await warmed();
    assert.equal((await hook({ event: 'ProgramUpdate' })).status, 200);
    assert.deepEqual(await reloaded(), ['ada', 'grace']);
  });

  it('accepts an HMAC-SHA256 X-Signature of the body instead of the URL secret', async () => {
    const { app, config, reloaded } = await warmed();
    const body = JSON.stringify({ referralCode: 'GRACE42' });
    const signature = createHmac('sha256', config.webhookSecret).update(body).digest('hex');
    const res = await app.request('/v1/hooks/referralrock', { method: 'POST', headers: { 'x-signature': `sha256=${signature}` }, body });
    assert.equal(res.status, 200);
    assert.deepEqual(await reloaded(), ['grace']);
  });

  describe('RR-Signature (HMAC-SHA512, WEBHOOK_SIGNING_KEY)', () => {
    const KEY = 'rr-signing-key-0123456789abcdef';
    const body = JSON.stringify({ referralCode: 'GRACE42' });
    const post = (app: ReturnType<typeof sandboxApp>['app'], signature: string) =>
      app.request('/v1/hooks/referralrock', { method: 'POST', headers: { 'rr-signature': signature }, body });

    it('accepts the body’s HMAC-SHA512 in hex or base64', async () => {
      const { app, reloaded } = await warmed(undefined, { WEBHOOK_SIGNING_KEY: KEY });
      assert.equal((await post(app, createHmac('sha512', KEY).update(body).digest('hex'))).status, 200);
      assert.deepEqual(await reloaded(), ['grace']);
      assert.equal((await post(app, createHmac('sha512', KEY).update(body).digest('base64'))).status, 200);
    });

    it('refuses a forged, truncated, wrong-key, wrong-hash or replayed-on-another-body signature', async () => {
      const { app, reloaded } = await warmed(undefined, { WEBHOOK_SIGNING_KEY: KEY });
      const good = createHmac('sha512', KEY).update(body).digest('hex');
      const forgeries = [
        '0'.repeat(128),
        good.slice(0, 64),
        createHmac('sha512', 'another-key-0123456789abcdef').update(body).digest('hex'),
        createHmac('sha256', KEY).update(body).digest('hex'),
        createHmac('sha512', KEY).update('{}').digest('hex'),
      ];
      for (const signature of forgeries) assert.equal((await post(app, signature)).status, 401, signature);
      assert.deepEqual(await reloaded(), [], 'nothing dropped');
    });

    it('is not accepted while WEBHOOK_SIGNING_KEY is unset, whatever key signed it', async () => {
      const { app, config } = await warmed();
      assert.equal((await post(app, createHmac('sha512', config.webhookSecret).update(body).digest('hex'))).status, 401);
      assert.equal((await post(app, createHmac('sha512', '').update(body).digest('hex'))).status, 401);
    });
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
    assert.equal(count, WEBHOOK_EVENTS.length);
    assert.deepEqual(posts.map((p) => p.event), [...WEBHOOK_EVENTS]);
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
