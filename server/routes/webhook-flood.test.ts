/**
 * One authenticated webhook naming 9,520 identifiers made 9,345 sequential Redis calls (one alias
 * read per identifier). An event now names at most MAX_IDENTIFIERS_PER_EVENT distinct identifiers
 * (reading stops past them; more is a full flush of the event's scope), and its Redis work is a
 * handful of batched calls (one MGET, one script), whatever the number it names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signMemberToken } from '../security/member-token.js';
import { liveApps, CLUSTER_WEBHOOK_SECRET } from '../state/app-cluster-test-helpers.js';
import { connectRedis } from '../state/redis-connection.js';
import { RedisSharedState, type RedisPort } from '../state/redis-state.js';
import { haveRedisServer, suiteRedisServer } from '../state/redis-test-helpers.js';
import { SECRET, bearer } from '../test-helpers.js';
import { MAX_IDENTIFIERS_PER_EVENT, readEvent } from './webhooks.js';

const identifiersInEvent = (payload: unknown) => readEvent(payload).identifiers;

const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';
const ID_FIELDS = ['memberId', 'referringMemberId', 'referrerMemberId', 'referrerId', 'referralCode', 'referringMemberReferralCode', 'referrerReferralCode', 'memberReferralCode'];

/** An event of `items` items, each a tree of 21 objects naming 8 identifiers apiece: 168 distinct identifiers an item. */
function floodEvent(items: number) {
  let n = 0;
  const node = (depth: number): Record<string, unknown> => {
    const fields: Record<string, unknown> = Object.fromEntries(ID_FIELDS.map((field) => [field, `i${n++}`]));
    if (depth < 2) for (const nested of ['member', 'referringMember', 'referrer', 'data']) fields[nested] = node(depth + 1);
    return fields;
  };
  const payload = Array.from({ length: items }, () => node(0));
  return { payload, named: n };
}

describe('a webhook naming thousands of identifiers', () => {
  it('is read no further than the cap', () => {
    const { payload, named } = floodEvent(40);
    assert.ok(named > 6000 && JSON.stringify(payload).length < 256 * 1024, `${named} identifiers`);
    assert.equal(identifiersInEvent(payload).length, MAX_IDENTIFIERS_PER_EVENT + 1);
  });

  it('names each identifier once, however often it repeats', () => {
    const rewards = Array.from({ length: 100 }, (_, i) => ({ id: `w${i}`, memberId: ADA_ID, type: 'Member', recipientId: 'r', recipientEmailAddress: 'ada@example.com' }));
    assert.deepEqual(identifiersInEvent(rewards), [{ claim: 'memberId', value: ADA_ID }, { claim: 'email', value: 'ada@example.com' }]);
  });
});

describe('a webhook’s Redis work', { skip: !haveRedisServer() && 'no redis-server' }, () => {
  const opened: RedisSharedState[] = [];
  const redis = suiteRedisServer(opened);

  /** An app on Redis whose port counts the commands it sends (pub/sub and pings aside); Ada and Grace loaded. */
  async function warmed() {
    let redisCalls = 0;
    const logs: Array<Record<string, unknown>> = [];
    const { apps: [app], calls } = await liveApps({
      log: (entry) => logs.push(entry),
      sharedStateOf: async () => {
        const port = connectRedis({ url: redis.url });
        const counted = new Proxy(port, {
          get(target, name: keyof RedisPort) {
            const value = target[name];
            if (typeof value !== 'function' || ['subscribe', 'ping', 'close'].includes(name)) return value;
            return (...args: unknown[]) => ((redisCalls += 1), (value as (...a: unknown[]) => unknown).apply(target, args));
          },
        });
        const state = new RedisSharedState(counted, { prefix: `flood${opened.length}:` });
        opened.push(state);
        await state.subscribed;
        return state;
      },
    });
    const tokens = { ada: await signMemberToken({ email: 'ada@example.com' }, SECRET), grace: await signMemberToken({ email: 'grace@example.com' }, SECRET) };
    for (const token of Object.values(tokens)) assert.equal((await app!.request('/v1/me', bearer(token))).status, 200);
    /** Redis commands the event cost. */
    const hook = async (payload: unknown, event = 'RewardAdd') => {
      const before = redisCalls;
      const res = await app!.request(`/v1/hooks/referralrock?secret=${CLUSTER_WEBHOOK_SECRET}&event=${event}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      assert.equal(res.status, 200);
      return redisCalls - before;
    };
    /** Who had to be asked for stats again. */
    const reloaded = async () => {
      const who: string[] = [];
      for (const [name, token] of Object.entries(tokens)) {
        const before = calls.length;
        await app!.request('/v1/me', bearer(token));
        if (calls.slice(before).includes('GET /api/memberstats/getsingle')) who.push(name);
      }
      return who;
    };
    return { hook, reloaded, logs };
  }

  const naming = (count: number) => [{ memberId: ADA_ID }, ...Array.from({ length: count - 1 }, (_, i) => ({ memberId: `unknown-${i}` }))];

  for (const event of ['RewardAdd', 'MemberUpdate']) {
    it(`${event}: naming ${MAX_IDENTIFIERS_PER_EVENT} identifiers costs as many Redis calls as naming 2 (batched, not one per identifier)`, async (t) => {
      const { hook, reloaded } = await warmed();
      const forTwo = await hook(naming(2), event);
      assert.deepEqual(await reloaded(), ['ada']);
      const forMany = await hook(naming(MAX_IDENTIFIERS_PER_EVENT), event);
      assert.deepEqual(await reloaded(), ['ada']);
      t.diagnostic(`${event}: ${forTwo} Redis calls for 2 identifiers, ${forMany} for ${MAX_IDENTIFIERS_PER_EVENT}`);
      assert.equal(forMany, forTwo);
      assert.ok(forMany <= 8, `${forMany} Redis calls`);
    });
  }

  it('an event naming thousands is a full flush of its scope in a few Redis calls, logged as such', async (t) => {
    const { hook, reloaded, logs } = await warmed();
    const { payload } = floodEvent(40);
    const cost = await hook(payload);
    t.diagnostic(`${cost} Redis calls for an event naming thousands`);
    // Six for the flush, one to mark the delivery as seen (replays are answered without acting again).
    assert.ok(cost <= 7, `${cost} Redis calls`);
    assert.deepEqual(await reloaded(), ['ada', 'grace']);
    assert.equal(logs.find((entry) => entry.msg === 'webhook')?.tooManyNamed, true);
  });
});
