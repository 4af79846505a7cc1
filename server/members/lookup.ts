import type { Member, MemberList } from '../../types/referralrock.js';
import type { MemberClaim } from '../../types/v1.js';
import { ApiError } from '../http/errors.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';

/** Pages of `GET api/members` searched for the exact member before giving up (bounded work). */
const MEMBER_SEARCH_PAGES = 5;
const MEMBER_SEARCH_PAGE_SIZE = 100;

/**
 * Does `member` carry exactly the identifier the token names? E-mails, GUIDs and referral codes
 * ignore case (Referral Rock matches codes so); external ids keep it, as the cache keys do.
 */
export function isExactMatch(member: Member, claim: MemberClaim, value: string): boolean {
  if (claim === 'email') return sameIgnoringCase(member.email, value);
  if (claim === 'memberId') return sameIgnoringCase(member.id, value);
  if (claim === 'referralCode') return sameIgnoringCase(member.referralCode, value);
  return member.externalIdentifier === value;
}

/**
 * The Referral Rock id of the member a token names. `GET api/members?query=` is a fuzzy search
 * (it may list members whose fields merely contain the value, or another field that equals it),
 * so only a member whose identifier of the token's kind equals the token's value is accepted.
 */
export async function resolveMemberId(referralRock: ReferralRockClient, claim: MemberClaim, value: string): Promise<string> {
  if (claim === 'memberId') return value;
  for (let page = 0; page < MEMBER_SEARCH_PAGES; page++) {
    const offset = page * MEMBER_SEARCH_PAGE_SIZE;
    const params = new URLSearchParams({ query: value, offset: String(offset), count: String(MEMBER_SEARCH_PAGE_SIZE) });
    const list = await referralRock.request<MemberList>('GET', `api/members?${params}`);
    const members = Array.isArray(list.members) ? list.members : [];
    const match = members.find((m) => m && typeof m === 'object' && isExactMatch(m, claim, value));
    if (match && typeof match.id === 'string') return match.id;
    if (members.length < MEMBER_SEARCH_PAGE_SIZE || offset + members.length >= (list.total ?? 0)) break;
  }
  throw new ApiError(404, 'member_not_found', 'No Referral Rock member matches this token.');
}
