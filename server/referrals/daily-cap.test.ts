/**
 * The daily referral cap: exact within a UTC day, a fresh count the next day, and exact across
 * instances — two Redis states on one real redis-server, two isolates on one Durable Object
 * namespace — with many attempts at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiError } from '../http/errors.js';
import { SharedStateObject } from '../state/durable-object.js';
import { DurableObjectSharedState, type DurableObjectNamespaceLike } from '../state/durable-state.js';
import { connectRedis } from '../state/redis-connection.js';
import { RedisSharedState } from '../state/redis-state.js';
import { haveRedisServer, suiteRedisServer } from '../state/redis-test-helpers.js';
import { MemoryRateLimitStore, type RateLimitStore } from '../state/token-buckets.js';
import { dailyCap } from './daily-cap.js';

const ADA = 'memberId:0ac19b73-2dfa-41ae-b4db-78287d7be4ea';
const NOON = Date.parse('2026-12-06T12:00:00Z');

/** How many of `attempts` takes, all at once, spread over the caps, were allowed. */
async function allowedOf(caps: Array<ReturnType<typeof dailyCap>>, attempts: number, member = ADA): Promise<number> {
  const results = await Promise.allSettled(Array.from({ length: attempts }, (_, i) => caps[i % caps.length]!.take(member)));
  for (const result of results) if (result.status === 'rejected') assert.equal((result.reason as ApiError).code, 'daily_referral_limit');
  return results.filter((result) => result.status === 'fulfilled').length;
}

describe('daily referral cap', () => {
  it('allows exactly perDay a UTC day, refuses the next with Retry-After up to midnight UTC, and starts again the next day', async () => {
    let now = NOON;
    const cap = dailyCap({ perDay: 3, store: new MemoryRateLimitStore(), clock: () => now });
    assert.equal(await allowedOf([cap], 5), 3);
    now = Date.parse('2026-12-06T23:59:59Z');
    const refusal = (await cap.take(ADA).catch((err: unknown) => err)) as ApiError;
    assert.equal(refusal.status, 429);
    assert.equal(refusal.headers['retry-after'], '1');
    assert.equal(await allowedOf([cap], 1, 'memberId:another'), 1, 'another member has a count of her own');
    now = Date.parse('2026-12-07T00:00:00Z');
    assert.equal(await allowedOf([cap], 5), 3);
  });

  it('is off at 0', async () => {
    const cap = dailyCap({ perDay: 0, store: new MemoryRateLimitStore() });
    assert.equal(await allowedOf([cap], 50), 50);
  });

  describe('two instances on one real redis-server', { skip: !haveRedisServer() && 'no redis-server' }, () => {
    const states: RedisSharedState[] = [];
    const redis = suiteRedisServer(states);

    it('allows exactly 20 of 45 attempts made at once across both', async () => {
      const pair = [0, 1].map(() => new RedisSharedState(connectRedis({ url: redis.url }), { prefix: 'cap:' }));
      states.push(...pair);
      await Promise.all(pair.map((state) => state.subscribed));
      const caps = pair.map((state) => dailyCap({ perDay: 20, store: state.rateLimits, clock: () => NOON }));
      assert.equal(await allowedOf(caps, 45), 20);
    });
  });

  it('allows exactly 20 of 45 attempts made at once across two isolates on one Durable Object namespace', async () => {
    const objects = new Map<string, SharedStateObject>();
    const namespace: DurableObjectNamespaceLike<string> = {
      idFromName: (name) => name,
      get: (id) => ({
        fetch: async (url, init) => {
          let object = objects.get(id);
          if (object === undefined) objects.set(id, (object = new SharedStateObject(undefined, undefined, () => NOON)));
          return object.fetch(new Request(url, init));
        },
      }),
    };
    const stores: RateLimitStore[] = [0, 1].map(() => new DurableObjectSharedState(namespace, { clock: () => NOON }).rateLimits);
    const caps = stores.map((store) => dailyCap({ perDay: 20, store, clock: () => NOON }));
    assert.equal(await allowedOf(caps, 45), 20);
  });
});
