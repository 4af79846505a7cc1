import { type Program, type ProgramList, type RewardRule } from '../../types/referralrock.js';
import type { MemberOffer } from '../../types/v1.js';
import { foldAsciiCase, sameIgnoringCase } from '../lib/ignoring-case.js';
import { LruCache } from '../lib/lru-cache.js';
import type { SharedState } from '../state/types.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { listItems, rewardRulesOf } from '../upstream/lists.js';
import { describeOffer } from './offer.js';
import { UpstreamCache, type Cached, type Defer, type Lifetimes } from './upstream-cache.js';

/** The offers of a program, cached per program: what every member of it earns, and what friends get. */
export interface ProgramOffers {
  /** The program's offer, loaded on a miss (the program list and its reward rules, in parallel). */
  offer(programId: string, defer?: Defer): Promise<Cached<MemberOffer>>;
  /**
   * The offer when it is fresh in the cache (the warm path: no promise); null while the program is
   * known not to load (a recent failure: no offer, and no call); else undefined.
   */
  freshOffer(programId: string): Cached<MemberOffer> | null | undefined;
}

export interface ProgramOffersOptions {
  /** A client of the offers' own (its own circuit breaker): their failures never open the members' circuit. */
  referralRock: ReferralRockClient;
  /** Programs remembered at most (an account has few). */
  maxPrograms?: number;
  onBackgroundError?: (err: unknown) => void;
  /** ISO 4217 code of the amounts in offers built from reward rules (`CURRENCY`; programs have none). Default USD. */
  currency?: string;
  /** The clock reward rules' start and end dates are compared with. */
  now?: () => Date;
  /** Shares the offers (and their loads) with other instances; this process alone without. */
  sharedState?: SharedState;
  /** Milliseconds since the epoch, for remembered failures (tests pass their own). */
  clock?: () => number;
}

const HOUR = 60 * 60_000;
/** A program's words and rules change rarely: an hour fresh, then revalidated; a day as a stand-in. */
const PROGRAM_LIFETIMES: Lifetimes = { freshMs: HOUR, staleWhileRevalidateMs: HOUR, keepMs: 24 * HOUR };
/** Programs asked per page of `GET api/programs`, and pages searched for the member's (bounded work). */
const PROGRAM_PAGE_SIZE = 100;
const PROGRAM_PAGES = 3;
/** A program whose offer failed to load is not asked again for this long: warm loads cost no upstream call. */
export const OFFER_FAILURE_MS = 60_000;

/**
 * Offers per program, from `GET api/programs` (its `memberOffer` / `referralOffer`) and
 * `GET api/rewardrules?programId=` (a bare array, or wrapped in `{ rewardRules }`), cached an hour
 * per program: a widget load costs them once per program, not once per member. A load that fails
 * (neither call answered: a key that may not read them, an upstream error) is remembered for
 * `OFFER_FAILURE_MS`: meanwhile the program has no offer and costs no call.
 *
 * @example
 * const offers = createProgramOffers({ referralRock })
 * const { value } = await offers.offer(member.programId) // { member: 'a $25 gift card', friend: '15% off' }
 */
export function createProgramOffers(options: ProgramOffersOptions): ProgramOffers {
  const { referralRock } = options;
  const now = options.now ?? (() => new Date());
  const clock = options.clock ?? Date.now;
  const state = options.sharedState;
  const failedUntil = new LruCache<string, number>(options.maxPrograms ?? 1_000);
  const knownToFail = (programKey: string) => (failedUntil.get(programKey) ?? 0) > clock();
  const offers = new UpstreamCache<MemberOffer>(options.maxPrograms ?? 1_000, {
    onBackgroundError: options.onBackgroundError,
    shared: state && { state, kind: 'program', nameOf: (key) => ({ key }) },
  });

  const findProgram = async (programId: string): Promise<Program | undefined> => {
    for (let page = 0; page < PROGRAM_PAGES; page++) {
      const params = new URLSearchParams({ offset: String(page * PROGRAM_PAGE_SIZE), count: String(PROGRAM_PAGE_SIZE) });
      const list = await referralRock.request<ProgramList>('GET', `api/programs?${params}`);
      const programs = listItems<Program>(list, 'programs');
      // The id must be a string: `String(["<id>"])` would equal the program's id.
      const found = programs.find((p) => p && typeof p === 'object' && sameIgnoringCase(p.id, programId));
      if (found || programs.length < PROGRAM_PAGE_SIZE) return found;
    }
    return undefined;
  };

  // Asked for one program's rules; a rule that names another program (or names one by anything
  // but a string) is not the member's to be offered, whatever upstream sent.
  const rulesOf = async (programId: string): Promise<RewardRule[]> =>
    rewardRulesOf(await referralRock.request<unknown>('GET', `api/rewardrules?${new URLSearchParams({ programId })}`))
      .filter((rule) => rule.programId === undefined || rule.programId === null || sameIgnoringCase(rule.programId, programId));

  // Either half may be missing on an account (no rules, a program list the key may not read):
  // the offer is made of what answered. Only when neither does is it a failure, not cached.
  const load = async (programId: string): Promise<MemberOffer> => {
    const [program, rules] = await Promise.allSettled([findProgram(programId), rulesOf(programId)]);
    if (program.status === 'rejected' && rules.status === 'rejected') throw program.reason;
    return describeOffer(program.status === 'fulfilled' ? program.value : undefined, rules.status === 'fulfilled' ? rules.value : [], now(), options.currency);
  };

  const key = (programId: string) => foldAsciiCase(programId);

  return {
    offer: async (programId, defer) => {
      const programKey = key(programId);
      if (knownToFail(programKey)) throw new Error('The program’s offer failed to load a moment ago.');
      try {
        return await offers.get(programKey, () => load(programId), PROGRAM_LIFETIMES, defer);
      } catch (err) {
        failedUntil.set(programKey, clock() + OFFER_FAILURE_MS);
        throw err;
      }
    },
    freshOffer: (programId) => {
      const programKey = key(programId);
      return offers.fresh(programKey) ?? (knownToFail(programKey) ? null : undefined);
    },
  };
}
