import { sign, verify } from 'hono/jwt';
import { MEMBER_CLAIMS, type MemberClaim } from '../types/api.js';

/** Names one member: exactly one of the four identifiers. */
export type MemberIdentity = { [K in MemberClaim]: { [P in K]: string } & { [P in Exclude<MemberClaim, K>]?: never } }[MemberClaim];

/** A verified member token. */
export interface VerifiedMember {
  claim: MemberClaim;
  value: string;
  /** Optional display name the host site put in the token. */
  name: string | null;
}

export interface SignMemberTokenOptions {
  /** Lifetime in seconds (default 600). */
  expiresIn?: number;
  /** A display name for the widget's greeting. */
  name?: string;
}

/**
 * Signs a member token (HS256 JWT) for the widget. Call it in the host site's backend, after the
 * host has authenticated the member itself.
 *
 * @example
 * const token = await signMemberToken({ email: 'ada@example.com' }, process.env.MEMBER_TOKEN_SECRET!)
 */
export async function signMemberToken(
  identity: MemberIdentity,
  secret: string,
  { expiresIn = 600, name }: SignMemberTokenOptions = {},
): Promise<string> {
  const present = MEMBER_CLAIMS.filter((claim) => typeof identity[claim] === 'string' && identity[claim] !== '');
  if (present.length !== 1) throw new TypeError(`A member token names exactly one of ${MEMBER_CLAIMS.join(', ')}.`);
  if (!secret) throw new TypeError('A member token needs a secret.');
  const now = Math.floor(Date.now() / 1000);
  const claim = present[0]!;
  return sign({ [claim]: identity[claim], ...(name ? { name } : {}), iat: now, exp: now + expiresIn }, secret, 'HS256');
}

/** Why a token was refused: the sentence is safe to show the client. */
export class InvalidMemberToken extends Error {}

/**
 * Verifies a member token: HS256 only, signature, `exp` required and in the future, and exactly
 * one member claim. Throws {@link InvalidMemberToken}.
 */
export async function verifyMemberToken(token: string, secret: string): Promise<VerifiedMember> {
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, secret, 'HS256');
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'JwtTokenExpired') throw new InvalidMemberToken('The member token has expired.');
    throw new InvalidMemberToken('The member token is not valid.');
  }
  if (typeof payload.exp !== 'number') throw new InvalidMemberToken('The member token has no expiry (exp).');
  const present = MEMBER_CLAIMS.filter((claim) => payload[claim] !== undefined);
  if (present.length !== 1) {
    throw new InvalidMemberToken(`The member token must name exactly one of ${MEMBER_CLAIMS.join(', ')}.`);
  }
  const claim = present[0]!;
  const value = payload[claim];
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    throw new InvalidMemberToken(`The member token's ${claim} is not a valid identifier.`);
  }
  const name = typeof payload.name === 'string' && payload.name.trim() !== '' ? payload.name.slice(0, 200) : null;
  return { claim, value, name };
}
