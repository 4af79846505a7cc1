import { Hono, type Context, type MiddlewareHandler } from 'hono';
import {
  MEMBER_STAT_FIELDS,
  SHARE_LINK_FIELDS,
  TIME_PERIODS,
  type MeResponse,
  type MemberAccessUrls,
  type MemberStats,
  type TimePeriod,
} from '../types/api.js';
import { ApiError } from './errors.js';
import type { MemberAuthEnv } from './member-auth.js';
import type { MemberData } from './member-data.js';
import type { Defer } from './upstream-cache.js';

/**
 * `GET /v1/me`: the member named by the token (and by nothing else), their share links and their
 * stats — two cached upstream reads in parallel. `guard` authenticates (and rate limits) first.
 */
export function meRoute(options: { guard: MiddlewareHandler<MemberAuthEnv>; memberData: MemberData }) {
  const app = new Hono<MemberAuthEnv>();
  // On GET alone: another method is answered 405, not 401.
  app.get('/me', options.guard, async (c) => {
    const timePeriod = c.req.query('timePeriod') ?? 'All';
    if (!(TIME_PERIODS as readonly string[]).includes(timePeriod)) {
      throw new ApiError(400, 'invalid_time_period', `timePeriod must be one of ${TIME_PERIODS.join(', ')}.`);
    }
    const member = c.var.member;
    const defer = backgroundRunner(c);
    const [urls, stats] = await Promise.all([
      options.memberData.accessUrls(member, defer),
      options.memberData.stats(member, timePeriod as TimePeriod, defer),
    ]);
    const body: MeResponse = {
      member: { name: member.name, referralCode: typeof urls.value.referralCode === 'string' ? urls.value.referralCode : null },
      links: pickLinks(urls.value),
      stats: pickStats(stats.value),
      timePeriod: timePeriod as TimePeriod,
      ...(urls.stale || stats.stale ? { stale: true as const } : {}),
    };
    c.header('cache-control', 'private, no-store');
    return c.json(body);
  });
  return app;
}

/** Keeps background refreshes alive past the response where the runtime needs telling (edge). */
function backgroundRunner(c: Context): Defer {
  return (work) => {
    try {
      c.executionCtx.waitUntil(work);
    } catch {
      // No execution context (Node, Bun): the promise runs on by itself.
    }
  };
}

/** Keeps the documented link fields that hold a string; drops anything else upstream sent. */
function pickLinks(urls: MemberAccessUrls): MeResponse['links'] {
  const links: MeResponse['links'] = {};
  for (const field of SHARE_LINK_FIELDS) {
    const url = urls[field];
    if (typeof url === 'string' && url !== '') links[field] = url;
  }
  return links;
}

/** Keeps the documented numeric stats; tolerates numbers sent as strings. */
function pickStats(stats: MemberStats): MeResponse['stats'] {
  const picked: MeResponse['stats'] = {};
  for (const field of MEMBER_STAT_FIELDS) {
    const raw: unknown = stats[field];
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n === 'number' && Number.isFinite(n)) picked[field] = n;
  }
  return picked;
}
