import { Hono, type MiddlewareHandler } from 'hono';
import type { FriendReferralRequest, FriendReferralResponse } from '../../types/v1.js';
import { ApiError } from '../http/errors.js';
import { composeKey } from '../lib/composite-key.js';
import { foldAsciiCase, sameIgnoringCase } from '../lib/ignoring-case.js';
import type { MemberData } from '../members/data.js';
import { identifierKey, type ResolvedMember } from '../members/lookup.js';
import type { DailyCap } from '../referrals/daily-cap.js';
import { readFriend, samePhone } from '../referrals/friend-input.js';
import { readIdempotencyKey, type idempotentReferrals } from '../referrals/idempotency.js';
import { createReferral, isAlreadyReferred, isUnsubscribed } from '../referrals/upstream-referrals.js';
import type { MemberAuthEnv } from '../security/member-auth.js';
import type { LeaseStore } from '../state/types.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { toMemberReferral } from './referrals.js';

export interface ReferFriendOptions {
  guard: MiddlewareHandler<MemberAuthEnv>;
  referralRock: ReferralRockClient;
  memberData: MemberData;
  /** `REFERRALS_PER_MEMBER_PER_DAY`, kept in the shared rate-limit store. */
  dailyCap: DailyCap;
  /** `Idempotency-Key` answers, in the shared cache. */
  idempotency: ReturnType<typeof idempotentReferrals>;
  /** One referral of a friend at a time, on every instance. */
  leases: LeaseStore;
  /** Longest a referral's upstream work may take (its lease is held that long at most). */
  workMs: number;
}

/**
 * `POST /v1/me/referrals`: the token's member refers a friend (`FriendReferralRequest`, JSON). The
 * referral is made under the member's own referral code, from the verified lookup, with the
 * friend's five fields and nothing else — whatever else the body carries is ignored. In order,
 * each refusal before any write upstream:
 * 1. a body that is not a JSON object, a malformed or overlong field (400, naming the field);
 * 2. the member's own e-mail or phone (422 `self_referral`);
 * 3. a repeat of an `Idempotency-Key`: the first answer again (or a wait for it), no second referral;
 * 4. the daily cap (429 `daily_referral_limit`): every attempt that got this far counts, refused ones
 *    too, so a member cannot test addresses without bound;
 * 5. an address on the unsubscribe list (422 `cannot_invite`, worded generically);
 * 6. a friend already referred (409 `already_referred`; upstream's own refusal of a duplicate
 *    answers the same) — a request referring the same friend right now is waited for first.
 * Then 201 `{ referral }` as `GET /v1/me/referrals` lists it, once the member's cached stats and
 * pages are dropped on every instance. The friend's details are never logged.
 *
 * @example app.route('/v1', referFriendRoute({ guard, referralRock, memberData, dailyCap, idempotency, leases, workMs }))
 */
export function referFriendRoute(options: ReferFriendOptions) {
  const app = new Hono<MemberAuthEnv>();
  app.post('/me/referrals', options.guard, async (c) => {
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the friend as JSON (Content-Type: application/json).');
    }
    const key = readIdempotencyKey(c.req.header('idempotency-key'));
    const friend = readFriend(await c.req.json().catch((err: unknown) => {
      // A body a parser in front already took (RawBodyUnavailable) is the server's setup, not the caller's JSON.
      throw err instanceof ApiError ? err : new ApiError(400, 'invalid_body', 'The body is not valid JSON.');
    }));
    const { value: member } = await options.memberData.resolve(c.var.member);
    refuseSelfReferral(member, friend);
    const referralCode = member.referralCode;
    if (referralCode === null) throw new ApiError(409, 'member_cannot_refer', 'This member has no referral code to refer friends with.');
    const memberKey = identifierKey('memberId', member.id);

    const make = async (): Promise<FriendReferralResponse> => {
      await options.dailyCap.take(memberKey);
      const friendLease = composeKey('refer-friend', member.programId, foldAsciiCase(friend.email));
      const token = await acquireWaiting(options.leases, friendLease, options.workMs);
      try {
        if (await isUnsubscribed(options.referralRock, friend.email)) {
          throw new ApiError(422, 'cannot_invite', 'This friend cannot be invited.');
        }
        if (await isAlreadyReferred(options.referralRock, member.programId, friend.email)) throw alreadyReferred();
        const created = await createReferral(options.referralRock, referralCode, friend);
        // Before answering: the member's stats and cached friends pages are dropped on every instance, so both show the friend at once.
        await options.memberData.dropFor([{ claim: 'memberId', value: member.id }], 'activity');
        return { referral: toMemberReferral({ ...created, firstName: created.firstName || friend.firstName, lastName: created.lastName || (friend.lastName ?? ''), createDate: created.createDate || new Date().toISOString() }) };
      } finally {
        await options.leases.release(friendLease, token);
      }
    };

    const { body, replayed } = key === undefined ? { body: await make(), replayed: false } : await options.idempotency.once(memberKey, key, friend, make);
    return c.json(body, 201, { 'cache-control': 'no-store', ...(replayed ? { 'idempotent-replayed': 'true' } : {}) });
  });
  return app;
}

const alreadyReferred = () => new ApiError(409, 'already_referred', 'This friend has already been referred.');

/** How long a referral waits for another one of the same friend (then checks for the duplicate itself), polling every 25 ms. */
const FRIEND_LEASE_WAIT_MS = 2000;

/**
 * The friend's lease, waiting a bounded time for a holder: another request referring this friend
 * right now (its duplicate then shows in the check that follows), or a shared state past its
 * deadline, which answers "held". Still held after the wait: 503, try again shortly.
 */
async function acquireWaiting(leases: LeaseStore, key: string, ttlMs: number): Promise<string> {
  for (let waited = 0; ; waited += 25) {
    const token = await leases.acquire(key, ttlMs);
    if (token !== null) return token;
    if (waited >= FRIEND_LEASE_WAIT_MS) {
      throw new ApiError(503, 'referral_busy', 'Another referral of this friend is on its way; try again shortly.', { 'retry-after': '2' });
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The member's own e-mail (ignoring ASCII case) or phone (its digits) is not a friend. */
function refuseSelfReferral(member: ResolvedMember, friend: FriendReferralRequest): void {
  if (sameIgnoringCase(member.email, friend.email) || samePhone(member.phone, friend.phone)) {
    throw new ApiError(422, 'self_referral', 'A member cannot refer themselves.');
  }
}
