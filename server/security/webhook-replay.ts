/**
 * Freshness and replay of signed webhook deliveries. Referral Rock's deliveries carry `Timestamp`
 * (Unix seconds) inside the signed body: a signed delivery from outside the tolerance is refused,
 * and one seen before within it is recognised (the shared state's leases, so every instance knows).
 */
import type { LeaseStore } from '../state/types.js';

/** A delivery's `EventType` and `Timestamp`, read whatever their case; undefined where absent or not of their type. */
export function deliveryEnvelope(payload: unknown): { eventType?: string; timestamp?: number } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return {};
  let eventType: string | undefined;
  let timestamp: number | undefined;
  for (const [name, value] of Object.entries(payload)) {
    const folded = name.toLowerCase();
    if (folded === 'eventtype' && typeof value === 'string' && /^\w{1,40}$/.test(value)) eventType = value;
    if (folded === 'timestamp') {
      const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
      if (typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds >= 0) timestamp = seconds;
    }
  }
  return { eventType, timestamp };
}

/** Whether `timestamp` (Unix seconds) is within `toleranceSeconds` of `nowMs`, either side. */
export function isFresh(timestamp: number, nowMs: number, toleranceSeconds: number): boolean {
  return Math.abs(nowMs / 1000 - timestamp) <= toleranceSeconds;
}

/**
 * Marks a delivery (its event type and exact bytes) as seen for `ttlMs`: true the first time, false
 * when it was seen before. The key is a SHA-256 of both, so no delivery's text reaches the store;
 * `forget` takes the mark back (a delivery whose work failed is acted on when Referral Rock retries).
 *
 * @example if (!(await replays.firstTime(eventType, body))) return c.json({ received: true, duplicate: true })
 */
export function deliveryReplays(leases: LeaseStore, ttlMs: number) {
  const keyOf = async (eventType: string, body: Uint8Array<ArrayBuffer>) => {
    const head = new TextEncoder().encode(`${eventType}\n`);
    const joined = new Uint8Array(head.length + body.length);
    joined.set(head);
    joined.set(body, head.length);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
    return `webhook-delivery|${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  };
  return {
    async firstTime(eventType: string, body: Uint8Array<ArrayBuffer>): Promise<{ first: boolean; forget: () => Promise<void> }> {
      const key = await keyOf(eventType, body);
      const token = await leases.acquire(key, ttlMs);
      return { first: token !== null, forget: async () => { if (token !== null) await leases.release(key, token); } };
    },
  };
}
