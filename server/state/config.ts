import { DEFAULT_PREFIX } from './keyspace.js';

/*
 * The shared-state settings, apart from `index.ts` (which loads the Redis client on demand): the
 * configuration reads them on every runtime, Workers included, without pulling Redis in.
 */

/** The shared-state settings, read from the environment. */
export interface SharedStateConfig {
  /** `REDIS_URL`; undefined keeps everything in memory. */
  redisUrl: string | undefined;
  /** `REDIS_PREFIX`, default `referral-share:`: a name without `:`, always followed by one `:`. */
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
    let url: URL | undefined;
    try {
      url = new URL(redisUrl);
    } catch {
      // Reported below.
    }
    if (url?.protocol !== 'redis:' && url?.protocol !== 'rediss:') errors.push('REDIS_URL must be a redis:// or rediss:// URL.');
    else if (!decodes(url.username) || !decodes(url.password)) errors.push('REDIS_URL: the user name or password holds a % that starts no valid escape (write % as %25).');
  }
  const prefix = unambiguousPrefix(env.REDIS_PREFIX ?? DEFAULT_PREFIX);
  if (prefix === undefined) errors.push('REDIS_PREFIX must be 1–63 letters, digits, or . _ - and may end with one : (no other :).');
  const deadlineText = env.REDIS_TIMEOUT_MS ?? '50';
  const deadlineMs = Number(deadlineText);
  if (!/^\d+$/.test(deadlineText) || deadlineMs < 1 || deadlineMs > 10_000) errors.push('REDIS_TIMEOUT_MS must be a whole number of milliseconds, 1 to 10000.');
  return { config: { redisUrl, prefix: prefix ?? DEFAULT_PREFIX, deadlineMs }, errors };
}

/**
 * The prefix, ending in its one `:`, or undefined. No other `:`: every key of a deployment starts
 * with `<name>:` and a name holds no `:`, so no prefix is the start of another (`rs:` against
 * `rs:stats:`, whose keys a scan for `rs:stats:*` would take for its own).
 */
function unambiguousPrefix(raw: string): string | undefined {
  const match = /^([\w.-]{1,63}):?$/.exec(raw);
  return match === null ? undefined : `${match[1]}:`;
}

/** Whether a URL part's percent escapes decode (the Redis client decodes them, and throws a bare "URI malformed" otherwise). */
function decodes(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}
