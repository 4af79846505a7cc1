import { LruCache } from '../lib/lru-cache.js';

/* The token bucket's types and memory store, in the state layer: the shared stores and
 * `security/rate-limit.ts` use one definition. */

/** A token bucket's rule: `capacity` tokens, refilled evenly over a minute. */
export interface BucketRule {
  capacity: number;
  /** Tokens added per minute (the sustained rate). */
  perMinute: number;
}

/** The answer to one take. */
export interface TakeResult {
  allowed: boolean;
  /** When refused: how long until one token is back, in milliseconds. */
  retryAfterMs: number;
  /** Whole tokens left after this take (a stand-in for the store starts from it); absent where unknown. */
  remaining?: number;
}

/**
 * Where buckets live: this process's memory, or a shared store (Redis: one Lua script) doing the
 * same arithmetic atomically.
 *
 * @example const { allowed, retryAfterMs } = await store.take('member:…', { capacity: 60, perMinute: 60 }, Date.now())
 */
export interface RateLimitStore {
  take(key: string, rule: BucketRule, now: number): TakeResult | Promise<TakeResult>;
}

/**
 * Token buckets in memory, bounded: when full, the least recently used bucket is forgotten (a
 * forgotten bucket is a full one, so forgetting never refuses anybody).
 *
 * @example
 * const buckets = new MemoryRateLimitStore()
 * buckets.take('ip:192.0.2.1', { capacity: 600, perMinute: 600 }, Date.now()).allowed // true
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets: LruCache<string, { tokens: number; at: number }>;

  constructor(maxKeys = 100_000) {
    this.#buckets = new LruCache(maxKeys);
  }

  take(key: string, rule: BucketRule, now: number): TakeResult {
    const perMs = rule.perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: rule.capacity, at: now };
    // As in the Lua script: a bucket's time never runs backwards.
    const tokens = Math.min(rule.capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    const at = Math.max(bucket.at, now);
    if (tokens >= 1) {
      this.#buckets.set(key, { tokens: tokens - 1, at });
      return { allowed: true, retryAfterMs: 0, remaining: Math.floor(tokens - 1) };
    }
    this.#buckets.set(key, { tokens, at });
    return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / perMs), remaining: 0 };
  }

  /** Sets a bucket to what another store counted (`tokens` left at `at`): it refills from there. */
  remember(key: string, tokens: number, at: number): void {
    this.#buckets.set(key, { tokens, at });
  }
}
