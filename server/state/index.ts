import type { Logger } from '../http/logging.js';
import type { SharedStateConfig } from './config.js';
import { MemorySharedState } from './memory-state.js';
import type { SharedState } from './types.js';

export type { CacheStore, EntryName, Invalidation, LeaseStore, SetOptions, SharedState, SharedStateStatus } from './types.js';
export { loadShared, type LoadSource, type SharedLoadOptions } from './shared-load.js';
export { MemorySharedState } from './memory-state.js';
export { DurableObjectSharedState, type DurableObjectNamespaceLike, type DurableObjectStubLike, type DurableStateOptions } from './durable-state.js';
export { SharedStateObject } from './durable-object.js';
export { readSharedStateConfig, type SharedStateConfig } from './config.js';
export { MemoryRateLimitStore, type BucketRule, type RateLimitStore, type TakeResult } from './token-buckets.js';

/**
 * The shared state this deployment asked for: memory without `REDIS_URL` (no Redis needed),
 * else Redis with a memory fallback. The Redis client is imported only then, so an app without
 * Redis never loads it. (Workers share state through Durable Objects: `DurableObjectSharedState`.)
 *
 * @example
 * const state = await createSharedState({ config, log, maxEntries: 10_000 })
 * app.get('/readyz', (c) => c.json({ sharedState: state.status() }))
 */
export async function createSharedState(options: { config: SharedStateConfig; log: Logger; maxEntries?: number; probeEveryMs?: number }): Promise<SharedState> {
  const { config, log } = options;
  if (config.redisUrl === undefined) return new MemorySharedState({ maxEntries: options.maxEntries, prefix: config.prefix });
  const [{ connectRedis }, { RedisSharedState }, { ResilientSharedState }] = await Promise.all([
    importRedisConnection(),
    import('./redis-state.js'),
    import('./resilient-state.js'),
  ]);
  let reportedConnectionError = false;
  const port = connectRedis({
    url: config.redisUrl,
    // The wrapper logs the switch to memory; the client's own errors repeat on every retry: log the first only.
    onError: (err) => {
      if (reportedConnectionError) return;
      reportedConnectionError = true;
      log({ level: 'warn', msg: 'redis connection error', reason: err instanceof Error ? err.name : 'error' });
    },
  });
  const state = new ResilientSharedState({
    primary: new RedisSharedState(port, { prefix: config.prefix }),
    log,
    prefix: config.prefix,
    deadlineMs: config.deadlineMs,
    probeEveryMs: options.probeEveryMs,
    maxEntries: options.maxEntries,
  });
  await state.start();
  return state;
}

/**
 * The Redis client's module, imported only when `REDIS_URL` is set: `redis` is an optional peer
 * dependency (a widget-only install never gets it). Missing, the error says what to install.
 *
 * @example const { connectRedis } = await importRedisConnection()
 */
export async function importRedisConnection(load: () => Promise<typeof import('./redis-connection.js')> = () => import('./redis-connection.js')) {
  try {
    return await load();
  } catch (err) {
    if (!/Cannot find (?:package|module) ['"](?:redis|@redis\/[\w-]+)['"]/.test((err as Error).message ?? '')) throw err;
    throw new Error('REDIS_URL is set, but the package "redis" is not installed (an optional peer dependency): run `npm install redis`, or unset REDIS_URL to keep the state in memory.');
  }
}
