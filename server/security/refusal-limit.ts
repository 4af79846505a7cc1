import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.js';
import { LruCache } from '../lib/lru-cache.js';
import type { BucketRule, RateLimitStore } from '../state/token-buckets.js';

/** Client errors that count as refusals: a wrong secret or signature, a body too large or not JSON. */
const REFUSED = new Set([400, 401, 403, 413, 415]);
/** Senders remembered as blocked on this instance. */
const BLOCKED_KEPT = 10_000;
/**
 * Requests of one sender this instance reads at once when they do not prove themselves unread; the
 * others wait their turn (unread), so a burst sent all at once is refused after a few reads, not
 * after one read each.
 */
export const READS_AT_ONCE_PER_SENDER = 4;
/** Requests of one sender waiting their turn, past which more are answered 429 at once. */
const WAITING_PER_SENDER = 256;

/** One sender's requests being read, and those waiting for a turn. */
interface Turns {
  reading: number;
  waiting: Array<() => void>;
}

/**
 * Middleware: a limit on the requests a route *refused*, per key (a sender's address). Accepted
 * requests take nothing, so a burst of valid deliveries always passes; each refusal takes one
 * token from a shared bucket, and once the bucket is empty this instance answers that sender 429
 * before the route runs — no body read, no signature computed — until a token is back.
 *
 * A sender's requests are read {@link READS_AT_ONCE_PER_SENDER} at a time (the rest wait, unread),
 * so a burst fired all at once, or a crowd waiting for the bucket's next token, costs a few reads
 * before the refusals block it, not one read per request. A request that proves itself without
 * its body (`provenUnread`: a webhook's URL secret) skips the turns and any block.
 *
 * @example app.use('/hooks/x', refusalLimit({ perMinute: 10, store, keyOf: (c) => composeKey('hook-refused', addressOf(c)), scope: 'address' }))
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
  const turns = new Map<string, Turns>();

  const refuseIfBlocked = (key: string) => {
    const until = blockedUntil.get(key);
    if (until === undefined || now() >= until) return;
    const seconds = Math.max(1, Math.ceil((until - now()) / 1000));
    throw tooMany(options.scope, seconds);
  };
  /** Waits for one of the sender's turns to read; false when too many already wait. */
  const takeTurn = async (key: string): Promise<boolean> => {
    let sender = turns.get(key);
    if (sender === undefined) turns.set(key, (sender = { reading: 0, waiting: [] }));
    if (sender.reading < READS_AT_ONCE_PER_SENDER) {
      sender.reading += 1;
      return true;
    }
    if (sender.waiting.length >= WAITING_PER_SENDER) return false;
    // The turn is handed over by `endTurn`: `reading` stays as it was.
    await new Promise<void>((resolve) => sender.waiting.push(resolve));
    return true;
  };
  const endTurn = (key: string) => {
    const sender = turns.get(key)!;
    const next = sender.waiting.shift();
    if (next) next();
    else if (--sender.reading === 0) turns.delete(key);
  };

  return async function refusalLimitMiddleware(c, next) {
    if (await options.provenUnread?.(c)) return next();
    const key = options.keyOf(c);
    refuseIfBlocked(key);
    if (!(await takeTurn(key))) throw tooMany(options.scope, 1);
    try {
      // Blocked while this one waited its turn: refused unread too.
      refuseIfBlocked(key);
      await next();
      if (!REFUSED.has(c.res.status)) return;
      const at = now();
      const { allowed, retryAfterMs } = await options.store.take(key, rule, at);
      if (!allowed) blockedUntil.set(key, at + retryAfterMs);
    } finally {
      endTurn(key);
    }
  };
}

const tooMany = (scope: string, seconds: number) =>
  new ApiError(429, 'rate_limited', `Too many refused requests from this ${scope}; try again in ${seconds} s.`, { 'retry-after': String(seconds) });
