import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError, RawBodyUnavailable } from '../http/errors.js';
import { isBodyRebuilt } from '../http/rebuilt-body.js';
import type { Logger } from '../http/logging.js';
import type { Identifier, MemberData } from '../members/data.js';
import { identifierKey } from '../members/lookup.js';
import { webhookAuthenticator } from '../security/webhook-signature.js';
import { hookEventNamed, signingKeyFor, type LearnedSigningKeys, type WebhookSigningKeys } from '../upstream/webhook-keys.js';
import { deliveryEnvelope, deliveryReplays, isFresh } from '../security/webhook-replay.js';
import type { LeaseStore } from '../state/types.js';
import { refusalLimit } from '../security/refusal-limit.js';
import { composeKey } from '../lib/composite-key.js';
import type { RateLimitStore } from '../state/token-buckets.js';

/** The events after which a member's cached data may be stale: the ones we subscribe to. */
export const WEBHOOK_EVENTS = [
  'MemberAdd', 'MemberUpdate', 'MemberDelete',
  'ReferralAdd', 'ReferralUpdate', 'ReferralStatusChange', 'ReferralDelete',
  'RewardAdd', 'RewardUpdate', 'RewardIssue', 'RewardDelete',
] as const;

/**
 * The events about a member record itself (an e-mail, a code, an external id changed, or a member
 * added or removed): they drop the member's lookups, links and aliases, not only the stats.
 */
const MEMBER_EVENTS = new Set(['MemberAdd', 'MemberUpdate', 'MemberDelete']);

export const WEBHOOK_PATH = '/v1/hooks/referralrock';
const MAX_WEBHOOK_BODY = 256 * 1024;
/** Refused deliveries a sender's address may make per minute (all instances together) before it is answered 429 unread. */
export const REFUSED_WEBHOOKS_PER_MINUTE = 10;

/**
 * Distinct identifiers one event may name. Past it, the event drops every member's entries of its
 * scope (the full flush), as an event naming no one does: bounded work, and nothing stale kept.
 */
export const MAX_IDENTIFIERS_PER_EVENT = 50;

/** What the webhook receiver checks deliveries with. */
export interface WebhookRouteOptions {
  /** WEBHOOK_SECRET: the URL secret and `X-Signature`'s key. */
  secret: string;
  /** WEBHOOK_SIGNING_KEY, read. */
  signingKeys: WebhookSigningKeys;
  /** Keys `POST api/hooks` answered with (the sandbox's), tried after the configured one. */
  learnedKeys?: LearnedSigningKeys;
  /** How far a signed delivery's `Timestamp` may be from now; deliveries are remembered twice as long. */
  toleranceSeconds: number;
  /** Where deliveries are remembered as seen (the shared state's leases). */
  seen: LeaseStore;
  /** Milliseconds since the epoch (tests pass their own). */
  now?: () => number;
  memberData: MemberData;
  log: Logger;
}

/**
 * `POST /v1/hooks/referralrock`: Referral Rock tells us something changed; what it may have changed
 * of exactly the members it names is dropped, so the next load shows the change: their stats and
 * pages of friends and rewards; for a member event (`MemberAdd`, `MemberUpdate`, `MemberDelete`, or
 * a payload carrying a member record) also their lookups, links and aliases. An event that names no
 * member at all, or more than {@link MAX_IDENTIFIERS_PER_EVENT}, drops every member's.
 *
 * Authenticated by Referral Rock's `RR-Signature` (HMAC-SHA512 of the raw body, "." and the event
 * type, keyed per event), the secret in the URL (`?secret=`), or an `X-Signature: sha256=<hex HMAC
 * of the body>` header: see `security/webhook-signature.ts`. A signed delivery whose `Timestamp` is
 * past the tolerance is refused; a delivery seen before within it is answered 200 and not acted on
 * again. A delivery offering no proof is refused before its body is read; see `webhookRefusals`
 * for senders of refused ones.
 */
export function webhookRoute(options: WebhookRouteOptions) {
  const now = options.now ?? Date.now;
  const signingKeysFor = (eventType: string) => {
    const keys = [signingKeyFor(options.signingKeys, eventType), options.learnedKeys?.keyFor(eventType)];
    return [...new Set(keys.filter((key): key is string => key !== undefined))];
  };
  const authentic = webhookAuthenticator({ secret: options.secret, signingKeysFor });
  const replays = deliveryReplays(options.seen, options.toleranceSeconds * 2000);
  const app = new Hono();
  app.post(
    '/hooks/referralrock',
    bodyLimit({ maxSize: MAX_WEBHOOK_BODY, onError: () => { throw new ApiError(413, 'payload_too_large', 'The webhook body is too large.'); } }),
    async (c) => {
      const offered = { secret: c.req.query('secret'), xSignature: c.req.header('x-signature'), rrSignature: c.req.header('rr-signature') };
      // No proof at all: refused unread.
      if (offered.secret === undefined && offered.xSignature === undefined && offered.rrSignature === undefined) throw refused();
      const body = new Uint8Array(await c.req.arrayBuffer());
      let payload: unknown;
      let json = true;
      try {
        payload = JSON.parse(new TextDecoder().decode(body));
      } catch {
        json = false;
      }
      const envelope = deliveryEnvelope(payload);
      // The body's EventType is what Referral Rock signs; the subscription's `event` where the body has none.
      const eventType = envelope.eventType ?? (c.req.query('event') ?? c.req.header('x-referralrock-event') ?? '').slice(0, 40).replace(/[^\w]/g, '');
      const proof = await authentic({ ...offered, eventType, body });
      if (proof === null) {
        // A body parser in front of us kept the data, not the bytes a signature covers: say so, not "wrong".
        if (isBodyRebuilt(c.req.raw) && (offered.xSignature !== undefined || offered.rrSignature !== undefined)) throw new RawBodyUnavailable();
        throw refused();
      }
      if (!json) throw new ApiError(400, 'invalid_json', 'The webhook body must be JSON.');
      if (proof === 'signature' && envelope.timestamp !== undefined && !isFresh(envelope.timestamp, now(), options.toleranceSeconds)) {
        throw new ApiError(401, 'stale_webhook', `The webhook delivery's Timestamp is more than ${options.toleranceSeconds} s from now.`);
      }
      const event = hookEventNamed(eventType) ?? (eventType || 'unknown');
      const seen = await replays.firstTime(eventType, body);
      if (!seen.first) {
        options.log({ level: 'info', msg: 'webhook seen before', event });
        return c.json({ received: true, duplicate: true });
      }
      try {
        const { identifiers, memberRecord } = readEvent(payload, event);
        const scope = MEMBER_EVENTS.has(event) || memberRecord ? 'member' : 'activity';
        const named = identifiers.length > 0 && identifiers.length <= MAX_IDENTIFIERS_PER_EVENT;
        const dropped = await (named ? options.memberData.dropFor(identifiers, scope) : options.memberData.dropAll(scope));
        options.log({ level: 'info', msg: 'webhook', event, scope, namedMembers: named, tooManyNamed: identifiers.length > MAX_IDENTIFIERS_PER_EVENT, droppedEntries: dropped });
      } catch (err) {
        // Not acted on: Referral Rock's retry of it must be.
        await seen.forget();
        throw err;
      }
      return c.json({ received: true });
    },
  );
  return app;
}

/**
 * Middleware for `WEBHOOK_PATH`, ahead of anything that reads a body: refused deliveries count
 * against the sender's address in `store` (shared by every instance), and a sender past
 * `REFUSED_WEBHOOKS_PER_MINUTE` is answered 429 without a read or a body's HMAC — unless its URL
 * carries the right `?secret=` (what the subscription registers), checked without the body: an
 * attacker behind the same address (a proxy's, without `TRUST_PROXY`) cannot silence Referral
 * Rock's deliveries. Accepted deliveries count for nothing: Referral Rock's bursts always pass.
 *
 * @example app.use(WEBHOOK_PATH, webhookRefusals({ store, addressOf, secret: config.webhookSecret }))
 */
export function webhookRefusals(options: { store: RateLimitStore; addressOf: (c: Context) => string; secret: string }) {
  // The URL secret alone: no signing key is tried without a body.
  const authentic = webhookAuthenticator({ secret: options.secret, signingKeysFor: () => [] });
  const noBody = new Uint8Array(0);
  return refusalLimit({
    perMinute: REFUSED_WEBHOOKS_PER_MINUTE,
    store: options.store,
    scope: 'address',
    keyOf: (c) => composeKey('webhook-refused', options.addressOf(c)),
    // The URL secret, checked without the body: such deliveries wait for no turn and pass a block.
    provenUnread: async (c) => {
      const secret = c.req.query('secret');
      // No signature is looked at without a body; a longer one is no secret of ours.
      return secret !== undefined && secret.length <= MAX_URL_SECRET && (await authentic({ secret, eventType: '', body: noBody })) === 'secret';
    },
  });
}

/** Longest `?secret=` compared while its sender is blocked (WEBHOOK_SECRET is far shorter). */
const MAX_URL_SECRET = 512;

const refused = () => new ApiError(401, 'invalid_webhook_secret', 'The webhook secret or signature is missing or wrong.');

/**
 * The members an event payload names, and whether it carries a member record (a Member's shape).
 * Read defensively in any case (deliveries are PascalCase, GET shapes camelCase, a Member delivery
 * mixes both; fields may be missing): a Reward's `MemberId` (and its recipient's e-mail when the
 * reward is the member's own), a Referral's referring member (id, code or `MemberEmail`), a
 * Member's id, e-mail, code and external id with its program (a body with `referralUrl`, or any
 * body of a Member `event`). Each identifier once; reading stops past {@link MAX_IDENTIFIERS_PER_EVENT}.
 */
export function readEvent(payload: unknown, event?: string): { identifiers: Identifier[]; memberRecord: boolean } {
  const found: Found = { byKey: new Map(), memberRecord: false };
  const memberEvent = event !== undefined && MEMBER_EVENTS.has(event);
  for (const item of Array.isArray(payload) ? payload.slice(0, 100) : [payload]) collect(item, found, 0, memberEvent);
  return { identifiers: [...found.byKey.values()], memberRecord: found.memberRecord };
}

interface Found {
  /** Each identifier once (`identifierKey`), with the program of the member record that named it. */
  byKey: Map<string, Identifier>;
  memberRecord: boolean;
}

function collect(value: unknown, found: Found, depth: number, memberEvent = false): void {
  if (typeof value !== 'object' || value === null || depth > 3 || found.byKey.size > MAX_IDENTIFIERS_PER_EVENT) return;
  const fields = new Map(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v] as const));
  const text = (name: string): string | undefined => {
    const v = fields.get(name);
    return typeof v === 'string' && v.trim() !== '' && v.length <= 200 ? v : undefined;
  };
  const add = (claim: Identifier['claim'], v: string | undefined, programId?: string) => {
    if (!v || found.byKey.size > MAX_IDENTIFIERS_PER_EVENT) return;
    const key = identifierKey(claim, v);
    const known = found.byKey.get(key);
    if (known === undefined) found.byKey.set(key, programId ? { claim, value: v, programId } : { claim, value: v });
    else if (programId && known.programId === undefined) known.programId = programId;
  };

  const isReward = fields.has('recipientemailaddress') || fields.has('recipientid');
  const isMember = !isReward && fields.has('id') && (fields.has('referralurl') || memberEvent);
  for (const name of ['memberid', 'referringmemberid', 'referrermemberid', 'referrerid']) add('memberId', text(name));
  for (const name of ['referralcode', 'referringmemberreferralcode', 'referrerreferralcode', 'memberreferralcode']) add('referralCode', text(name));
  if (isReward && !/^referral$/i.test(text('type') ?? '')) add('email', text('recipientemailaddress'));
  // A Referral names its referring member's e-mail as MemberEmail (the friend's is Email).
  if (!isReward && !isMember) add('email', text('memberemail'));
  if (isMember) {
    found.memberRecord = true;
    const programId = text('programid');
    add('memberId', text('id'), programId);
    add('email', text('email'), programId);
    add('externalId', text('externalidentifier'), programId);
    add('referralCode', text('referralcode'), programId);
  }
  for (const nested of ['member', 'referringmember', 'referrer', 'data']) collect(fields.get(nested), found, depth + 1);
}
