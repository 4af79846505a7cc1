import type { HookEvent, HookHistoryItem } from '../../types/referralrock.js';
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
 * Webhook delivery: each event is POSTed, as JSON, to every subscribed URL, retried on a network
 * error or a non-2xx answer, and recorded in `state.hookHistory` with its outcome.
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
    while (item.attempts <= pauses.length) {
      if (item.attempts > 0) await sleep(pauses[item.attempts - 1]!);
      item.attempts += 1;
      try {
        const res = await doFetch(item.target_url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'ReferralRock-Sandbox-Webhook/1', 'x-referralrock-event': item.event },
          body: JSON.stringify(item.payload),
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
      // A snapshot: a retry delivers the element as it was when the event happened.
      const payload: unknown = JSON.parse(JSON.stringify(element));
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

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    // In Node, a pending retry must not keep the process alive on its own.
    (timer as { unref?: () => void }).unref?.();
  });
