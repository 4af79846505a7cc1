/**
 * Fault injection for the sandbox: added latency, an error rate, 429 with `Retry-After`, hanging
 * requests and malformed JSON, on the sandbox's `api/*` calls. Set at start (options, read from
 * `SANDBOX_*` environment variables by the Node entries) and at run time through `/_faults`
 * (GET shows, POST changes, DELETE clears), a route that exists only in the sandbox, behind its key.
 * Runtime-neutral: Web APIs only.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { finiteNumber } from '../lib/finite-number.js';

export interface FaultSettings {
  /** Added to every API call, in milliseconds. */
  latencyMs: number;
  /** Share (0–1) of calls answered 500. */
  errorRate: number;
  /** Share (0–1) of calls answered 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** Share (0–1) of calls never answered (until the caller gives up, or `hangMs`). */
  hangRate: number;
  hangMs: number;
  /** Share (0–1) of calls answered 200 with a body that is not valid JSON. */
  malformedRate: number;
  /** Faults stop after this many were injected (latency aside); null: never. */
  limit: number | null;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0, errorRate: 0, rateLimitRate: 0, retryAfterSeconds: 1, hangRate: 0, hangMs: 30_000, malformedRate: 0, limit: null,
};

/** Environment variable of each setting. */
export const FAULT_ENV: Record<keyof FaultSettings, string> = {
  latencyMs: 'SANDBOX_LATENCY_MS',
  errorRate: 'SANDBOX_ERROR_RATE',
  rateLimitRate: 'SANDBOX_429_RATE',
  retryAfterSeconds: 'SANDBOX_RETRY_AFTER',
  hangRate: 'SANDBOX_HANG_RATE',
  hangMs: 'SANDBOX_HANG_MS',
  malformedRate: 'SANDBOX_MALFORMED_RATE',
  limit: 'SANDBOX_FAULT_LIMIT',
};

const RANGES: Record<keyof FaultSettings, [number, number]> = {
  latencyMs: [0, 60_000], errorRate: [0, 1], rateLimitRate: [0, 1], retryAfterSeconds: [0, 3600],
  hangRate: [0, 1], hangMs: [0, 600_000], malformedRate: [0, 1], limit: [0, 1_000_000],
};

/**
 * Validates a partial set of settings (from JSON or the environment); every mistake is a sentence.
 *
 * @example parseFaultSettings({ errorRate: 0.05, latencyMs: 200 }) // { settings: {...}, problems: [] }
 */
export function parseFaultSettings(input: Record<string, unknown>, base: FaultSettings = NO_FAULTS, names: Partial<Record<keyof FaultSettings, string>> = {}) {
  const settings: FaultSettings = { ...base };
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (!Object.hasOwn(RANGES, key)) {
      problems.push(`Unknown fault setting "${key.slice(0, 40)}"; known: ${Object.keys(RANGES).join(', ')}.`);
      continue;
    }
    const name = key as keyof FaultSettings;
    if (name === 'limit' && (raw === null || raw === '')) {
      settings.limit = null;
      continue;
    }
    const value = finiteNumber(raw);
    const [min, max] = RANGES[name];
    if (value === undefined || value < min || value > max) {
      problems.push(`${names[name] ?? name} must be a number from ${min} to ${max}.`);
      continue;
    }
    settings[name] = value;
  }
  return { settings, problems };
}

/** The settings the `SANDBOX_*` variables ask for (unset ones are off). */
export function faultSettingsFromEnv(env: Record<string, string | undefined>) {
  const input: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(FAULT_ENV)) {
    if (env[variable]?.trim()) input[name] = env[variable]!.trim();
  }
  return parseFaultSettings(input, NO_FAULTS, FAULT_ENV);
}

/** A broken JSON body, as a flaky proxy or a cut connection would leave it. */
const MALFORMED_BODY = '{"memberShares": 3, "memberViews": ';

/**
 * The fault injector: `inject`, a middleware for the sandbox's `api/*` calls, and `routes`, the
 * `/_faults` control (GET shows, POST changes, DELETE clears). The sandbox mounts `routes` at its
 * own `/_faults` path alone, behind the API key (app.ts).
 *
 * @example
 * const faults = createFaultInjector({ faults: { errorRate: 0.05, latencyMs: 200 } })
 * app.use('/api/*', faults.inject)
 * app.route('/_faults', faults.routes)
 */
export function createFaultInjector(options: { faults?: Partial<FaultSettings> } = {}): { inject: MiddlewareHandler; routes: Hono } {
  let settings: FaultSettings = { ...NO_FAULTS, ...options.faults };
  const counts = { requests: 0, latency: 0, error: 0, rateLimited: 0, hang: 0, malformed: 0 };
  const injected = () => counts.error + counts.rateLimited + counts.hang + counts.malformed;

  const routes = new Hono();
  routes.get('/', (c) => c.json({ settings, counts }));
  routes.delete('/', (c) => {
    settings = { ...NO_FAULTS };
    for (const key of Object.keys(counts) as Array<keyof typeof counts>) counts[key] = 0;
    return c.json({ settings, counts });
  });
  routes.post('/', async (c) => {
    // JSON only: a cross-site page cannot send that without a preflight, which gets no grant.
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      return c.json({ message: 'Send the fault settings as application/json.' }, 415);
    }
    const body = await c.req.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return c.json({ message: 'The body must be a JSON object of fault settings.' }, 400);
    }
    const parsed = parseFaultSettings(body as Record<string, unknown>, settings);
    if (parsed.problems.length > 0) return c.json({ message: parsed.problems.join(' ') }, 400);
    settings = parsed.settings;
    return c.json({ settings, counts });
  });
  routes.all('/', (c) => c.json({ message: `The requested resource does not support http method '${c.req.method}'.` }, 405, { allow: 'GET, POST, DELETE' }));

  const inject: MiddlewareHandler = async function injectFaults(c, next) {
    counts.requests += 1;
    if (settings.latencyMs > 0) {
      counts.latency += 1;
      await sleep(settings.latencyMs, c.req.raw.signal);
    }
    if (settings.limit !== null && injected() >= settings.limit) return next();
    if (chance(settings.hangRate)) {
      counts.hang += 1;
      await sleep(settings.hangMs, c.req.raw.signal);
      return c.json({ message: 'The request timed out.' }, 504);
    }
    if (chance(settings.errorRate)) {
      counts.error += 1;
      return c.json({ message: 'An error has occurred.' }, 500);
    }
    if (chance(settings.rateLimitRate)) {
      counts.rateLimited += 1;
      return c.json({ message: 'Too many requests.' }, 429, { 'retry-after': String(settings.retryAfterSeconds) });
    }
    if (chance(settings.malformedRate)) {
      counts.malformed += 1;
      return c.body(MALFORMED_BODY, 200, { 'content-type': 'application/json; charset=utf-8' });
    }
    return next();
  };
  return { inject, routes };
}

const chance = (rate: number): boolean => rate > 0 && Math.random() < rate;

/** Waits `ms`, or less when the caller gives up first. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

declare module './app.js' {
  interface SandboxOptions {
    /** Faults to inject from the start (see `faults.ts`). */
    faults?: Partial<FaultSettings>;
  }
}
