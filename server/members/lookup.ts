import type { Member, MemberList } from '../../types/referralrock.js';
import type { MemberClaim } from '../../types/v1.js';
import { ApiError } from '../http/errors.js';
import type { ReferralRockClient } from '../upstream/client.js';
import { foldAsciiCase, sameIgnoringCase } from '../lib/ignoring-case.js';
import { composeKey } from '../lib/composite-key.js';
import { listItems } from '../upstream/lists.js';

/** Pages of `GET api/members` searched for the exact member before giving up (bounded work). */
const MEMBER_SEARCH_PAGES = 5;
const MEMBER_SEARCH_PAGE_SIZE = 100;

/**
 * The member a token names, as Referral Rock keeps it: what the backend asks upstream by (`id`),
 * and every other name an event may call the member by (the webhook receiver's aliases).
 */
export interface ResolvedMember {
  id: string;
  programId: string | null;
  referralCode: string | null;
  email: string | null;
  externalId: string | null;
  /** The member's phone, for refusing a referral of the member's own number (absent in entries cached before it was kept). */
  phone?: string | null;
}

/** What a token asks to be resolved: one claim, and the program when the token names one. */
export interface MemberQuery {
  claim: MemberClaim;
  value: string;
  programId?: string | null;
}

/**
 * The key one member identifier is known by: e-mails, GUIDs and referral codes ignore the case of
 * ASCII letters (and of nothing else: `foldAsciiCase`); external ids keep it, since two members may
 * differ by case alone. Nothing is trimmed. Built by `composeKey`: no value can pass for another.
 *
 * @example identifierKey('email', 'Ada@Example.com') // '["email","ada@example.com"]'
 */
export const identifierKey = (claim: MemberClaim, value: string): string => composeKey(claim, normalisedValue(claim, value));

/**
 * The key a token's lookup is cached under: its claim, its value and its program (null without
 * one), each a part of its own. `{ email: 'ada@example.com', programId: 'p-1' }` and
 * `{ email: 'ada@example.com@p-1' }` are two lookups, never one.
 *
 * @example lookupKey('email', 'Ada@Example.com', 'P-1') // '["email","ada@example.com","p-1"]'
 */
export const lookupKey = (claim: MemberClaim, value: string, programId?: string | null): string =>
  composeKey(claim, normalisedValue(claim, value), programId ? foldAsciiCase(programId) : null);

const normalisedValue = (claim: MemberClaim, value: string): string => (claim === 'externalId' ? value : foldAsciiCase(value));

/**
 * Does `member` carry exactly the identifier the token names (and the program, when it names one)?
 * E-mails, GUIDs and referral codes ignore ASCII case (Referral Rock matches codes so); external ids
 * keep it, as the cache keys do.
 */
export function isExactMatch(member: Member, claim: MemberClaim, value: string, programId?: string | null): boolean {
  if (programId && !sameIgnoringCase(member.programId, programId)) return false;
  if (claim === 'email') return sameIgnoringCase(member.email, value);
  if (claim === 'memberId') return sameIgnoringCase(member.id, value);
  if (claim === 'referralCode') return sameIgnoringCase(member.referralCode, value);
  return member.externalIdentifier === value;
}

/**
 * The member a token names, by exact match. `GET api/members?query=` is documented as an exact
 * match on one identifier — "a member must have this value as its email address, internal id,
 * external id, referral code" — not a free-text search; but on *any* of them, so a member whose
 * *other* field equals the value is listed too (an external id set to someone's e-mail), and a
 * value equal to a member id returns that member whatever the filters. Only a member whose field of
 * the token's kind equals the token's value is accepted. Two such members (one e-mail in two
 * programs) are a clear `409 member_ambiguous`, never a guess: the token's `programId` claim picks
 * one. Only an empty list means "no such member": a list that reports an error in its `message` is
 * Referral Rock failing (`listItems`).
 *
 * @example
 * const ada = await resolveMember(referralRock, { claim: 'email', value: 'ada@example.com' })
 * await referralRock.memberStats(ada.id, 'All')
 */
export async function resolveMember(referralRock: ReferralRockClient, query: MemberQuery): Promise<ResolvedMember> {
  const { claim, value, programId } = query;
  const matches = new Map<string, Member>();
  for (let page = 0; page < MEMBER_SEARCH_PAGES; page++) {
    const offset = page * MEMBER_SEARCH_PAGE_SIZE;
    const params = new URLSearchParams({ query: value, offset: String(offset), count: String(MEMBER_SEARCH_PAGE_SIZE) });
    if (programId) params.set('programId', programId);
    const list = await referralRock.request<MemberList>('GET', `api/members?${params}`);
    const members = listItems<Member>(list, 'members');
    for (const m of members) {
      if (m && typeof m === 'object' && typeof m.id === 'string' && m.id !== '' && isExactMatch(m, claim, value, programId)) {
        matches.set(foldAsciiCase(m.id), m);
      }
    }
    if (members.length < MEMBER_SEARCH_PAGE_SIZE || offset + members.length >= (list.total ?? 0)) break;
  }
  if (matches.size > 1) {
    throw new ApiError(409, 'member_ambiguous',
      `${matches.size} Referral Rock members match this token (one per program); name the member's program with a programId claim.`);
  }
  const [member] = matches.values();
  if (!member) throw new ApiError(404, 'member_not_found', 'No Referral Rock member matches this token.');
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    id: member.id,
    programId: text(member.programId),
    referralCode: text(member.referralCode),
    email: text(member.email),
    externalId: text(member.externalIdentifier),
    phone: text(member.phone),
  };
}
