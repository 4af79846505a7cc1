/**
 * The Worker's shared state: the Durable Object namespace bound as `SHARED_STATE` (class
 * `SharedStateObject`, exported by the Worker entry), or nothing — then each isolate keeps its own
 * caches and buckets.
 */
import { ConfigError } from '../config.js';
import { jsonLineLogger, type Logger } from '../http/logging.js';
import { DurableObjectSharedState, type DurableObjectNamespaceLike } from '../state/durable-state.js';
import { ResilientSharedState } from '../state/resilient-state.js';
import type { SharedState } from '../state/types.js';

/** The binding's name, in `wrangler.toml` and docs/scaling.md. */
export const SHARED_STATE_BINDING = 'SHARED_STATE';
/** A failing object is logged at most this often per isolate (each failure would repeat per request). */
const FALLBACK_LOG_EVERY_MS = 60_000;

/**
 * The shared state of a Worker's bindings: Durable Objects (wrapped as Redis is: a failing object
 * call is answered by this isolate, see `ResilientSharedState`) when `SHARED_STATE` is bound, undefined
 * when it is not. A `SHARED_STATE` that is not a Durable Object namespace (a var of that name, say)
 * is a configuration error, never a silent fall back to per-isolate state.
 *
 * @example
 * const sharedState = durableSharedState(bindings) // SHARED_STATE: [[durable_objects.bindings]]
 * createFetchHandler(config, { ...deps, sharedState })
 */
export function durableSharedState(bindings: Record<string, unknown>, log: Logger = jsonLineLogger): SharedState | undefined {
  const binding = bindings[SHARED_STATE_BINDING];
  if (binding === undefined) return undefined;
  if (!isNamespace(binding)) {
    throw new ConfigError([`${SHARED_STATE_BINDING} must be a Durable Object namespace binding of class SharedStateObject (see wrangler.toml), or absent.`]);
  }
  let loggedAt = -Infinity;
  const onFallback = (err: unknown) => {
    if (Date.now() - loggedAt < FALLBACK_LOG_EVERY_MS) return;
    loggedAt = Date.now();
    log({ level: 'warn', msg: 'shared state object call failed, answered by this isolate alone', reason: err instanceof Error ? err.message.slice(0, 200) : 'error' });
  };
  return new ResilientSharedState({ primary: new DurableObjectSharedState(binding), log, onFallback });
}

function isNamespace(value: unknown): value is DurableObjectNamespaceLike {
  const candidate = value as Partial<DurableObjectNamespaceLike> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.idFromName === 'function' && typeof candidate.get === 'function';
}
