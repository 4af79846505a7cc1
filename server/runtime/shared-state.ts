import type { ServerConfig } from '../config.js';
import type { Logger } from '../http/logging.js';
import { createSharedState, type SharedState } from '../state/index.js';

/**
 * The shared state a listening entry (Node, Bun, Deno) opens at start, from `REDIS_URL`,
 * `REDIS_PREFIX` and `REDIS_TIMEOUT_MS`: Redis with a memory fallback, or memory alone (no Redis
 * needed). Never fails on an absent Redis: the instance starts on memory and switches over by
 * itself. Workers share state through a Durable Object instead (no Redis in their bundle).
 *
 * @example const sharedState = await openSharedState(config, log) // … await sharedState.close()
 */
export function openSharedState(config: ServerConfig, log: Logger): Promise<SharedState> {
  return createSharedState({ config: config.sharedState, log, maxEntries: config.cacheMaxEntries });
}
