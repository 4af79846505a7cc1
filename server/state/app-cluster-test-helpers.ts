/** Shared by tests that run instances of the app in live mode against one sandbox, on one real redis-server or alone. */
import { createApp } from '../app.js';
import { DEFAULT_SANDBOX_API_KEY, loadConfig } from '../config.js';
import type { LogEntry } from '../http/logging.js';
import { createSandbox } from '../sandbox/app.js';
import type { SandboxState } from '../sandbox/store.js';
import { createSeedState } from '../sandbox/seed.js';
import { SECRET } from '../test-helpers.js';
import { createSharedState, readSharedStateConfig, type SharedState } from './index.js';
import type { RedisTestServer } from './redis-test-helpers.js';

export const CLUSTER_WEBHOOK_SECRET = 'hook-secret-0123456789';
let deployments = 0;

/**
 * `count` apps in live mode against one sandbox (of `state`), each with its own Redis connection,
 * under a prefix of their own (without `redis`: one app, its state in its own memory); upstream
 * calls counted (`calls`). Close the `states` when done.
 *
 * @example
 * const { apps: [a, b], calls, states } = await liveApps({ redis, count: 2 })
 * after(() => Promise.all(states.map((s) => s.close())))
 */
export async function liveApps(options: {
  redis?: RedisTestServer;
  count?: number;
  state?: SandboxState;
  env?: Record<string, string>;
  /** Each instance's shared state, made by the test (e.g. over a Redis port that counts calls) instead of from `redis`. */
  sharedStateOf?: () => Promise<SharedState>;
  log?: (entry: LogEntry) => void;
} = {}) {
  const { redis, count = 1 } = options;
  const sandbox = createSandbox({ basicAuth: btoa(DEFAULT_SANDBOX_API_KEY), state: options.state ?? createSeedState() });
  const calls: string[] = [];
  const redisEnv: Record<string, string> = redis ? { REDIS_URL: redis.url, REDIS_PREFIX: `cluster${deployments++}:`, REDIS_TIMEOUT_MS: '1000' } : {};
  const config = loadConfig({
    REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY, REFERRALROCK_API_URL: 'https://upstream.test', MEMBER_TOKEN_SECRET: SECRET,
    WEBHOOK_SECRET: CLUSTER_WEBHOOK_SECRET, ...redisEnv, ...options.env,
  });
  const states: SharedState[] = [];
  const apps = [];
  for (let i = 0; i < count; i++) {
    const sharedState = options.sharedStateOf
      ? await options.sharedStateOf()
      : redis && (await createSharedState({ config: readSharedStateConfig(redisEnv).config, log: () => {}, probeEveryMs: 100 }));
    if (sharedState) states.push(sharedState);
    apps.push(createApp(config, {
      log: options.log ?? (() => {}),
      ...(sharedState ? { sharedState } : {}),
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const url = new URL(request.url);
        if (url.pathname.startsWith('/api/')) calls.push(`${request.method} ${url.pathname}`);
        return sandbox.fetch(new Request(`http://sandbox.local${url.pathname}${url.search}`, request));
      },
    }));
  }
  return { apps, calls, sandbox, states };
}
