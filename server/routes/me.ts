import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { MEMBER_STAT_FIELDS, SHARE_LINK_FIELDS, TIME_PERIODS, type MemberAccessUrls, type MemberStats, type TimePeriod } from '../../types/referralrock.js';
import { type MeResponse } from '../../types/v1.js';
import { ApiError } from '../http/errors.js';
import type { MemberAuthEnv } from '../security/member-auth.js';
import type { MemberData } from '../members/data.js';
import type { VerifiedMember } from '../security/member-token.js';
import { respond } from '../http/response-headers.js';
import type { Cached, Defer } from '../members/upstream-cache.js';
import { safeUrl } from '../../types/links.js';

/**
 * `GET /v1/me`: the member named by the token (and by nothing else), their share links and their
 * stats — two cached upstream reads in parallel. `guard` authenticates (and rate limits) first.
 */
export function meRoute(options: { guard: MiddlewareHandler<MemberAuthEnv>; memberData: MemberData }) {
  const app = new Hono<MemberAuthEnv>();
  const bodies = new ServedBodies();
  // On GET alone: another method is answered 405, not 401.
  app.get('/me', options.guard, async (c) => {
    const timePeriod = c.req.query('timePeriod') ?? 'All';
    if (!isTimePeriod(timePeriod)) {
      throw new ApiError(400, 'invalid_time_period', `timePeriod must be one of ${TIME_PERIODS.join(', ')}.`);
    }
    const member = c.get('member');
    const [urls, stats] = options.memberData.freshLinksAndStats(member, timePeriod) ?? (await loadLinksAndStats(c, options.memberData, member, timePeriod));
    return respond(c, bodies.json(member, timePeriod, urls, stats), 200, JSON_NO_STORE);
  });
  return app;
}

/** Links and stats through the cache: loaded, revalidated in the background, or stand-ins. */
function loadLinksAndStats(c: Context, memberData: MemberData, member: VerifiedMember, timePeriod: TimePeriod) {
  const defer = backgroundRunner(c);
  return Promise.all([memberData.accessUrls(member, defer), memberData.stats(member, timePeriod, defer)]);
}

const JSON_NO_STORE = { 'content-type': 'application/json', 'cache-control': 'private, no-store' } as const;

const isTimePeriod = (value: string): value is TimePeriod => (TIME_PERIODS as readonly string[]).includes(value);

/**
 * The JSON of `GET /v1/me` bodies, kept while their inputs stay the same: the cache hands out the
 * same stats and link objects until it loads new ones, so a warm request reuses the string built
 * for the previous one instead of picking fields and serialising again. Weakly keyed by the
 * cached stats object: an entry goes when the cache lets go of that object.
 */
class ServedBodies {
  readonly #byStats = new WeakMap<MemberStats, { urls: MemberAccessUrls; stale: boolean; name: string | null; timePeriod: TimePeriod; json: string }>();

  json(member: VerifiedMember, timePeriod: TimePeriod, urls: Cached<MemberAccessUrls>, stats: Cached<MemberStats>): string {
    const stale = urls.stale || stats.stale;
    const served = this.#byStats.get(stats.value);
    if (served && served.urls === urls.value && served.stale === stale && served.name === member.name && served.timePeriod === timePeriod) {
      return served.json;
    }
    const json = JSON.stringify(meResponse(member, timePeriod, urls.value, stats.value, stale));
    this.#byStats.set(stats.value, { urls: urls.value, stale, name: member.name, timePeriod, json });
    return json;
  }
}

function meResponse(member: VerifiedMember, timePeriod: TimePeriod, urls: MemberAccessUrls, stats: MemberStats, stale: boolean): MeResponse {
  return {
    member: { name: member.name, referralCode: typeof urls.referralCode === 'string' ? urls.referralCode : null },
    links: pickLinks(urls),
    stats: pickStats(stats),
    timePeriod,
    ...(stale ? { stale: true as const } : {}),
  };
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

/**
 * Keeps the documented link fields that hold a safe URL (the widget's rule, `types/links.ts`):
 * a `javascript:` or `data:` link upstream sent never reaches a page, whatever renders it.
 */
function pickLinks(urls: MemberAccessUrls): MeResponse['links'] {
  const links: MeResponse['links'] = {};
  for (const field of SHARE_LINK_FIELDS) {
    const url = urls[field];
    if (typeof url === 'string' && safeUrl(url) !== undefined) links[field] = url;
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
