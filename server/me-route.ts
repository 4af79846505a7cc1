import { Hono } from 'hono';
import {
  CLAIM_TO_ACCESS_FIELD,
  MEMBER_STAT_FIELDS,
  SHARE_LINK_FIELDS,
  TIME_PERIODS,
  type MeResponse,
  type MemberAccessUrls,
  type MemberStats,
  type TimePeriod,
} from '../types/api.js';
import { ApiError } from './errors.js';
import { memberAuth, type MemberAuthEnv } from './member-auth.js';
import type { ReferralRockClient } from './referralrock-client.js';

/**
 * `GET /v1/me`: the member named by the token, their share links and their stats — two upstream
 * calls in parallel.
 */
export function meRoute(options: { secret: string; referralRock: ReferralRockClient }) {
  const app = new Hono<MemberAuthEnv>();
  app.get('/me', memberAuth({ secret: options.secret }), async (c) => {
    const timePeriod = c.req.query('timePeriod') ?? 'All';
    if (!(TIME_PERIODS as readonly string[]).includes(timePeriod)) {
      throw new ApiError(400, 'invalid_time_period', `timePeriod must be one of ${TIME_PERIODS.join(', ')}.`);
    }
    const { claim, value, name } = c.var.member;
    const [urls, stats] = await Promise.all([
      options.referralRock.memberAccessUrls({ [CLAIM_TO_ACCESS_FIELD[claim]]: value }),
      options.referralRock.memberStats(value, timePeriod as TimePeriod),
    ]);
    const body: MeResponse = {
      member: { name, referralCode: typeof urls.referralCode === 'string' ? urls.referralCode : null },
      links: pickLinks(urls),
      stats: pickStats(stats),
      timePeriod: timePeriod as TimePeriod,
    };
    c.header('cache-control', 'private, no-store');
    return c.json(body);
  });
  return app;
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
