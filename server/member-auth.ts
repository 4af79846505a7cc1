import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import { InvalidMemberToken, verifyMemberToken, type VerifiedMember } from './member-token.js';

export type MemberAuthEnv = { Variables: { member: VerifiedMember } };

/**
 * Middleware: requires `Authorization: Bearer <member token>` and sets `c.var.member`.
 * Refused tokens end the request with 401 before any upstream call.
 *
 * @example app.get('/v1/me', memberAuth({ secret }), (c) => c.json(c.var.member))
 */
export function memberAuth(options: { secret: string }): MiddlewareHandler<MemberAuthEnv> {
  const { secret } = options;
  return async function memberAuthMiddleware(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9_\-.=]+)\s*$/i.exec(header);
    if (!match) {
      throw new ApiError(401, 'missing_token', 'Send the member token as "Authorization: Bearer <token>".', {
        'www-authenticate': 'Bearer',
      });
    }
    try {
      c.set('member', await verifyMemberToken(match[1]!, secret));
    } catch (err) {
      if (!(err instanceof InvalidMemberToken)) throw err;
      const code = /expired/.test(err.message) ? 'token_expired' : 'invalid_token';
      throw new ApiError(401, code, err.message, { 'www-authenticate': `Bearer error="invalid_token"` });
    }
    await next();
  };
}
