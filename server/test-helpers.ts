/** Shared by the server's tests: an app wired to its own sandbox, with upstream calls counted. */
import { sign } from 'hono/jwt';
import { createApp } from './app.js';
import { loadConfig } from './config.js';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';

/**
 * The app in sandbox mode; its upstream fetch goes straight into the app (no sockets), so every
 * upstream call is seen and counted.
 */
export function sandboxApp(env: Record<string, string> = {}) {
  const config = loadConfig({ MEMBER_TOKEN_SECRET: SECRET, ...env });
  const upstreamCalls: string[] = [];
  const app = createApp(config, {
    fetch: (input, init) => {
      const request = new Request(input, init);
      upstreamCalls.push(`${request.method} ${new URL(request.url).pathname}`);
      return Promise.resolve(app.request(request));
    },
  });
  return { app, config, upstreamCalls };
}

/** A token with any claims and header, signed with `secret` (HS256 unless told). */
export async function rawToken(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return sign(claims as Parameters<typeof sign>[0], secret, 'HS256');
}

export const inMinutes = (minutes: number): number => Math.floor(Date.now() / 1000) + minutes * 60;

export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
