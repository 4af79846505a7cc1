/**
 * `WEBHOOK_SIGNING_KEY`: the keys of Referral Rock's `RR-Signature`. Referral Rock gives each webhook
 * its own signature key, and its signing sample says to verify with "the same key for the event type
 * that is being handled" — so the variable takes one key for every event, or `Event:key` pairs.
 */
import { HOOK_EVENTS } from '../../shared/referralrock.js';
import type { HookEvent } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';

/** The signing keys, by event type; `every` when one key signs every event. */
export interface WebhookSigningKeys {
  every?: string;
  byEvent: Partial<Record<HookEvent, string>>;
}

/** The key that signs deliveries of `eventType`, if any is configured. */
export function signingKeyFor(keys: WebhookSigningKeys, eventType: string): string | undefined {
  const event = hookEventNamed(eventType);
  return (event && keys.byEvent[event]) ?? keys.every;
}

/** The documented event `name` spells (any case), or undefined. */
export function hookEventNamed(name: string): HookEvent | undefined {
  return HOOK_EVENTS.find((event) => sameIgnoringCase(event, name.trim()));
}

/**
 * Reads `WEBHOOK_SIGNING_KEY`: `rr_…` (one key for every event) or `RewardAdd:rr_…,ReferralUpdate:rr_…`.
 * Problems are pushed onto `problems`, naming the entry by its position and event, never the key.
 *
 * @example parseWebhookSigningKeys('RewardAdd:rr_a,ReferralUpdate:rr_b', problems).byEvent.RewardAdd // 'rr_a'
 */
export function parseWebhookSigningKeys(raw: string | undefined, problems: string[]): WebhookSigningKeys {
  const keys: WebhookSigningKeys = { byEvent: {} };
  if (raw === undefined) return keys;
  const entries = raw.split(',').map((entry) => entry.trim());
  const problem = (text: string) => problems.push(`WEBHOOK_SIGNING_KEY ${text} Give one key for every event, or Event:key pairs separated by commas (RewardAdd:rr_…,ReferralUpdate:rr_…).`);
  if (entries.length === 1 && !/^\w+:/.test(entries[0]!)) {
    if (!validKey(entries[0]!)) problem('must be 8 to 200 printable characters without spaces.');
    else keys.every = entries[0];
    return keys;
  }
  entries.forEach((entry, index) => {
    const pair = /^(\w+):(.*)$/.exec(entry);
    if (!pair) return void problem(`entry ${index + 1} is not Event:key.`);
    const event = hookEventNamed(pair[1]!);
    if (!event) return void problem(`entry ${index + 1} names "${pair[1]!.slice(0, 40)}", which is not a Referral Rock event (${HOOK_EVENTS.join(', ')}).`);
    if (keys.byEvent[event] !== undefined) return void problem(`names ${event} twice.`);
    if (!validKey(pair[2]!)) return void problem(`entry ${index + 1} (${event}): the key must be 8 to 200 printable characters without spaces.`);
    keys.byEvent[event] = pair[2]!;
  });
  return keys;
}

const validKey = (key: string) => /^[\x21-\x7e]{8,200}$/.test(key) && !key.includes(',');

/**
 * The keys `POST api/hooks` answered with (the sandbox gives each subscription its key; a key
 * Referral Rock answers with is kept the same way), by event: this process's subscriptions only.
 * A configured key for an event is tried first; a learned one as well.
 */
export class LearnedSigningKeys {
  readonly #byEvent = new Map<HookEvent, string>();
  learn(event: HookEvent, key: string): void {
    if (validKey(key)) this.#byEvent.set(event, key);
  }
  forget(event: HookEvent): void {
    this.#byEvent.delete(event);
  }
  keyFor(eventType: string): string | undefined {
    const event = hookEventNamed(eventType);
    return event && this.#byEvent.get(event);
  }
}
