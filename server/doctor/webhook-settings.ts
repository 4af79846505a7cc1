/** Whether the webhook settings hang together: Referral Rock can reach PUBLIC_URL, and deliveries can be authenticated. */
import type { ServerConfig } from '../config.js';
import { WEBHOOK_EVENTS, WEBHOOK_PATH } from '../routes/webhooks.js';
import type { CheckResult } from './report.js';

/** Addresses Referral Rock, on the internet, cannot deliver to. */
const UNREACHABLE_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|0\.0\.0\.0)$/i;

/**
 * `PUBLIC_URL` https and public, `WEBHOOK_SECRET` set with it (the configuration insists), and
 * which key verifies signed deliveries. Read from the configuration alone: nothing is called.
 */
export function checkWebhookSettings(config: ServerConfig): CheckResult {
  const ttl = `${config.statsTtlMs / 1000} s`;
  if (config.mode === 'sandbox') {
    return { id: 'webhooks', status: 'ok', summary: 'Sandbox mode: the server subscribes to its own sandbox when it starts.' };
  }
  if (config.publicUrl === undefined) {
    return { id: 'webhooks', status: 'ok', summary: `PUBLIC_URL is not set: no webhooks; a member's stats are at most STATS_TTL_SECONDS (${ttl}) old.` };
  }
  const url = new URL(config.publicUrl);
  const stale = `a member's numbers are only refreshed every STATS_TTL_SECONDS (${ttl}), and the subscriptions made at start fail.`;
  if (url.protocol !== 'https:') {
    return { id: 'webhooks', status: 'fail', summary: `PUBLIC_URL is plain http (${url.origin}): Referral Rock delivers to https, and the URL carries WEBHOOK_SECRET.`, forMembers: stale };
  }
  if (UNREACHABLE_HOST.test(url.hostname)) {
    return { id: 'webhooks', status: 'fail', summary: `PUBLIC_URL (${url.origin}) is a local address Referral Rock cannot reach.`, forMembers: stale };
  }
  const keys = config.webhookSigningKeys;
  const unkeyed = keys.every ? [] : WEBHOOK_EVENTS.filter((event) => keys.byEvent[event] === undefined);
  const signing =
    unkeyed.length === 0
      ? 'RR-Signature is verified with WEBHOOK_SIGNING_KEY for every event'
      : unkeyed.length === WEBHOOK_EVENTS.length
        ? 'no WEBHOOK_SIGNING_KEY: deliveries are authenticated by WEBHOOK_SECRET in the URL alone'
        : `WEBHOOK_SIGNING_KEY has no key for ${unkeyed.join(', ')}: those are authenticated by WEBHOOK_SECRET in the URL alone`;
  return {
    id: 'webhooks',
    status: 'ok',
    summary: `Referral Rock delivers ${WEBHOOK_EVENTS.length} events to ${url.origin}${url.pathname.replace(/\/$/, '')}${WEBHOOK_PATH}; WEBHOOK_SECRET is set; ${signing}.`,
  };
}
