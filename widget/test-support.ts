/** Shared by the widget's tests: a member document, a fetch fake and shadow-DOM helpers. */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { MeResponse, RewardsResponse } from '../types/v1.js';

export const ME: MeResponse = {
  member: { name: 'Ada', referralCode: 'ADA2024' },
  links: { shareUrl: 'https://rr.example/r/ADA2024', emailShareUrl: 'https://rr.example/s/ADA2024/email', twitterShareUrl: 'https://rr.example/s/ADA2024/twitter' },
  stats: { memberShares: 8, memberViews: 1234, referralsPending: 2, referralsQualified: 1, referralsApproved: 2, rewardsPendingAmount: 25, rewardsIssuedAmount: 50 },
  timePeriod: 'All',
};

const day = 86_400_000;
export const REWARDS: RewardsResponse = {
  rewards: [
    { id: 'r3', amount: 25, status: 'Pending', currencyCode: 'EUR', createDate: new Date(Date.now() - 6 * day).toISOString(), issueDate: null, eligibilityDate: new Date(Date.UTC(2099, 0, 15, 12)).toISOString(), description: null },
    { id: 'r2', amount: 10, status: 'Processing', currencyCode: 'EUR', createDate: new Date(Date.now() - 13 * day).toISOString(), issueDate: null, eligibilityDate: null, description: null },
    { id: 'r1', amount: 25, status: 'Issued', currencyCode: 'EUR', createDate: '2024-03-01T00:00:00Z', issueDate: '2024-03-02T12:00:00Z', eligibilityDate: '2024-03-01T00:00:00Z', description: null },
  ],
  offset: 0,
  total: 3,
  nextOffset: null,
};

export interface FetchCall {
  url: string;
  authorization: string | null;
}

/** Replaces window.fetch until `restore()`; every call is recorded. `answer` also gets the request's `init` (method, body). */
export function fakeFetch(answer: (url: string, call: FetchCall, init?: RequestInit) => Response | Promise<Response>) {
  const original = window.fetch;
  const calls: FetchCall[] = [];
  window.fetch = async (input, init) => {
    const call = { url: String(input), authorization: new Headers(init?.headers).get('authorization') };
    calls.push(call);
    return answer(call.url, call, init);
  };
  return { calls, restore: () => (window.fetch = original) };
}

/** Answers /v1/me with `me` and /v1/me/rewards with pages of `rewards`. */
export const backend = (me: MeResponse = ME, rewards: RewardsResponse = REWARDS) => (url: string) => {
  const parsed = new URL(url);
  if (parsed.pathname.endsWith('/v1/me/rewards')) {
    const offset = Number(parsed.searchParams.get('offset'));
    const count = Number(parsed.searchParams.get('count'));
    const next = offset + count;
    return Response.json({ ...rewards, offset, rewards: rewards.rewards.slice(offset, next), nextOffset: next < rewards.rewards.length ? next : null });
  }
  return Response.json(me);
};

export const shadow = (el: Element) => el.shadowRoot!;
export const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<E>(selector)!;
export const $$ = <E extends Element = HTMLElement>(el: Element, selector: string) => [...shadow(el).querySelectorAll<E>(selector)];
export const text = (el: Element) => shadow(el).textContent!.replace(/\s+/g, ' ');
/** The card is done: no longer busy (the numbers follow the link a task later), or an error. */
export const loaded = (el: Element) => waitUntil(() => shadow(el).querySelector('[part="card"][aria-busy="false"], [part="error"]'), 'never loaded', { timeout: 4000 });
/** The element that has focus, looking inside shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Puts `value` at `navigator[name]` until the returned function restores what was there. */
export function stubNavigator(name: 'share' | 'clipboard' | 'contacts', value: unknown): () => void {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, name);
  Object.defineProperty(Navigator.prototype, name, { configurable: true, get: () => value });
  return () => (original ? Object.defineProperty(Navigator.prototype, name, original) : delete (Navigator.prototype as unknown as Record<string, unknown>)[name]);
}

/**
 * Holds back `setTimeout` callbacks of `minMs` or more until the test runs them (`runHeld()`), so a
 * test of a one-second timer need not wait a second; shorter timers (the helpers' polling) run as usual.
 */
export function holdTimers(minMs: number) {
  const { setTimeout: realSet, clearTimeout: realClear } = window;
  const held = new Map<number, { ms: number; run: () => void }>();
  let nextId = -1; // negative: never the id of a real timer
  window.setTimeout = ((handler: TimerHandler, ms = 0, ...args: unknown[]) => {
    if (ms < minMs || typeof handler !== 'function') return realSet(handler, ms, ...args);
    const id = nextId--;
    held.set(id, { ms, run: () => handler(...args) });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (!held.delete(id!)) realClear(id);
  }) as typeof window.clearTimeout;
  return {
    /** The delays of the timers held and not cleared. */
    delays: () => [...held.values()].map((timer) => timer.ms),
    runHeld: () => {
      const due = [...held.values()];
      held.clear();
      for (const timer of due) timer.run();
    },
    restore: () => Object.assign(window, { setTimeout: realSet, clearTimeout: realClear }),
  };
}

/** Whether `selector` matches in the shadow root (a boolean, so a failing expect prints quickly). */
export const has = (el: Element, selector: string) => shadow(el).querySelector(selector) !== null;

/**
 * The engine running the suite, and whether it can emulate media features (scripts/wtr/): Chromium
 * can; Firefox (WebDriver BiDi, through puppeteer) and WebKit (WebDriver classic) cannot.
 */
export const engine = () => executeServerCommand<{ engine: 'chromium' | 'firefox' | 'webkit'; emulatesMedia: boolean }, undefined>('engine');
