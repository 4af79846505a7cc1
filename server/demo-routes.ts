import { Hono } from 'hono';
import { ApiError } from './errors.js';
import { signMemberToken } from './member-token.js';
import type { SandboxState } from './sandbox/store.js';

/**
 * Demo-only routes, mounted in sandbox mode alone: the sandbox's members and a token for any of
 * them. A live deployment never has these: there, only the host site's backend mints tokens.
 */
export function demoRoutes(options: { secret: string; state: SandboxState }) {
  const app = new Hono();
  app.get('/members', (c) =>
    c.json(options.state.members.filter((m) => !m.disabledFlag).map((m) => ({ email: m.email, name: m.displayName }))),
  );
  app.get('/token', async (c) => {
    const email = c.req.query('email') ?? '';
    const member = options.state.members.find((m) => m.email === email.toLowerCase());
    if (!member) throw new ApiError(404, 'member_not_found', 'No sandbox member has this email; see GET /demo/members.');
    const token = await signMemberToken({ email: member.email }, options.secret, { name: member.firstName, expiresIn: 600 });
    c.header('cache-control', 'no-store');
    return c.json({ token });
  });
  return app;
}
