import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signMemberToken, type MemberIdentity } from '../security/member-token.js';
import { SECRET, bearer, sandboxApp } from '../test-helpers.js';
import { readEvent } from './webhooks.js';

const identifiersInEvent = (payload: unknown) => readEvent(payload).identifiers;

const ADA_ID = '3f2b8c1e-5a4d-4e6f-8b7a-1c2d3e4f5a60';

describe('readEvent: the members an event names', () => {
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

  describe('RR-Signature as Referral Rock makes it (HMAC-SHA512 of body + "." + event type, a key per event)', () => {
    const REWARD_KEY = 'rr_reward_key_0123456789abcdef';
    const REFERRAL_KEY = 'rr_referral_key_0123456789abcd';
    const KEYS = { WEBHOOK_SIGNING_KEY: `RewardAdd:${REWARD_KEY},ReferralUpdate:${REFERRAL_KEY}` };
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    /** Referral Rock's signing sample: base64(HMAC-SHA512(key as ASCII, rawBody + "." + eventType)). */
    const rrSign = (key: string, body: string, eventType: string) => createHmac('sha512', Buffer.from(key, 'ascii')).update(`${body}.${eventType}`).digest('base64');
    const rewardFor = (memberId: string, timestamp = nowSeconds()) =>
      JSON.stringify({ Id: 'w-1', MemberId: memberId, RecipientId: 'rcp-1', Type: 'Member', Amount: 25, CurrencyCode: 'USD', Status: 'Pending', Source: 2, EventType: 'RewardAdd', Timestamp: timestamp });
    const post = (app: ReturnType<typeof sandboxApp>['app'], body: string, signature: string, query = '') =>
      app.request(`/v1/hooks/referralrock${query}`, { method: 'POST', headers: { 'content-type': 'application/json', 'rr-signature': signature }, body });

    it('accepts a delivery signed with its event’s key, and drops the member it names', async () => {
      const { app, reloaded } = await warmed(undefined, KEYS);
      const body = rewardFor(SEED_GRACE_ID);
      const res = await post(app, body, rrSign(REWARD_KEY, body, 'RewardAdd'));
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { received: true });
      assert.deepEqual(await reloaded(), ['grace']);
    });

    it('refuses a delivery signed with another event’s key, or over the body alone', async () => {
      const { app, reloaded } = await warmed(undefined, KEYS);
      const body = rewardFor(SEED_GRACE_ID);
      assert.equal((await post(app, body, rrSign(REFERRAL_KEY, body, 'RewardAdd'))).status, 401);
      assert.equal((await post(app, body, createHmac('sha512', REWARD_KEY).update(body).digest('base64'))).status, 401);
      assert.equal((await post(app, body, createHmac('sha512', REWARD_KEY).update(`${body}.RewardAdd`).digest('hex'))).status, 401, 'hex is not Referral Rock’s');
      assert.deepEqual(await reloaded(), [], 'nothing dropped');
    });

    it('one key for every event: WEBHOOK_SIGNING_KEY without event names', async () => {
      const { app, reloaded } = await warmed(undefined, { WEBHOOK_SIGNING_KEY: REWARD_KEY });
      const body = JSON.stringify({ Id: 'f-1', Email: 'friend@example.net', MemberReferralCode: 'GRACE42', Status: 'Qualified', EventType: 'ReferralUpdate', Timestamp: nowSeconds() });
      assert.equal((await post(app, body, rrSign(REWARD_KEY, body, 'ReferralUpdate'))).status, 200);
      assert.deepEqual(await reloaded(), ['grace']);
    });

    it('takes the event type from the subscription’s event parameter when the body has none', async () => {
      const { app, reloaded } = await warmed(undefined, KEYS);
      const body = JSON.stringify({ Id: 'w-2', MemberId: SEED_ADA_ID, RecipientId: 'r', Type: 'Member', Timestamp: nowSeconds() });
      assert.equal((await post(app, body, rrSign(REWARD_KEY, body, 'RewardAdd'), '?event=RewardAdd')).status, 200);
      assert.deepEqual(await reloaded(), ['ada']);
      assert.equal((await post(app, body, rrSign(REWARD_KEY, body, 'RewardAdd'), '?event=ReferralUpdate')).status, 401, 'another event: another key');
    });

    it('refuses a tampered body: another member named under the same signature', async () => {
      const { app, reloaded } = await warmed(undefined, KEYS);
      const signed = rewardFor(SEED_GRACE_ID);
      const tampered = signed.replace(SEED_GRACE_ID, SEED_ADA_ID);
      assert.equal((await post(app, tampered, rrSign(REWARD_KEY, signed, 'RewardAdd'))).status, 401);
      const retyped = signed.replace('"EventType":"RewardAdd"', '"EventType":"ReferralUpdate"');
      assert.equal((await post(app, retyped, rrSign(REWARD_KEY, signed, 'RewardAdd'))).status, 401, 'the event type is signed too');
      assert.deepEqual(await reloaded(), []);
    });

    it('refuses a stale delivery, and one dated ahead, past WEBHOOK_TOLERANCE_SECONDS', async () => {
      const { app, reloaded } = await warmed(undefined, { ...KEYS, WEBHOOK_TOLERANCE_SECONDS: '300' });
      for (const timestamp of [nowSeconds() - 3600, nowSeconds() + 3600]) {
        const body = rewardFor(SEED_GRACE_ID, timestamp);
        const res = await post(app, body, rrSign(REWARD_KEY, body, 'RewardAdd'));
        assert.equal(res.status, 401);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'stale_webhook');
      }
      assert.deepEqual(await reloaded(), []);
    });

    it('answers a replayed delivery 200 without acting on it again', async () => {
      const { app, reloaded, logs } = await warmed(undefined, KEYS);
      const body = rewardFor(SEED_GRACE_ID);
      const signature = rrSign(REWARD_KEY, body, 'RewardAdd');
      assert.equal((await post(app, body, signature)).status, 200);
      assert.deepEqual(await reloaded(), ['grace']);
      const again = await post(app, body, signature);
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), { received: true, duplicate: true });
      assert.deepEqual(await reloaded(), [], 'Grace’s fresh stats stay');
      assert.equal(logs.filter((line) => line.includes('"msg":"webhook seen before"')).length, 1);
    });

    it('is not accepted for an event without a key, whatever key signed it', async () => {
      const { app, config } = await warmed(undefined, { WEBHOOK_SIGNING_KEY: `RewardAdd:${REWARD_KEY}` });
      const body = JSON.stringify({ Id: 'x', MemberId: SEED_ADA_ID, EventType: 'MemberUpdate', Timestamp: nowSeconds() });
      for (const key of [REWARD_KEY, config.webhookSecret, '']) assert.equal((await post(app, body, rrSign(key, body, 'MemberUpdate'))).status, 401);
    });
  });

  describe('PascalCase deliveries of each event kind name their member', () => {
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    const cases: Array<[string, (ids: { ada: string }) => Record<string, unknown>]> = [
      ['MemberAdd', ({ ada }) => ({ Id: ada, firstName: 'Ada', email: 'ada@example.com', referralCode: 'ADA2024', programId: 'p' })],
      ['MemberUpdate', ({ ada }) => ({ Id: ada, displayName: 'Ada L.', email: 'ada@example.com', referralCode: 'ADA2024', externalIdentifier: 'cust-1001' })],
      ['MemberDelete', ({ ada }) => ({ Id: ada, email: 'ada@example.com' })],
      ['ReferralAdd', () => ({ Id: 'f-9', Email: 'friend@example.net', FirstName: 'Fay', MemberEmail: 'ada@example.com', ProgramId: 'p', Status: 'Pending' })],
      ['ReferralUpdate', () => ({ Id: 'f-9', Email: 'friend@example.net', MemberReferralCode: 'ADA2024', Status: 'Qualified' })],
      ['ReferralStatusChange', ({ ada }) => ({ Id: 'f-9', Email: 'friend@example.net', ReferringMemberId: ada, Status: 'Approved' })],
      ['ReferralDelete', () => ({ Id: 'f-9', Email: 'friend@example.net', MemberEmail: 'ADA@example.com' })],
      ['RewardAdd', ({ ada }) => ({ Id: 'w-9', MemberId: ada, RecipientId: 'rcp', Type: 'Member', Amount: 10, CurrencyCode: 'Custom', Source: 1, ReferralEmail: 'friend@example.net' })],
      ['RewardUpdate', ({ ada }) => ({ Id: 'w-9', MemberId: ada, RecipientId: 'rcp', Type: 'Member', Status: 'Issued', Source: 1 })],
      ['RewardIssue', ({ ada }) => ({ Id: 'w-9', MemberId: ada, RecipientId: 'rcp', Type: 'Member', PaymentStatus: 'Paid', PayoutType: 'GiftCard' })],
      ['RewardDelete', ({ ada }) => ({ Id: 'w-9', MemberId: ada, RecipientId: 'rcp', Type: 'Member' })],
    ];
    for (const [eventType, make] of cases) {
      it(`${eventType} drops Ada’s stats and not Grace’s`, async () => {
        const KEY = 'rr_one_key_for_all_0123456789';
        const { app, reloaded } = await warmed(undefined, { WEBHOOK_SIGNING_KEY: KEY });
        const body = JSON.stringify({ ...make({ ada: SEED_ADA_ID }), EventType: eventType, Timestamp: nowSeconds() });
        const signature = createHmac('sha512', KEY).update(`${body}.${eventType}`).digest('base64');
        const res = await app.request('/v1/hooks/referralrock', { method: 'POST', headers: { 'rr-signature': signature }, body });
        assert.equal(res.status, 200);
        assert.deepEqual(await reloaded(), ['ada']);
      });
    }
  });
});
