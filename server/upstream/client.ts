import type { MemberAccessUrls, MemberAccessUrlsQuery, MemberStats, TimePeriod } from '../../types/referralrock.js';
import { basicAuthorization } from './api-key.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { ApiError } from '../http/errors.js';
import type { Logger } from '../http/logging.js';

export interface ReferralRockClientOptions {
  /** `https://api.referralrock.com`, or the sandbox's URL. */
  baseUrl: string;
  /** Base64 `publicKey:privateKey`. */
  basicAuth: string;
  /** Upper bound of one call, retries included, in milliseconds. */
  timeoutMs: number;
  /** Further attempts after a network error, a 5xx or a 429 (default 2). */
  retries?: number;
  /** Consecutive failed calls that open the circuit (default 5), and for how long (default 10 s). */
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  /** Largest answer read, in bytes (default 1 MB): a bigger one is refused, not buffered. */
  maxResponseBytes?: number;
  /** Swapped in by tests and by runtimes with their own fetch. */
  fetch?: typeof fetch;
  /** Where a wrong base URL is reported (once per path, the path alone: never the query or the key). */
  log?: Logger;
}

/** The Referral Rock endpoints the backend calls on a member's behalf. */
export interface ReferralRockClient {
  memberAccessUrls(query: MemberAccessUrlsQuery): Promise<MemberAccessUrls>;
  memberStats(query: string, timePeriod: TimePeriod): Promise<MemberStats>;
  /**
   * Any other endpoint: `path` is relative to the base URL (`api/rewards?memberId=…`). A write that
   * must not be sent twice passes `{ retries: 0 }`.
   */
  request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, options?: { retries?: number }): Promise<T>;
  /** The circuit's state, for `/readyz`. */
  readonly circuit: 'closed' | 'open' | 'half-open';
}

/** An upstream failure: what the client sees, plus whether another attempt may help. */
export class UpstreamError extends ApiError {
  constructor(
    status: 502 | 503 | 504,
    code: string,
    message: string,
    readonly retryable: boolean,
    /** Counts against the circuit breaker (Referral Rock is unwell, not our request). */
    readonly outage: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(status, code, message, retryAfterMs === null ? {} : { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) });
  }
}

/** Largest upstream answer read by default: Referral Rock's documents are a few KB. */
export const MAX_UPSTREAM_RESPONSE_BYTES = 1024 * 1024;
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 1000;
/** A `Retry-After` longer than this is not waited for: the client is told instead. */
const MAX_RETRY_AFTER_WAIT_MS = 2000;

/**
 * A small Referral Rock API client. Each call has one deadline (`timeoutMs`) that covers its
 * retries (exponential backoff with full jitter; `Retry-After` honoured up to 2 s), and all calls
 * share a circuit breaker. Every failure becomes an {@link ApiError} whose message is safe to show:
 * no upstream URL, body or credential.
 *
 * @example
 * const rr = createReferralRockClient({ baseUrl, basicAuth, timeoutMs: 5000 })
 * const urls = await rr.memberAccessUrls({ emailAddress: 'ada@example.com' })
 */
export function createReferralRockClient(options: ReferralRockClientOptions): ReferralRockClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = basicAuthorization(options.basicAuth);
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 2;
  const maxResponseBytes = options.maxResponseBytes ?? MAX_UPSTREAM_RESPONSE_BYTES;
  const breaker = new CircuitBreaker({ threshold: options.breakerThreshold ?? 5, cooldownMs: options.breakerCooldownMs ?? 10_000 });
  const reportMissingPath = missingPathReporter(options.log);

  async function attempt<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, remainingMs: number): Promise<T> {
    // A timer of our own rather than AbortSignal.timeout: it covers the body too, and a test's
    // fake clock (`mock.timers`) drives it.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The upstream call timed out.', 'TimeoutError')), Math.max(1, remainingMs));
    try {
      let response: Response;
      try {
        response = await doFetch(`${base}/${path}`, {
          method,
          headers: {
            authorization,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError' || controller.signal.aborted) {
          throw new UpstreamError(504, 'upstream_timeout', 'Referral Rock did not answer in time.', false, true);
        }
        throw new UpstreamError(502, 'upstream_unreachable', 'Referral Rock could not be reached.', true, true);
      }
      const text = await readBody(response, maxResponseBytes);
      if (response.ok) {
        const parsed = parseJson(text);
        if (parsed === undefined || typeof parsed !== 'object' || parsed === null) {
          throw new UpstreamError(502, 'upstream_bad_response', 'Referral Rock sent an answer we could not read.', true, true);
        }
        return parsed as T;
      }
      const failure = upstreamFailure(response, text);
      if (failure.code === 'upstream_misconfigured') reportMissingPath(new URL(`${base}/${path}`).pathname);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, callOptions: { retries?: number } = {}): Promise<T> {
    const allowedRetries = callOptions.retries ?? retries;
    if (!(await breaker.admit())) {
      throw new UpstreamError(503, 'upstream_unavailable', 'Referral Rock is unavailable; try again shortly.', false, false,
        Math.max(1000, breaker.retryAfterMs()));
    }
    const deadline = Date.now() + options.timeoutMs;
    for (let attemptIndex = 0; ; attemptIndex++) {
      try {
        const result = await attempt<T>(method, path, body, deadline - Date.now());
        breaker.success();
        return result;
      } catch (err) {
        const failure = err instanceof UpstreamError ? err : null;
        const wait = failure?.retryable ? retryDelay(failure, attemptIndex) : null;
        if (!failure || wait === null || attemptIndex >= allowedRetries || Date.now() + wait >= deadline - 50) {
          if (failure?.outage) breaker.failure();
          else breaker.neutral();
          throw err;
        }
        await sleep(wait);
      }
    }
  }

  return {
    memberAccessUrls: (query) => call<MemberAccessUrls>('POST', 'api/memberaccessurls', query),
    memberStats: (query, timePeriod) =>
      call<MemberStats>('GET', `api/memberstats/getsingle?${new URLSearchParams({ query, timePeriod })}`),
    request: call,
    get circuit() {
      return breaker.state;
    },
  };
}

/** Full-jitter exponential backoff, or the upstream's `Retry-After`; null when not worth waiting. */
function retryDelay(failure: UpstreamError, attemptIndex: number): number | null {
  if (failure.retryAfterMs !== null) return failure.retryAfterMs <= MAX_RETRY_AFTER_WAIT_MS ? failure.retryAfterMs : null;
  return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attemptIndex);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An oversized answer: refused without retry, and not an outage (the circuit stays closed, so
 * other members are still served).
 */
const tooLarge = () => new UpstreamError(502, 'upstream_bad_response', 'Referral Rock sent an answer too large to read.', false, false);

/**
 * The body as text, read as a stream and given up on past `maxBytes` — whatever `Content-Length`
 * says (a lying or absent one counts for nothing; a declared excess is refused before reading).
 */
async function readBody(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof UpstreamError) throw err;
    throw new UpstreamError(504, 'upstream_timeout', 'Referral Rock did not finish its answer in time.', false, true);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
function parseRetryAfter(raw: string | null): number | null {
  if (raw === null) return null;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** A refusal of `POST api/referrals` saying the friend is known already ("…has already been referred…", "Duplicate referral"). */
export const ALREADY_REFERRED = /\balready\b.*\b(referred|exists?)\b|\bduplicate\b/i;

/**
 * What an upstream refusal means for the caller. A 404 is Referral Rock saying it has no such
 * address (a mistyped `REFERRALROCK_API_URL`, plain http: "will fail with a 404 error"), never "no
 * such member": only the member lookup's empty list means that (`members/lookup.ts`). A 404 or 400
 * whose message names a missing member (one deleted since it was looked up) stays `member_not_found`.
 */
function upstreamFailure(response: Response, text: string): ApiError {
  const status = response.status;
  const body = parseJson(text) as { message?: unknown; Message?: unknown } | undefined;
  const message = String(body?.message ?? body?.Message ?? '');
  if ((status === 404 || status === 400) && NAMES_A_MISSING_MEMBER.test(message)) {
    return new ApiError(404, 'member_not_found', 'No Referral Rock member matches this token.');
  }
  if ((status === 400 || status === 409) && ALREADY_REFERRED.test(message)) {
    return new ApiError(409, 'already_referred', 'This friend has already been referred.');
  }
  if (status === 404) {
    return new UpstreamError(502, 'upstream_misconfigured', 'Referral Rock has no such address: the server’s REFERRALROCK_API_URL may be wrong.', false, false);
  }
  if (status === 401 || status === 403) {
    return new UpstreamError(502, 'upstream_auth', 'Referral Rock refused the server’s API key.', false, false);
  }
  if (status === 429) {
    return new UpstreamError(503, 'upstream_rate_limited', 'Referral Rock is busy; try again shortly.', true, true,
      parseRetryAfter(response.headers.get('retry-after')));
  }
  if (status >= 500) {
    const retryAfter = status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : null;
    return new UpstreamError(502, 'upstream_error', 'Referral Rock failed to answer.', true, true, retryAfter);
  }
  return new UpstreamError(502, 'upstream_rejected', 'Referral Rock refused the request.', false, false);
}

/** "Member not found.", "No member matches …", "The member does not exist": a record, not an address. */
const NAMES_A_MISSING_MEMBER = /\bmember\b[^.]*\b(not\s+(be\s+)?found|does not exist)|\bno\s+(active\s+)?member\b/i;

/** Paths reported at most: a wrong base URL makes a handful, not one per member. */
const MAX_REPORTED_PATHS = 32;

/**
 * Logs a path Referral Rock answered 404 once (an error: the server is set up wrong). The path
 * alone: the query names members, the credentials are in a header.
 */
function missingPathReporter(log: Logger | undefined): (path: string) => void {
  const reported = new Set<string>();
  return (path) => {
    if (!log || reported.has(path) || reported.size >= MAX_REPORTED_PATHS) return;
    reported.add(path);
    log({ level: 'error', msg: 'Referral Rock answered 404 for this path: check REFERRALROCK_API_URL (https, no extra path)', code: 'upstream_misconfigured', path });
  };
}
