/**
 * Subscribing the webhook receiver to Referral Rock, idempotently. Referral Rock has no list of
 * hooks and keeps every `POST api/hooks` as another subscription: a server that only added would
 * have each event delivered once per start and instance. So the URL is the same at every start and
 * on every instance, and the hooks we added before are removed (`DELETE api/hooks`) before adding.
 */
import type { HookEvent } from '../../types/referralrock.js';
import type { ApiError } from '../http/errors.js';
import type { Logger } from '../http/logging.js';
import type { LearnedSigningKeys } from '../upstream/webhook-keys.js';
import type { CacheStore, LeaseStore } from '../state/types.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { WEBHOOK_EVENTS, WEBHOOK_PATH } from '../routes/webhooks.js';

/** How long the ids of our hooks are remembered (they stay valid until removed). */
const REMEMBERED_MS = 365 * 24 * 3600 * 1000;
/** How long one instance holds the subscribing to itself; others wait, then remove its hooks. */
const SUBSCRIBING_LEASE_MS = 60_000;
const LEASE_POLL_MS = 250;

export interface SubscribeOptions {
  referralRock: ReferralRockClient;
  /** This server's public base URL (the sandbox's own address in sandbox mode). */
  publicUrl: string;
  /**
   * The URL secret (WEBHOOK_SECRET, the same on every instance), or undefined for none in the URL:
   * then deliveries are authenticated by their signature alone (sandbox mode, whose keys come from
   * the answers).
   */
  secret: string | undefined;
  /** Keys `POST api/hooks` answers with (the sandbox's), for the receiver. */
  learnedKeys?: LearnedSigningKeys;
  /** Where the ids of our hooks are remembered (the shared state: every instance and restart sees them). */
  remembered?: CacheStore;
  /** Serialises instances starting together. */
  leases?: LeaseStore;
  log: Logger;
}

/**
 * The URL Referral Rock is to call for `event`: the same at every start and on every instance
 * (nothing in it is made at start).
 *
 * @example hookTargetUrl('https://rewards.example.com', 'RewardAdd', secret)
 */
export function hookTargetUrl(publicUrl: string, event: HookEvent, secret: string | undefined): string {
  const query = new URLSearchParams(secret === undefined ? { event } : { secret, event });
  return `${publicUrl}${WEBHOOK_PATH}?${query}`;
}

/**
 * Subscribes the receiver at `publicUrl` to {@link WEBHOOK_EVENTS}: removes the hooks an earlier
 * start (or another instance) made for this receiver — those remembered in the shared state, or
 * when none are, those `GET api/hooks/history/{event}` shows delivering to it — then adds one per event. Failures
 * are logged, never fatal: without hooks, stats are still at most `STATS_TTL_SECONDS` old. Resolves
 * to the number of events subscribed.
 */
export async function subscribeToWebhooks(options: SubscribeOptions): Promise<number> {
  const receiver = `${options.publicUrl}${WEBHOOK_PATH}`;
  const lease = await takeLease(options.leases, `webhook-subscribing|${receiver}`);
  try {
    const entry = { kind: 'webhook-subscriptions', key: receiver };
    const remembered = await options.remembered?.get<string[]>(entry).catch(() => undefined);
    // Nothing remembered (a first start, or a restart without Redis): the history shows the hooks that delivered here.
    const earlier = remembered ?? (await idsInHistory(options.referralRock, receiver));
    let removed = 0;
    for (const id of earlier) {
      try {
        await options.referralRock.request('DELETE', 'api/hooks', { web_hook_id: id });
        removed += 1;
      } catch {
        // Gone already (404), or it stays: either way not ours to keep tracking.
      }
    }

    const added: string[] = [];
    for (const event of WEBHOOK_EVENTS) {
      options.learnedKeys?.forget(event);
      try {
        const answer = await options.referralRock.request<Record<string, unknown>>('POST', 'api/hooks', { target_url: hookTargetUrl(options.publicUrl, event, options.secret), event });
        const id = field(answer, 'webhookid');
        if (id !== undefined) added.push(id);
        const key = field(answer, 'signaturekey');
        if (key !== undefined) options.learnedKeys?.learn(event, key);
      } catch (err) {
        const status = (err as ApiError).status;
        if (status === 404 || status === 405) {
          options.log({ level: 'warn', msg: 'upstream has no api/hooks: no webhooks, stats refresh on their TTL' });
          return 0;
        }
        options.log({ level: 'warn', msg: 'webhook subscription failed', event, code: (err as ApiError).code ?? 'error' });
      }
    }
    await options.remembered?.set(entry, added, REMEMBERED_MS).catch(() => {});
    options.log({ level: 'info', msg: 'webhooks subscribed', events: added.length, removedEarlier: removed });
    return added.length;
  } finally {
    if (lease) await options.leases?.release(lease.key, lease.token).catch(() => {});
  }
}

/** Waits (at most a lease's length) for another instance's subscribing to end, then holds it. */
async function takeLease(leases: LeaseStore | undefined, key: string): Promise<{ key: string; token: string } | undefined> {
  if (!leases) return undefined;
  for (let waited = 0; waited <= SUBSCRIBING_LEASE_MS; waited += LEASE_POLL_MS) {
    const token = await leases.acquire(key, SUBSCRIBING_LEASE_MS).catch(() => null);
    if (token !== null) return { key, token };
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
  }
  return undefined;
}

/** Ids of hooks that delivered to `receiver`, from each event's history (best effort: its shape is not published). */
async function idsInHistory(referralRock: ReferralRockClient, receiver: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const event of WEBHOOK_EVENTS) {
    let answer: unknown;
    try {
      answer = await referralRock.request('GET', `api/hooks/history/${event}?count=100`);
    } catch {
      return [...ids];
    }
    const list = typeof answer === 'object' && answer !== null ? Object.values(answer).find(Array.isArray) : undefined;
    for (const item of (list ?? []) as unknown[]) {
      const target = field(item, 'targeturl');
      const id = field(item, 'webhookid');
      if (id !== undefined && target !== undefined && (target === receiver || target.startsWith(`${receiver}?`))) ids.add(id);
    }
  }
  return [...ids];
}

/** A text field named `name` ignoring case and underscores (`web_hook_id`, `WebHookId`), if short. */
function field(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, v] of Object.entries(value)) {
    if (key.replace(/_/g, '').toLowerCase() === name && typeof v === 'string' && v !== '' && v.length <= 200) return v;
  }
  return undefined;
}
