import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { SHARE_LINK_FIELDS, TIME_PERIODS } from '../../shared/referralrock.js';
import type { MemberAccessUrls, MemberStats, TimePeriod } from '../../types/referralrock.js';
import type { MemberOffer, MeResponse } from '../../types/v1.js';
import { ApiError } from '../http/errors.js';
import type { MemberAuthEnv } from '../security/member-auth.js';
import type { MemberData } from '../members/data.js';
import type { ProgramOffers } from '../members/program-offers.js';
import type { VerifiedMember } from '../security/member-token.js';
import { respond } from '../http/response-headers.js';
import type { Cached, Defer } from '../members/upstream-cache.js';
import { safeUrl } from '../../shared/links.js';
import { pickStats } from '../members/stats.js';

/** What one `/v1/me` body is made of, each as the cache answered it. */
interface MeParts {
  urls: Cached<MemberAccessUrls>;
  stats: Cached<MemberStats>;
  /** Absent when the member has no program, or its offer could not be loaded. */
  offer?: Cached<MemberOffer>;
}

/**
 * `GET /v1/me`: the member named by the token (and by nothing else), their share links, their
 * stats and their program's offer — cached upstream reads in parallel once the member is
 * resolved. `guard` authenticates (and rate limits) first.
 */
export function meRoute(options: {
  guard: MiddlewareHandler<MemberAuthEnv>;
  memberData: MemberData;
  programOffers: ProgramOffers;
  /** Keeps background refreshes alive past the response, where the runtime needs telling (the seam's `waitUntil`). */
  waitUntil?: (c: Context, work: Promise<unknown>) => void;
}) {
  const app = new Hono<MemberAuthEnv>();
  const bodies = new ServedBodies();
  // On GET alone: another method is answered 405, not 401.
  app.get('/me', options.guard, async (c) => {
    const timePeriod = c.req.query('timePeriod') ?? 'All';
    if (!isTimePeriod(timePeriod)) {
      throw new ApiError(400, 'invalid_time_period', `timePeriod must be one of ${TIME_PERIODS.join(', ')}.`);
    }
    const member = c.get('member');
    const parts = freshParts(options, member, timePeriod) ?? (await loadParts(c, options, member, timePeriod));
    return respond(c, bodies.json(member, timePeriod, parts), 200, JSON_NO_STORE);
  });
  return app;
}

type Sources = { memberData: MemberData; programOffers: ProgramOffers; waitUntil?: (c: Context, work: Promise<unknown>) => void };

// Kept, measured alone: always through `loadParts` instead, a warm /v1/me cost 84–92 µs of server CPU (median 87), with this 65–81 µs (median 70), slower in 6 of 6 paired runs (`npm run bench:load`, 3 interleaved runs each, 2026-12-06).
/** Every part at once when all are fresh in the cache (the warm path: no promise); else undefined. */
function freshParts({ memberData, programOffers }: Sources, member: VerifiedMember, timePeriod: TimePeriod): MeParts | undefined {
  const linksAndStats = memberData.freshLinksAndStats(member, timePeriod);
  if (linksAndStats === undefined) return undefined;
  const programId = memberData.freshMember(member)?.programId;
  const offer = programId ? programOffers.freshOffer(programId) : undefined;
  if (programId && offer === undefined) return undefined;
  return { urls: linksAndStats[0], stats: linksAndStats[1], offer: offer ?? undefined };
}

/** Every part through the cache: loaded, revalidated in the background, or stand-ins. */
async function loadParts(c: Context, sources: Sources, member: VerifiedMember, timePeriod: TimePeriod): Promise<MeParts> {
  // Without the runtime's waitUntil (Node, Bun, Deno) a promise runs on by itself.
  const defer: Defer = (work) => sources.waitUntil?.(c, work);
  const offer = offerOf(sources, member, defer);
  const [urls, stats] = await Promise.all([sources.memberData.accessUrls(member, defer), sources.memberData.stats(member, timePeriod, defer)]);
  return { urls, stats, offer: await soonOrNever(offer, OFFER_GRACE_MS) };
}

/** The offer may take a moment longer than the member's own data, never more: it stays out of a slow load (and is cached for the next). */
async function soonOrNever<T>(work: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How much longer than the member's links and stats a load waits for the program's offer. */
const OFFER_GRACE_MS = 250;

/** The offer is a garnish: a program that cannot be read leaves it out, never fails the load. */
async function offerOf({ memberData, programOffers }: Sources, member: VerifiedMember, defer: Defer): Promise<Cached<MemberOffer> | undefined> {
  const { value: resolved } = await memberData.resolve(member, defer).catch(() => ({ value: { programId: undefined } }));
  if (!resolved.programId) return undefined;
  return programOffers.offer(resolved.programId, defer).catch(() => undefined);
}

const JSON_NO_STORE = { 'content-type': 'application/json', 'cache-control': 'private, no-store' } as const;

const isTimePeriod = (value: string): value is TimePeriod => (TIME_PERIODS as readonly string[]).includes(value);

/**
 * The JSON of `GET /v1/me` bodies, kept while their inputs stay the same: the cache hands out the
 * same stats and link objects until it loads new ones, so a warm request reuses the string built
 * for the previous one instead of picking fields and serialising again. Weakly keyed by the
 * cached stats object: an entry goes when the cache lets go of that object.
 */
// Kept, measured alone: with `JSON.stringify` on every request instead, a warm /v1/me cost 77–90 µs of server CPU (median 82), with this 65–81 µs (median 70), slower in 11 of 12 paired runs (`npm run bench:load`, 6 interleaved runs each, 2026-12-06).
class ServedBodies {
  readonly #byStats = new WeakMap<MemberStats, { urls: MemberAccessUrls; offer: MemberOffer | undefined; stale: boolean; name: string | null; timePeriod: TimePeriod; json: string }>();

  json(member: VerifiedMember, timePeriod: TimePeriod, { urls, stats, offer }: MeParts): string {
    const stale = urls.stale || stats.stale;
    const served = this.#byStats.get(stats.value);
    if (
      served && served.urls === urls.value && served.offer === offer?.value && served.stale === stale &&
      served.name === member.name && served.timePeriod === timePeriod
    ) {
      return served.json;
    }
    const json = JSON.stringify(meResponse(member, timePeriod, urls.value, stats.value, offer?.value, stale));
    this.#byStats.set(stats.value, { urls: urls.value, offer: offer?.value, stale, name: member.name, timePeriod, json });
    return json;
  }
}

function meResponse(member: VerifiedMember, timePeriod: TimePeriod, urls: MemberAccessUrls, stats: MemberStats, offer: MemberOffer | undefined, stale: boolean): MeResponse {
  return {
    member: { name: member.name, referralCode: typeof urls.referralCode === 'string' ? urls.referralCode : null },
    links: pickLinks(urls),
    stats: pickStats(stats),
    timePeriod,
    ...(offer ? { offer } : {}),
    ...(stale ? { stale: true as const } : {}),
  };
}


/**
 * Keeps the documented link fields that hold a safe URL (the widget's rule, `shared/links.ts`):
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
