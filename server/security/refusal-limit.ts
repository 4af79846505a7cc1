import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.js';
import { LruCache } from '../lib/lru-cache.js';
import type { BucketRule, RateLimitStore } from '../state/token-buckets.js';

/** Client errors that count as refusals: a wrong secret or signature, a body too large or not JSON. */
const REFUSED = new Set([400, 401, 403, 413, 415]);
/** Senders remembered as blocked on this instance. */
const BLOCKED_KEPT = 10_000;

/**
 * Middleware: a limit on the requests a route *refused*, per key (a sender's address). Accepted
 * requests take nothing, so a burst of valid deliveries always passes; each refusal takes one
 * token from a shared bucket, and once the bucket is empty this instance answers that sender 429
 * before the route runs — no body read, no signature computed — until a token is back.
 *
 * @example app.use('/hooks/x', refusalLimit({ perMinute: 10, store, keyOf: (c) => `hook-refused:${addressOf(c)}`, scope: 'address' }))
 */
export function refusalLimit(options: {
  perMinute: number;
  store: RateLimitStore;
  keyOf: (c: Context) => string;
  /** Named in the 429 message. */
  scope: string;
  /** Milliseconds since the epoch (tests pass their own). */
  now?: () => number;
  /**
   * Whether a request proves itself without its body (a webhook's URL secret): such a request
   * passes a blocked sender, so refusals from one shared address (a proxy's) never lock out the
   * genuine sender behind it.
   */
  provenUnread?: (c: Context) => Promise<boolean>;
}): MiddlewareHandler {
  if (!(options.perMinute > 0)) return (_c, next) => next();
  const rule: BucketRule = { capacity: options.perMinute, perMinute: options.perMinute };
  const now = options.now ?? Date.now;
  // Checked before the route: a local note, no shared-store round trip per refused request.
  const blockedUntil = new LruCache<string, number>(BLOCKED_KEPT);
  return async function refusalLimitMiddleware(c, next) {
    const key = options.keyOf(c);
    const until = blockedUntil.get(key);
    if (until !== undefined && now() < until && !(await options.provenUnread?.(c))) {
      const seconds = Math.max(1, Math.ceil((until - now()) / 1000));
      throw new ApiError(429, 'rate_limited', `Too many refused requests from this ${options.scope}; try again in ${seconds} s.`, {
        'retry-after': String(seconds),
      });
    }
    await next();
    if (!REFUSED.has(c.res.status)) return;
    const at = now();
    const { allowed, retryAfterMs } = await options.store.take(key, rule, at);
    if (!allowed) blockedUntil.set(key, at + retryAfterMs);
  };
}
