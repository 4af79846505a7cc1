import type { NewReferral, Referral, ReferralList } from '../../types/referralrock.js';
import type { FriendReferralRequest } from '../../types/v1.js';
import { ApiError } from '../http/errors.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import { ALREADY_REFERRED, UpstreamError, type ReferralRockClient } from '../upstream/client.js';
import { listItems } from '../upstream/lists.js';

/** Referrals of one e-mail looked through for a duplicate (one friend, a handful of rows at most). */
const DUPLICATE_SEARCH_COUNT = 50;
/** Items of an unsubscribe answer read, and how deep: its shape is not published. */
const MAX_UNSUBSCRIBED_ITEMS = 1000;
const MAX_DEPTH = 3;

/**
 * Whether Referral Rock's unsubscribe list holds `email` (`GET api/email/getunsubscribed?email=`).
 * The answer's shape is not published (a list of addresses, or of records holding one): any string
 * in it equal to the address, ignoring ASCII case, counts. A failure is thrown, never read as "not
 * unsubscribed".
 */
export async function isUnsubscribed(referralRock: ReferralRockClient, email: string): Promise<boolean> {
  const answer = await referralRock.request<unknown>('GET', `api/email/getunsubscribed?${new URLSearchParams({ email })}`);
  let seen = 0;
  const holds = (value: unknown, depth: number): boolean => {
    if (++seen > MAX_UNSUBSCRIBED_ITEMS) return false;
    if (typeof value === 'string') return sameIgnoringCase(value.trim(), email);
    if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return false;
    return Object.values(value).some((inner) => holds(inner, depth + 1));
  };
  return holds(answer, 0);
}

/** Whether the program already has a referral of `email` (any member's), found by `GET api/referrals?programId=&query=`. */
export async function isAlreadyReferred(referralRock: ReferralRockClient, programId: string | null, email: string): Promise<boolean> {
  const params = new URLSearchParams({ query: email, count: String(DUPLICATE_SEARCH_COUNT) });
  if (programId) params.set('programId', programId);
  const referrals = listItems<Referral>(await referralRock.request<ReferralList>('GET', `api/referrals?${params}`), 'referrals');
  return referrals.some((r) => r && typeof r === 'object' && (!programId || sameIgnoringCase(r.programId, programId)) && sameIgnoringCase(r.email, email));
}

/**
 * `POST api/referrals` under the member's own code with the friend's fields, and nothing else: no
 * status (every referral starts pending), no amount, no id. Sent once (no retry: a retried write
 * could make two). The answer is `{ message, referral }` (or, from older sandboxes, the referral
 * itself); a refusal that says the friend is known is a 409 `already_referred`.
 */
export async function createReferral(referralRock: ReferralRockClient, referralCode: string, friend: FriendReferralRequest): Promise<Referral> {
  const body: NewReferral = {
    referralCode,
    firstName: friend.firstName,
    email: friend.email,
    ...(friend.lastName !== undefined ? { lastName: friend.lastName } : {}),
    ...(friend.phone !== undefined ? { phoneNumber: friend.phone } : {}),
    ...(friend.note !== undefined ? { note: friend.note } : {}),
  };
  const answer = await referralRock.request<Record<string, unknown>>('POST', 'api/referrals', body, { retries: 0 });
  const referral = isReferral(answer.referral) ? answer.referral : isReferral(answer) ? answer : null;
  if (referral !== null) return referral;
  const message = String(answer.message ?? answer.Message ?? '');
  if (ALREADY_REFERRED.test(message)) throw new ApiError(409, 'already_referred', 'This friend has already been referred.');
  throw new UpstreamError(502, 'upstream_rejected', 'Referral Rock did not make the referral.', false, false);
}

const isReferral = (value: unknown): value is Referral =>
  typeof value === 'object' && value !== null && typeof (value as Referral).id === 'string';
