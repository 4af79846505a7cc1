import type { HookEvent, HookHistoryItem } from '../../types/referralrock.js';
import { importHmacKey } from '../lib/hmac.js';
import { newSigningKey } from './signing-key.js';
import type { SandboxState } from './store.js';

export interface HookDeliveryOptions {
  /** The fetch webhooks are POSTed with (tests and runtimes swap it). */
  fetch?: typeof fetch;
  /** Pauses before each retry; one attempt more than pauses. Default 1 s, 5 s, 30 s. */
  hookRetryDelaysMs?: number[];
  /** Upper bound of one delivery attempt. Default 5 s. */
  hookTimeoutMs?: number;
}

/** History kept per sandbox; the oldest items go first. */
const MAX_HISTORY = 1000;

/**
 * Webhook delivery, the one place the sandbox makes them: each event is POSTed to every subscribed
 * URL as Referral Rock does — a PascalCase body with `EventType` and `Timestamp` (see
 * {@link deliveryBody}), signed `RR-Signature: base64(HMAC-SHA512(key, body + "." + EventType))`
 * with the subscription's own key — retried on a network error or a non-2xx answer, and recorded
 * in `state.hookHistory` with its outcome. A hook removed meanwhile is not delivered to again.
 */
export function createHookDelivery(
  host: { state: SandboxState; now: () => Date; changed: () => void },
  options: HookDeliveryOptions,
) {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const pauses = options.hookRetryDelaysMs ?? [1000, 5000, 30000];
  const timeoutMs = options.hookTimeoutMs ?? 5000;
  const underWay = new Set<Promise<void>>();

  async function deliver(item: HookHistoryItem): Promise<void> {
    const body = JSON.stringify(item.payload);
    while (item.attempts <= pauses.length) {
      if (item.attempts > 0) await sleep(pauses[item.attempts - 1]!);
      const hook = host.state.hooks.find((h) => h.web_hook_id === item.web_hook_id);
      if (hook === undefined) break;
      // A hook from a data file written before keys: it gets one (its subscriber learns it on subscribing again).
      const key = (hook.signature_key ??= newSigningKey());
      item.attempts += 1;
      try {
        const res = await doFetch(item.target_url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'ReferralRock-Sandbox-Webhook/1',
            'rr-signature': await signDelivery(key, body, item.event),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        item.lastResponseStatus = res.status;
        await res.body?.cancel().catch(() => {});
        if (res.ok) item.status = 'Delivered';
      } catch {
        item.lastResponseStatus = null;
      }
      item.updateDate = host.now().toISOString();
      if (item.status === 'Delivered') break;
    }
    if (item.status !== 'Delivered') item.status = 'Failed';
    host.changed();
  }

  function start(item: HookHistoryItem): void {
    const run = deliver(item).finally(() => underWay.delete(run));
    underWay.add(run);
  }

  // Deliveries a previous run left under way (a restart with SANDBOX_DATA) carry on.
  for (const item of host.state.hookHistory) if (item.status === 'Pending') start(item);

  return {
    emit(event: HookEvent, element: unknown): void {
      const at = host.now().toISOString();
      // A snapshot: a retry delivers the element as it was when the event happened, with its Timestamp.
      const payload = deliveryBody(event, element, host.now());
      for (const hook of host.state.hooks.filter((h) => h.event === event)) {
        const item: HookHistoryItem = {
          id: crypto.randomUUID(),
          web_hook_id: hook.web_hook_id,
          event,
          target_url: hook.target_url,
          payload,
          status: 'Pending',
          attempts: 0,
          lastResponseStatus: null,
          createDate: at,
          updateDate: at,
        };
        host.state.hookHistory.push(item);
        if (host.state.hookHistory.length > MAX_HISTORY) host.state.hookHistory.splice(0, host.state.hookHistory.length - MAX_HISTORY);
        start(item);
      }
    },
    async idle(): Promise<void> {
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
    },
  };
}

/**
 * The body Referral Rock delivers for `element` (a GET shape, camelCase): its fields in PascalCase
 * — a Member's `id` alone, the rest camelCase, as Referral Rock's Member sample — then `EventType`
 * and `Timestamp` (Unix seconds).
 *
 * @example deliveryBody('RewardAdd', { id: 'r1', memberId: 'm1' }, now) // { Id: 'r1', MemberId: 'm1', EventType: 'RewardAdd', Timestamp: 1765000000 }
 */
export function deliveryBody(event: HookEvent, element: unknown, at: Date): Record<string, unknown> {
  const fields = typeof element === 'object' && element !== null ? Object.entries(JSON.parse(JSON.stringify(element)) as object) : [];
  const memberShape = event.startsWith('Member');
  const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
  const body: Record<string, unknown> = {};
  for (const [name, value] of fields) body[memberShape && name !== 'id' ? name : pascal(name)] = value;
  return { ...body, EventType: event, Timestamp: Math.floor(at.getTime() / 1000) };
}

/** `RR-Signature` of a delivery: base64 of HMAC-SHA512, keyed by the ASCII key, over the body, "." and the event type. */
export async function signDelivery(key: string, body: string, eventType: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await importHmacKey(key, ['sign'], 'SHA-512'), new TextEncoder().encode(`${body}.${eventType}`));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    // In Node, a pending retry must not keep the process alive on its own.
    (timer as { unref?: () => void }).unref?.();
  });
