import { decode, sign, verify } from 'hono/jwt';
import { MEMBER_CLAIMS } from '../../shared/v1.js';
import type { MemberClaim } from '../../types/v1.js';
import type { MemberTokenSecret } from '../config.js';
import { importHmacKey } from '../lib/hmac.js';
import { LruCache } from '../lib/lru-cache.js';
import { personName } from '../lib/shown-text.js';

/**
 * Names one member: exactly one of the four identifiers, and optionally the member's program
 * (`programId`), which picks one when the identifier is in several programs (one e-mail, two programs).
 */
export type MemberIdentity = { [K in MemberClaim]: { [P in K]: string } & { [P in Exclude<MemberClaim, K>]?: never } }[MemberClaim] & {
  programId?: string;
};

/** Longest display name passed on from a token's `name` claim; a longer one is cut. */
const MAX_NAME_LENGTH = 200;
/** Longest `programId` claim accepted (a GUID is 36). */
const MAX_PROGRAM_ID_LENGTH = 100;

/** A verified member token. */
export interface VerifiedMember {
  claim: MemberClaim;
  value: string;
  /** Optional display name the host site put in the token. */
  name: string | null;
  /** The member's program, when the token names one (present only then). */
  programId?: string;
}

export interface SignMemberTokenOptions {
  /** Lifetime in seconds (default 600). */
  expiresIn?: number;
  /** A display name for the widget's greeting. */
  name?: string;
  /** Names the secret in the header, for rotation with `MEMBER_TOKEN_SECRET=kid:secret,…`. */
  kid?: string;
  audience?: string;
  issuer?: string;
}

/** Longest token accepted, in characters: anything longer is refused before it is parsed. */
export const MAX_TOKEN_LENGTH = 4096;
/** Clock difference tolerated between the host site's server and ours, in seconds. */
export const CLOCK_SKEW_SECONDS = 30;

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
  { expiresIn = 600, name, kid, audience, issuer }: SignMemberTokenOptions = {},
): Promise<string> {
  const present = MEMBER_CLAIMS.filter((claim) => typeof identity[claim] === 'string' && identity[claim] !== '');
  if (present.length !== 1) throw new TypeError(`A member token names exactly one of ${MEMBER_CLAIMS.join(', ')}.`);
  if (!secret) throw new TypeError('A member token needs a secret.');
  const now = Math.floor(Date.now() / 1000);
  const claim = present[0]!;
  const { programId } = identity;
  if (programId !== undefined && (typeof programId !== 'string' || programId.trim() === '' || programId.length > MAX_PROGRAM_ID_LENGTH)) {
    throw new TypeError(`A member token's programId is a non-empty string of at most ${MAX_PROGRAM_ID_LENGTH} characters.`);
  }
  const payload = {
    [claim]: identity[claim],
    ...(programId ? { programId } : {}),
    ...(name ? { name } : {}),
    ...(audience ? { aud: audience } : {}),
    ...(issuer ? { iss: issuer } : {}),
    iat: now,
    exp: now + expiresIn,
  };
  // A JWK carries the kid into the header; a bare string signs without one.
  const key = kid ? { kty: 'oct', k: base64url(new TextEncoder().encode(secret)), alg: 'HS256', kid } : secret;
  return sign(payload, key, 'HS256');
}

/** Why a token was refused: the sentence is safe to show the client. */
export class InvalidMemberToken extends Error {
  constructor(message: string, readonly expired = false) {
    super(message);
  }
}

export interface MemberTokenRules {
  /** Any of these verifies (rotation); a token whose `kid` names one is checked against it alone. */
  secrets: MemberTokenSecret[];
  /** Longest remaining life accepted (`exp` − now), in seconds. Default 3600. */
  maxAgeSeconds?: number;
  audience?: string;
  issuer?: string;
}

/**
 * Builds the verifier of member tokens: HS256 only (the header's `alg` must say so), signature by
 * any configured secret, `exp` required and no further than `maxAgeSeconds` ahead, `iat`/`nbf`
 * not in the future, `aud`/`iss` when configured, exactly one member claim. Keys are imported once,
 * and a token already verified is answered from a small cache until it expires.
 *
 * @example
 * const verifyToken = createMemberTokenVerifier({ secrets: [{ secret }] })
 * const member = await verifyToken(token) // throws InvalidMemberToken
 */
export function createMemberTokenVerifier(rules: MemberTokenRules): (token: string) => Promise<VerifiedMember> {
  if (rules.secrets.length === 0) throw new TypeError('A member token verifier needs at least one secret.');
  const maxAge = rules.maxAgeSeconds ?? 3600;
  const keys = rules.secrets.map((s) => ({ kid: s.kid, key: importHmacKey(s.secret, ['verify']) }));
  const verified = new LruCache<string, { member: VerifiedMember; exp: number }>(10_000);

  return async function verifyToken(token: string): Promise<VerifiedMember> {
    const now = Math.floor(Date.now() / 1000);
    const known = verified.get(token);
    if (known) {
      if (known.exp > now - CLOCK_SKEW_SECONDS) return known.member;
      verified.delete(token);
      throw new InvalidMemberToken('The member token has expired.', true);
    }
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidMemberToken('The member token is too long.');

    let header: { kid?: unknown };
    try {
      header = decode(token).header as { kid?: unknown };
    } catch {
      throw new InvalidMemberToken('The member token is not valid.');
    }
    const named = typeof header.kid === 'string' ? keys.filter((k) => k.kid === header.kid) : [];
    let payload: Record<string, unknown> | undefined;
    for (const { key } of named.length > 0 ? named : keys) {
      try {
        // Claims are checked below with clock skew; hono checks the header, alg and signature.
        payload = await verify(token, await key, { alg: 'HS256', exp: false, nbf: false, iat: false });
        break;
      } catch {
        // try the next secret
      }
    }
    if (!payload) throw new InvalidMemberToken('The member token is not valid.');

    const member = checkClaims(payload, now, maxAge, rules);
    verified.set(token, { member, exp: payload.exp as number });
    return member;
  };
}

function checkClaims(payload: Record<string, unknown>, now: number, maxAge: number, rules: MemberTokenRules): VerifiedMember {
  const { exp, iat, nbf } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new InvalidMemberToken('The member token has no expiry (exp).');
  if (exp <= now - CLOCK_SKEW_SECONDS) throw new InvalidMemberToken('The member token has expired.', true);
  if (exp > now + maxAge + CLOCK_SKEW_SECONDS) {
    throw new InvalidMemberToken(`The member token lives too long: exp may be at most ${maxAge} seconds ahead.`);
  }
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat) || iat > now + CLOCK_SKEW_SECONDS || exp - iat > maxAge + CLOCK_SKEW_SECONDS)) {
    throw new InvalidMemberToken('The member token’s issue time (iat) is not valid.');
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + CLOCK_SKEW_SECONDS)) {
    throw new InvalidMemberToken('The member token is not valid yet (nbf).');
  }
  if (rules.audience !== undefined) {
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.includes(rules.audience)) throw new InvalidMemberToken('The member token is meant for another audience (aud).');
  }
  if (rules.issuer !== undefined && payload.iss !== rules.issuer) {
    throw new InvalidMemberToken('The member token comes from another issuer (iss).');
  }
  const present = MEMBER_CLAIMS.filter((claim) => payload[claim] !== undefined);
  if (present.length !== 1) {
    throw new InvalidMemberToken(`The member token must name exactly one of ${MEMBER_CLAIMS.join(', ')}.`);
  }
  const claim = present[0]!;
  const value = payload[claim];
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    throw new InvalidMemberToken(`The member token's ${claim} is not a valid identifier.`);
  }
  // Shown in the card's heading: a name only (no e-mail address or phone, no invisible characters).
  const name = personName(payload.name, MAX_NAME_LENGTH);
  const { programId } = payload;
  if (programId === undefined) return { claim, value, name };
  if (typeof programId !== 'string' || programId.trim() === '' || programId.length > MAX_PROGRAM_ID_LENGTH) {
    throw new InvalidMemberToken('The member token\'s programId is not a valid identifier.');
  }
  return { claim, value, name, programId };
}

/**
 * Verifies one member token against one secret (or full rules). For many tokens, build a verifier
 * once with {@link createMemberTokenVerifier}. Throws {@link InvalidMemberToken}.
 */
export function verifyMemberToken(token: string, secretOrRules: string | MemberTokenRules): Promise<VerifiedMember> {
  const rules = typeof secretOrRules === 'string' ? { secrets: [{ secret: secretOrRules }] } : secretOrRules;
  return createMemberTokenVerifier(rules)(token);
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
