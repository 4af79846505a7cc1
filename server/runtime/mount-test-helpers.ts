/** Shared by the tests that mount the backend in a shop's own Node server (Express, Fastify, Koa, node:http). */
import { serve, type ServerType } from '@hono/node-server';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SANDBOX_API_KEY } from '../config.js';
import type { LogEntry } from '../http/logging.js';
import { createSandbox, type SandboxApp } from '../sandbox/app.js';
import { signMemberToken } from '../security/member-token.js';
import { parseApiKey } from '../upstream/api-key.js';

export const SECRET = 'mount-test-secret-0123456789-abcdefghijkl';
export const WEBHOOK_SECRET = 'mount-test-webhook-secret-0123';
export const SANDBOX_BASIC = `Basic ${btoa(DEFAULT_SANDBOX_API_KEY)}`;

export const adaToken = () => signMemberToken({ email: 'ada@example.com' }, SECRET, { name: 'Ada' });

/** What a client got back: status, headers and the body as text. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP request from the client address `from` (127.0.0.2, 127.0.0.3: a visitor each), on its
 * own connection. Bounded: no answer within 10 s fails the test.
 */
export function httpFrom(from: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', localAddress: from, headers: init.headers, agent: false, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Listens on a free port of 127.0.0.1; the origin it answers at. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes a server with its idle connections. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/**
 * Log lines kept as entries, and a wait for the first entry that matches (event-driven: the line's
 * arrival settles it, no polling).
 */
export function logWatch() {
  const entries: LogEntry[] = [];
  const waiting: { matches: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }[] = [];
  const log = (line: string) => {
    if (!line.startsWith('{')) return;
    const entry = JSON.parse(line) as LogEntry;
    entries.push(entry);
    for (const wait of [...waiting]) {
      if (wait.matches(entry)) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(entry);
      }
    }
  };
  const next = (matches: (entry: LogEntry) => boolean): Promise<LogEntry> => new Promise((resolve) => waiting.push({ matches, resolve }));
  return { log, entries, next };
}

/** Referral Rock's stand-in for live mode: the sandbox alone, over real HTTP on a free port. */
export async function upstreamSandbox(): Promise<{ url: string; sandbox: SandboxApp; close: () => Promise<void> }> {
  const sandbox = createSandbox({ basicAuth: (parseApiKey(DEFAULT_SANDBOX_API_KEY) as { basic: string }).basic, hookRetryDelaysMs: [] });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: sandbox.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sandbox,
    close: async () => {
      await sandbox.hooksIdle();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The configuration of a mounted backend in `mode`; live mode names the upstream and this mount's public URL. */
export function mountEnv(mode: 'live' | 'sandbox', origin: string, upstreamUrl?: string): Record<string, string> {
  const common = { MEMBER_TOKEN_SECRET: SECRET, RATE_LIMIT_IP_PER_MIN: '4', STATS_TTL_SECONDS: '3600', WEBHOOK_SECRET };
  if (mode === 'sandbox') return common;
  return { ...common, REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY, REFERRALROCK_API_URL: upstreamUrl!, PUBLIC_URL: `${origin}/rewards` };
}

/** A new referral of Ada's, as JSON for the sandbox's `POST api/referrals`. */
export const adasNewReferral = (email: string) => JSON.stringify({ referralCode: 'ADA2024', firstName: 'Friend', email });
