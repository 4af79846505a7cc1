import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.js';
import type { BucketRule, RateLimitStore } from '../state/token-buckets.js';

// One definition of the bucket types, in the state layer (its Redis store implements them too).
export { MemoryRateLimitStore, type BucketRule, type RateLimitStore, type TakeResult } from '../state/token-buckets.js';

/**
 * Middleware: one token per request from the bucket `keyOf` names; an empty bucket answers 429
 * with `Retry-After` (whole seconds). A null key, or `perMinute` 0, lets the request through.
 *
 * @example app.use('/v1/*', rateLimit({ perMinute: 600, store, keyOf: (c) => composeKey('ip', clientAddress(c)) }))
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
