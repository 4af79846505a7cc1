import { DEFAULT_PREFIX } from './keyspace.js';

/*
 * The shared-state settings, apart from `index.ts` (which loads the Redis client on demand): the
 * configuration reads them on every runtime, Workers included, without pulling Redis in.
 */

/** The shared-state settings, read from the environment. */
export interface SharedStateConfig {
  /** `REDIS_URL`; undefined keeps everything in memory. */
  redisUrl: string | undefined;
  /** `REDIS_PREFIX`, default `referral-share:`. */
  prefix: string;
  /** `REDIS_TIMEOUT_MS`, default 50: the deadline of one Redis call. */
  deadlineMs: number;
}

/**
 * Reads `REDIS_URL`, `REDIS_PREFIX` and `REDIS_TIMEOUT_MS`; mistakes come back one line each
 * (never echoing the URL, which may hold a password).
 *
 * @example
 * const { config, errors } = readSharedStateConfig(process.env)
 */
export function readSharedStateConfig(env: Record<string, string | undefined>): { config: SharedStateConfig; errors: string[] } {
  const errors: string[] = [];
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(redisUrl).protocol;
    } catch {
      // Reported below.
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:') errors.push('REDIS_URL must be a redis:// or rediss:// URL.');
  }
  const prefix = env.REDIS_PREFIX ?? DEFAULT_PREFIX;
  if (!/^[\w.:-]{1,64}$/.test(prefix)) errors.push('REDIS_PREFIX must be 1–64 letters, digits, or . _ : -');
  const deadlineText = env.REDIS_TIMEOUT_MS ?? '50';
  const deadlineMs = Number(deadlineText);
  if (!/^\d+$/.test(deadlineText) || deadlineMs < 1 || deadlineMs > 10_000) errors.push('REDIS_TIMEOUT_MS must be a whole number of milliseconds, 1 to 10000.');
  return { config: { redisUrl, prefix, deadlineMs }, errors };
}
