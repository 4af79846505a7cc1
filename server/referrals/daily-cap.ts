import { ApiError } from '../http/errors.js';
import { composeKey } from '../lib/composite-key.js';
import type { BucketRule, RateLimitStore } from '../state/token-buckets.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The daily cap on a member's referrals, as `REFERRALS_PER_MEMBER_PER_DAY` sets it. */
export interface DailyCap {
  /**
   * Counts one referral attempt of `member` today (UTC), or refuses it with 429
   * `daily_referral_limit` and a `Retry-After` reaching to midnight UTC once `perDay` were counted.
   */
  take(member: string): Promise<void>;
}

/**
 * A cap per member and UTC day, kept in the rate-limit store the API's limits use — so it is exact
 * across instances wherever that store is shared (Redis: one Lua script; Durable Objects: one object
 * per bucket). The bucket is named by the day and refills slower than one token a day: within its
 * day it only empties, and the next day is a bucket of its own. `perDay` 0: no cap.
 *
 * @example const cap = dailyCap({ perDay: 20, store }); await cap.take(memberKey)
 */
export function dailyCap(options: { perDay: number; store: RateLimitStore; clock?: () => number }): DailyCap {
  const clock = options.clock ?? Date.now;
  if (!(options.perDay > 0)) return { take: async () => {} };
  // Less than one token back within a day; the bucket expires once refilled (n tokens taken: n days).
  const rule: BucketRule = { capacity: options.perDay, perMinute: 1 / (24 * 60) };
  return {
    async take(member) {
      const now = clock();
      const day = new Date(now).toISOString().slice(0, 10);
      const { allowed } = await options.store.take(composeKey('referrals-per-day', member, day), rule, now);
      if (allowed) return;
      const seconds = Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
      throw new ApiError(429, 'daily_referral_limit', `A member may refer ${options.perDay} friends a day; try again tomorrow.`, { 'retry-after': String(seconds) });
    },
  };
}
