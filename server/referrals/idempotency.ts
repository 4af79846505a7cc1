import type { FriendReferralRequest, FriendReferralResponse } from '../../types/v1.js';
import { ApiError } from '../http/errors.js';
import { composeKey } from '../lib/composite-key.js';
import { loadShared } from '../state/shared-load.js';
import type { SharedState } from '../state/types.js';

/** A key as clients make them (a UUID, a ULID…): visible ASCII, 1 to 255 characters. */
const WELL_FORMED_KEY = /^[\x21-\x7E]{1,255}$/;
/** How long an answer is kept for a repeat of its key. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** What is kept under a member's key: the answer, and which friend it was for. */
interface KeptAnswer {
  fingerprint: string;
  body: FriendReferralResponse;
}

/**
 * The `Idempotency-Key` header, checked: undefined when absent; a 400 `invalid_idempotency_key`
 * when it is not 1–255 visible ASCII characters.
 */
export function readIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!WELL_FORMED_KEY.test(raw)) throw new ApiError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID will do).');
  return raw;
}

/**
 * Referrals made once per member and `Idempotency-Key`, on every instance: the first request with a
 * key makes the referral and its answer is kept a day (in the shared cache, the key and member stored
 * hashed); a repeat gets that answer, and one arriving while the first is still at work waits for it
 * (single flight through the shared leases, `loadShared`). A failed attempt keeps nothing: a repeat
 * tries again. The same key for another friend is a 422 `idempotency_key_reused`.
 *
 * @example const { body, replayed } = await referrals.once(memberKey, key, friend, () => makeReferral())
 */
export function idempotentReferrals(options: { state: SharedState; waitMs: number }) {
  return {
    async once(member: string, key: string, friend: FriendReferralRequest, make: () => Promise<FriendReferralResponse>): Promise<{ body: FriendReferralResponse; replayed: boolean }> {
      const fingerprint = await fingerprintOf(friend);
      let made = false;
      const { value } = await loadShared<KeptAnswer>({
        state: options.state,
        // The member in the key, not as the entry's group: a member's cache flush must not forget what was made.
        name: { kind: 'idempotency', key: composeKey(member, key) },
        load: async () => {
          const body = await make();
          made = true;
          return { fingerprint, body };
        },
        ttlMs: KEEP_MS,
        // Held past any attempt's upstream calls, so a repeat waits for it instead of making a second referral.
        leaseMs: options.waitMs,
        waitMs: options.waitMs + 1000,
      });
      if (value.fingerprint !== fingerprint) {
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another friend; send a new key for each referral.');
      }
      return { body: value.body, replayed: !made };
    },
  };
}

/** SHA-256 of the friend's fields: which friend a key was used for, without keeping the friend. */
async function fingerprintOf(friend: FriendReferralRequest): Promise<string> {
  const fields = [friend.firstName, friend.lastName ?? null, friend.email.toLowerCase(), friend.phone ?? null, friend.note ?? null];
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(fields)));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
