import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.js';
import { createMemberTokenVerifier, InvalidMemberToken, MAX_TOKEN_LENGTH, type MemberTokenRules, type VerifiedMember } from './member-token.js';

export type MemberAuthEnv = { Variables: { member: VerifiedMember } };

/**
 * Middleware: requires `Authorization: Bearer <member token>` and sets `c.var.member` — the only
 * place a member's identity comes from. Refused tokens end the request with 401 before any
 * upstream call. Pass a verifier built once (`verify`), token rules, or a single secret.
 *
 * @example app.get('/v1/me', memberAuth({ secret }), (c) => c.json(c.var.member))
 */
export function memberAuth(
  options: { secret: string } | MemberTokenRules | { verify: (token: string) => Promise<VerifiedMember> },
): MiddlewareHandler<MemberAuthEnv> {
  const verifyToken =
    'verify' in options ? options.verify
    : 'secrets' in options ? createMemberTokenVerifier(options)
    : createMemberTokenVerifier({ secrets: [{ secret: options.secret }] });
  return async function memberAuthMiddleware(c, next) {
    const authorization = c.req.header('authorization') ?? '';
    if (authorization.length > MAX_TOKEN_LENGTH + 16) {
      throw new ApiError(401, 'invalid_token', 'The member token is too long.', { 'www-authenticate': `Bearer error="invalid_token"` });
    }
    const match = /^Bearer\s+([A-Za-z0-9_\-.=]+)\s*$/i.exec(authorization);
    if (!match) {
      throw new ApiError(401, 'missing_token', 'Send the member token as "Authorization: Bearer <token>".', {
        'www-authenticate': 'Bearer',
      });
    }
    try {
      c.set('member', await verifyToken(match[1]!));
    } catch (err) {
      if (!(err instanceof InvalidMemberToken)) throw err;
      throw new ApiError(401, err.expired ? 'token_expired' : 'invalid_token', err.message, {
        'www-authenticate': `Bearer error="invalid_token"`,
      });
    }
    await next();
  };
}
