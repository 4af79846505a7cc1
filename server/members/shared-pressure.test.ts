/**
 * Shared state under pressure, attacked as an outsider and as a member would: several instances of
 * the app on one real redis-server (no mock) — a webhook flood, a stalled Redis, invalidations made
 * while an instance was on its memory fallback.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Context } from 'hono';
import { createApp } from '../app.js';
import { DEFAULT_SANDBOX_API_KEY, loadConfig } from '../config.js';
import { REFUSED_WEBHOOKS_PER_MINUTE } from '../routes/webhooks.js';
import { READS_AT_ONCE_PER_SENDER } from '../security/refusal-limit.js';
import { createSandbox } from '../sandbox/app.js';
import { createSeedState } from '../sandbox/seed.js';
import { signMemberToken } from '../security/member-token.js';
import { createSharedState, readSharedStateConfig, type SharedState } from '../state/index.js';
import { haveRedisServer, suiteRedisServer } from '../state/redis-test-helpers.js';
import { SANDBOX_AUTH, SECRET, bearer, until } from '../test-helpers.js';
import type { MeResponse } from '../../types/v1.js';

const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';
const HOOK_SECRET = 'hook-secret-0123456789';

describe('shared state under pressure: instances of the app on one real Redis', { skip: !haveRedisServer() && 'no redis-server' }, () => {
  const states: SharedState[] = [];
  const redis = suiteRedisServer(states);

  /** Apps in live mode against one sandbox, each with its own Redis connection (and `probeEveryMs` each). */
  async function cluster(probes: number[], env: Record<string, string> = {}) {
    const sandbox = createSandbox({ basicAuth: btoa(DEFAULT_SANDBOX_API_KEY), state: createSeedState() });
    const prefix = `p${states.length}`;
    const settings = { REDIS_URL: redis.url, REDIS_PREFIX: prefix, ...env };
    const config = loadConfig({ REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY, REFERRALROCK_API_URL: 'https://upstream.test', MEMBER_TOKEN_SECRET: SECRET, WEBHOOK_SECRET: HOOK_SECRET, ...settings });
    const apps = [];
    for (const probeEveryMs of probes) {
      const sharedState = await createSharedState({ config: readSharedStateConfig(settings).config, log: () => {}, probeEveryMs });
      states.push(sharedState);
      const app = createApp(config, {
        log: () => {},
        sharedState,
        connectionAddress: (c: Context) => c.req.header('x-test-connection'),
        fetch: async (input, init) => {
          const request = new Request(input, init);
          const url = new URL(request.url);
          return sandbox.fetch(new Request(`http://sandbox.local${url.pathname}${url.search}`, request));
        },
      });
      apps.push(Object.assign(app, { sharedState }));
    }
    return { apps, sandbox };
  }

  /** A forged delivery with a 256 KB body from `address`; `onRead` counts the bodies the server starts reading. */
  function forgedDelivery(address: string, query: string, onRead: () => void): Request {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        onRead();
        controller.enqueue(new Uint8Array(256 * 1024 - 1));
        controller.close();
      },
    }, { highWaterMark: 0 });
    return new Request(`http://app.test/v1/hooks/referralrock${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': `sha256=${'0'.repeat(64)}`, 'x-test-connection': address },
      body,
      duplex: 'half',
    } as RequestInit);
  }

  it('a flood of refused webhook deliveries from one address, over three instances: ten bodies read, then 429 unread everywhere; a valid burst still passes', async () => {
    const { apps } = await cluster([1000, 1000, 1000]);
    let bodiesRead = 0;
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const request = forgedDelivery('203.0.113.66', i % 2 === 0 ? '?secret=wrong' : '', () => (bodiesRead += 1));
      statuses.push((await apps[i % 3]!.request(request)).status);
    }
    // Ten refusals for the whole cluster, one more per instance to learn it; a token back meanwhile at most.
    assert.ok(bodiesRead <= REFUSED_WEBHOOKS_PER_MINUTE + 3 + 1, `${bodiesRead} bodies read`);
    assert.ok(statuses.slice(-30).every((status) => status === 429), statuses.slice(-30).join(' '));
    const valid = await Promise.all(Array.from({ length: 60 }, (_, i) => apps[i % 3]!.request(`/v1/hooks/referralrock?secret=${HOOK_SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-connection': '198.51.100.7' },
      body: JSON.stringify({ memberId: ADA_ID }),
    })));
    assert.deepEqual([...new Set(valid.map((response) => response.status))], [200]);
  });

  it('a flood fired all at once (300 deliveries in flight over three instances): a few bodies read, then 429 unread; a valid signed burst, all at once, still passes', async () => {
    const { apps } = await cluster([1000, 1000, 1000]);
    let bodiesRead = 0;
    const delivery = (i: number) => apps[i % 3]!.request(forgedDelivery('203.0.113.67', '', () => (bodiesRead += 1)));
    const statuses = (await Promise.all(Array.from({ length: 300 }, (_, i) => delivery(i)))).map((response) => response.status);
    // Ten refusals for the cluster, and at most the turns each instance was reading when it learnt.
    assert.ok(bodiesRead <= REFUSED_WEBHOOKS_PER_MINUTE + 3 * READS_AT_ONCE_PER_SENDER, `${bodiesRead} bodies read`);
    assert.ok(statuses.filter((status) => status === 429).length >= 270, statuses.join(' '));

    const body = JSON.stringify({ memberId: ADA_ID });
    const signature = `sha256=${createHmac('sha256', HOOK_SECRET).update(body).digest('hex')}`;
    const signed = await Promise.all(Array.from({ length: 60 }, (_, i) => apps[i % 3]!.request('/v1/hooks/referralrock', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-test-connection': '198.51.100.8' },
      body,
    })));
    assert.deepEqual([...new Set(signed.map((response) => response.status))], [200]);
  });

  it('a flood of refused deliveries from the address Referral Rock’s also come from (one proxy, no TRUST_PROXY): its deliveries with the URL secret still pass and drop the member’s stats; the flood stays 429', async () => {
    const { apps, sandbox } = await cluster([1000, 1000, 1000]);
    const proxy = { 'content-type': 'application/json', 'x-test-connection': '192.0.2.80' };
    const deliver = (i: number, query: string) => apps[i % 3]!.request(`/v1/hooks/referralrock${query}`, { method: 'POST', headers: proxy, body: JSON.stringify({ memberId: ADA_ID }) });
    const flood = [];
    for (let i = 0; i < 30; i++) flood.push((await deliver(i, i % 2 === 0 ? '?secret=wrong-secret-0123456789' : '')).status);
    assert.ok(flood.slice(-15).every((status) => status === 429), flood.join(' '));

    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const shares = async (i: number) => ((await (await apps[i]!.request('/v1/me', bearer(token))).json()) as MeResponse).stats.memberShares ?? 0;
    const before = await shares(0);
    assert.equal((await sandbox.request('/s/ADA2024/email')).status, 200, 'a share counted upstream');
    const genuine = await Promise.all(Array.from({ length: 9 }, (_, i) => deliver(i, `?secret=${HOOK_SECRET}&event=RewardAdd`)));
    assert.deepEqual(genuine.map((response) => response.status), Array(9).fill(200), 'Referral Rock’s deliveries are not locked out with the attacker');
    await until(async () => (await shares(0)) === before + 1, { what: 'the delivery dropped Ada’s stats' });
    assert.equal((await deliver(0, '?secret=wrong-secret-0123456789')).status, 429, 'the attacker is still refused unread');
  });

  it('a member’s bucket emptied over three instances stays empty while Redis stalls past the deadline (no fresh buckets)', async () => {
    const { apps } = await cluster([100, 100, 100], { RATE_LIMIT_MEMBER_PER_MIN: '3' });
    const token = await signMemberToken({ email: 'grace@example.com' }, SECRET);
    const load = (i: number) => apps[i % 3]!.request('/v1/me', { headers: { ...bearer(token).headers, 'x-test-connection': '192.0.2.10' } });
    const before: number[] = [];
    for (let i = 0; i < 9; i++) before.push((await load(i)).status);
    assert.equal(before.filter((status) => status === 200).length, 3, before.join(' '));
    redis.pause();
    try {
      const during: number[] = [];
      for (let i = 0; i < 30; i++) during.push((await load(i)).status);
      // The bucket refills at 3 a minute: one token back while this runs, at most.
      assert.ok(during.filter((status) => status === 200).length <= 1, during.join(' '));
      assert.ok(during.every((status) => status === 200 || status === 429), 'no request failed for it');
    } finally {
      redis.resume();
    }
    await until(() => apps.every((app) => app.sharedState.status() === 'redis'), { what: 'back on redis' });
  });

  it('an e-mail that moves to a new member while Redis is away (the events heard on the memory fallback): once back, the old e-mail’s token shows the new member on the instance that served the old one', async () => {
    const { apps: [a, b], sandbox } = await cluster([100, 100]);
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const code = async () => ((await (await a!.request('/v1/me', bearer(token))).json()) as MeResponse & { error?: unknown }).member?.referralCode;
    assert.equal(await code(), 'ADA2024');
    // Stalled, not killed: Redis keeps Ada's lookup, so only the events, replayed, can drop it.
    redis.pause();
    await until(async () => (await b!.sharedState.cache.get({ kind: 'stats', key: 'probe' }), b!.sharedState.status() === 'memory-fallback'), { what: 'b on memory' });
    const api = async (path: string, body: unknown) => (await sandbox.request(`/api/${path}`, { method: 'POST', headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    const [updated] = (await api('members/update', [{ query: { primaryInfo: { memberId: ADA_ID } }, member: { email: 'ada.new@example.com' } }])) as Array<{ member: unknown }>;
    const oscar = await api('members', { firstName: 'Oscar', email: 'ada@example.com', programId: createSeedState().programs[0]!.id, referralCode: 'OSCAR1' });
    for (const [event, member] of [['MemberUpdate', updated!.member], ['MemberAdd', oscar]] as const) {
      const res = await b!.request(`/v1/hooks/referralrock?secret=${HOOK_SECRET}&event=${event}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(member) });
      assert.equal(res.status, 200);
    }
    redis.resume();
    await until(() => a!.sharedState.status() === 'redis' && b!.sharedState.status() === 'redis', { what: 'both back on redis' });
    await until(async () => (await code()) === 'OSCAR1', { what: 'a shows Oscar for the old e-mail', timeout: 3000 });
  });

  it('an invalidation heard while on the memory fallback reaches the copies it holds', async () => {
    // A probes once a minute: it stays on memory after Redis is back, while its subscriber reconnects at once.
    const { apps: [a, b], sandbox } = await cluster([60_000, 100]);
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const views = async () => ((await (await a!.request('/v1/me', bearer(token))).json()) as MeResponse).stats.memberViews!;
    await redis.kill();
    const before = await views();
    assert.equal(a!.sharedState.status(), 'memory-fallback');
    await redis.restart();
    await until(() => b!.sharedState.status() === 'redis', { what: 'b back on redis' });
    // A hears B again once its invalidation channel is subscribed anew.
    let heard = false;
    const stop = a!.sharedState.onInvalidate(({ memberTag }) => void (memberTag !== null && (heard = true)));
    await until(async () => {
      await b!.sharedState.cache.invalidateMember('email:nobody@example.com', 'stats');
      return heard;
    }, { what: 'a hears b' });
    stop();
    assert.equal(a!.sharedState.status(), 'memory-fallback', 'a is still on its memory');

    assert.equal((await sandbox.request('/r/ADA2024')).status, 200, 'a view counted upstream');
    const hook = await b!.request(`/v1/hooks/referralrock?secret=${HOOK_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ memberId: ADA_ID }) });
    assert.equal(hook.status, 200);
    let seen = before;
    await until(async () => (seen = await views()) > before, { what: 'a serves the new stats', timeout: 2000 }).catch(() => {});
    assert.equal(seen, before + 1);
  });
});
