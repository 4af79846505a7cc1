import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.js';
import { LruCache } from '../lib/lru-cache.js';

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
}

/**
 * Where buckets live. The default keeps them in this process's memory; a deployment of several
 * instances plugs in a shared store (Redis, a Durable Object…) that does the same arithmetic
 * atomically, e.g. in one Lua script keyed by `key`.
 */
export interface RateLimitStore {
  take(key: string, rule: BucketRule, now: number): TakeResult | Promise<TakeResult>;
}

/**
 * Token buckets in memory, bounded: when full, the least recently used bucket is forgotten (a
 * forgotten bucket is a full one, so forgetting never refuses anybody).
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets: LruCache<string, { tokens: number; at: number }>;

  constructor(maxKeys = 100_000) {
    this.#buckets = new LruCache(maxKeys);
  }

  take(key: string, rule: BucketRule, now: number): TakeResult {
    const perMs = rule.perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: rule.capacity, at: now };
    const tokens = Math.min(rule.capacity, bucket.tokens + (now - bucket.at) * perMs);
    if (tokens >= 1) {
      this.#buckets.set(key, { tokens: tokens - 1, at: now });
      return { allowed: true, retryAfterMs: 0 };
    }
    this.#buckets.set(key, { tokens, at: now });
    return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / perMs) };
  }
}

/**
 * Middleware: one token per request from the bucket `keyOf` names; an empty bucket answers 429
 * with `Retry-After` (whole seconds). A null key, or `perMinute` 0, lets the request through.
 *
 * @example app.use('/v1/*', rateLimit({ perMinute: 600, store, keyOf: (c) => `ip:${clientAddress(c)}` }))
 */
export function rateLimit<E extends { Variables: object }>(options: {
  perMinute: number;
  store: RateLimitStore;
  keyOf: (c: Context<E>) => string | null;
  /** Named in the 429 message: "member" or "client address". */
  scope: string;
}): MiddlewareHandler<E> {
  // Off: no bucket to take from, so no per-request work either.
  if (!(options.perMinute > 0)) return (_c, next) => next();
  const rule: BucketRule = { capacity: options.perMinute, perMinute: options.perMinute };
  return async function rateLimitMiddleware(c, next) {
    const key = options.keyOf(c);
    if (key !== null) {
      const result = await options.store.take(key, rule, Date.now());
      if (!result.allowed) {
        const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
        throw new ApiError(429, 'rate_limited', `Too many requests for this ${options.scope}; try again in ${seconds} s.`, {
          'retry-after': String(seconds),
        });
      }
    }
    await next();
  };
}
