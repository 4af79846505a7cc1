import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../http/errors.js';
import type { Logger } from '../http/logging.js';
import type { Identifier, MemberData } from '../members/data.js';
import type { ReferralRockClient } from '../upstream/client.js';

/** The events after which a member's stats may have changed: the ones we subscribe to. */
export const STATS_EVENTS = [
  'MemberUpdate', 'MemberDelete',
  'ReferralAdd', 'ReferralUpdate', 'ReferralStatusChange', 'ReferralDelete',
  'RewardAdd', 'RewardUpdate', 'RewardIssue', 'RewardDelete',
] as const;

export const WEBHOOK_PATH = '/v1/hooks/referralrock';
const MAX_WEBHOOK_BODY = 256 * 1024;

/**
 * `POST /v1/hooks/referralrock`: Referral Rock tells us something changed; the cached stats of the
 * member it names are dropped, so the next widget load shows the change. Authenticated by the
 * secret in the URL (`?secret=`), or an `X-Signature: sha256=<hex HMAC of the body>` header.
 */
export function webhookRoute(options: { secret: string; memberData: MemberData; log: Logger }) {
  const secretBytes = new TextEncoder().encode(options.secret);
  const hmacKey = crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const app = new Hono();
  app.post(
    '/hooks/referralrock',
    bodyLimit({ maxSize: MAX_WEBHOOK_BODY, onError: () => { throw new ApiError(413, 'payload_too_large', 'The webhook body is too large.'); } }),
    async (c) => {
      const raw = await c.req.text();
      const secret = c.req.query('secret');
      const signature = /^sha256=([0-9a-f]{64})$/i.exec(c.req.header('x-signature') ?? '')?.[1];
      const authentic =
        (secret !== undefined && timingSafeEqual(new TextEncoder().encode(secret), secretBytes)) ||
        (signature !== undefined && timingSafeEqual(hexToBytes(signature), new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey, new TextEncoder().encode(raw)))));
      if (!authentic) throw new ApiError(401, 'invalid_webhook_secret', 'The webhook secret or signature is missing or wrong.');
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        throw new ApiError(400, 'invalid_json', 'The webhook body must be JSON.');
      }
      const event = (c.req.query('event') ?? c.req.header('x-referralrock-event') ?? '').slice(0, 40).replace(/[^\w]/g, '');
      const dropped = options.memberData.dropStatsFor(identifiersInEvent(payload));
      options.log({ level: 'info', msg: 'webhook', event: event || 'unknown', droppedEntries: dropped });
      return c.json({ received: true });
    },
  );
  return app;
}

/**
 * The members an event payload names, read defensively (casing varies; fields may be missing):
 * a Reward's `memberId` (and its recipient's e-mail when the reward is the member's own), a
 * Referral's referring member id or code, a Member's id, e-mail, code and external id.
 */
export function identifiersInEvent(payload: unknown): Identifier[] {
  const found: Identifier[] = [];
  for (const item of Array.isArray(payload) ? payload.slice(0, 100) : [payload]) collect(item, found, 0);
  return found;
}

function collect(value: unknown, found: Identifier[], depth: number): void {
  if (typeof value !== 'object' || value === null || depth > 3) return;
  const fields = new Map(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v] as const));
  const text = (name: string): string | undefined => {
    const v = fields.get(name);
    return typeof v === 'string' && v.trim() !== '' && v.length <= 200 ? v : undefined;
  };
  const add = (claim: Identifier['claim'], v: string | undefined) => v && found.push({ claim, value: v });

  const isReward = fields.has('recipientemailaddress') || fields.has('recipientid');
  const isMember = !isReward && fields.has('referralurl') && fields.has('id');
  for (const name of ['memberid', 'referringmemberid', 'referrermemberid', 'referrerid']) add('memberId', text(name));
  for (const name of ['referralcode', 'referringmemberreferralcode', 'referrerreferralcode', 'memberreferralcode']) add('referralCode', text(name));
  if (isReward && !/^referral$/i.test(text('type') ?? '')) add('email', text('recipientemailaddress'));
  if (isMember) {
    add('memberId', text('id'));
    add('email', text('email'));
    add('externalId', text('externalidentifier'));
  }
  for (const nested of ['member', 'referringmember', 'referrer', 'data']) collect(fields.get(nested), found, depth + 1);
}

/**
 * Subscribes `targetBase` (this server's public URL) to the stats events, one `POST api/hooks` each.
 * Failures are logged, never fatal: without hooks, stats are still at most `STATS_TTL_SECONDS` old.
 */
export async function subscribeToWebhooks(options: { referralRock: ReferralRockClient; publicUrl: string; secret: string; log: Logger }): Promise<number> {
  let subscribed = 0;
  for (const event of STATS_EVENTS) {
    const target = `${options.publicUrl}${WEBHOOK_PATH}?${new URLSearchParams({ secret: options.secret, event })}`;
    try {
      await options.referralRock.request('POST', 'api/hooks', { target_url: target, event });
      subscribed += 1;
    } catch (err) {
      const status = (err as ApiError).status;
      if (status === 404 || status === 405) {
        options.log({ level: 'warn', msg: 'upstream has no api/hooks: no webhooks, stats refresh on their TTL' });
        return 0;
      }
      options.log({ level: 'warn', msg: 'webhook subscription failed', event, code: (err as ApiError).code ?? 'error' });
    }
  }
  options.log({ level: 'info', msg: 'webhooks subscribed', events: subscribed });
  return subscribed;
}

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(1, a.length)] ?? 0) ^ b[i]!;
  return diff === 0;
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
