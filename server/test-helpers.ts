/** Shared by the server's tests: an app wired to its own sandbox, with upstream calls counted. */
import { sign } from 'hono/jwt';
import { createApp, createAppParts, type AppDependencies } from './app.js';
import { DEFAULT_SANDBOX_API_KEY, loadConfig } from './config.js';
import type { LogEntry } from './http/logging.js';
import { mountSandbox, type SandboxMountOptions } from './runtime/sandbox-mount.js';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';

/**
 * The app in sandbox mode (or live mode, when `env` has an API key); its upstream fetch goes straight into the app (no sockets), so every
 * upstream call is seen and counted. Log entries are kept in `logs` (as JSON lines).
 */
export function sandboxApp(env: Record<string, string> = {}, deps: AppDependencies = {}, sandbox: SandboxMountOptions = {}) {
  const config = loadConfig({ MEMBER_TOKEN_SECRET: SECRET, ...env });
  const upstreamCalls: string[] = [];
  const logs: string[] = [];
  const appDeps: AppDependencies = {
    log: (entry: LogEntry) => logs.push(JSON.stringify(entry)),
    fetch: (input, init) => {
      const request = new Request(input, init);
      upstreamCalls.push(`${request.method} ${new URL(request.url).pathname}`);
      // Like a real fetch, give up when the caller's signal aborts (a hanging upstream).
      return new Promise<Response>((resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
        Promise.resolve(app.request(request)).then(resolve, reject);
      });
    },
    ...deps,
  };
  const parts = createAppParts(config, appDeps);
  const app = createApp(config, appDeps, parts);
  // As the entries do: the sandbox is added in sandbox mode only.
  if (config.mode === 'sandbox') mountSandbox(app, config, parts, sandbox);
  /** Calls that reached the sandbox's API (fault control calls aside). */
  const apiCalls = () => upstreamCalls.filter((call) => call.includes('/api/'));
  return { app, parts, config, upstreamCalls, apiCalls, logs };
}

/** A token with any claims and header, signed with `secret` (HS256 unless told). */
export async function rawToken(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return sign(claims as Parameters<typeof sign>[0], secret, 'HS256');
}

export const inMinutes = (minutes: number): number => Math.floor(Date.now() / 1000) + minutes * 60;

export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** The default sandbox key, as the `Authorization` header its `api/*` and `/_faults` require. */
export const SANDBOX_AUTH = { authorization: `Basic ${btoa(DEFAULT_SANDBOX_API_KEY)}` };

/** Sets the sandbox's faults through its control route (no upstream call is counted for it). */
export async function setFaults(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, faults: Record<string, unknown>) {
  const res = await app.request('/sandbox/_faults', { method: 'POST', headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  if (!res.ok) throw new Error(`faults refused: ${await res.text()}`);
}

/**
 * Polls `condition` until it holds, for what is real and asynchronous (a server starting, pub/sub,
 * a client reconnecting); throws after `timeout` ms naming `what`.
 *
 * @example await until(() => state.status() === 'redis', { what: 'back on redis', timeout: 5000 })
 */
export async function until(condition: () => boolean | Promise<boolean>, { timeout = 15_000, what = 'the condition', every = 20 } = {}): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeout} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** A promise settled from outside. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
