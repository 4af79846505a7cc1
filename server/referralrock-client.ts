import type { MemberAccessUrls, MemberAccessUrlsQuery, MemberStats, TimePeriod } from '../types/api.js';
import { basicAuthorization } from './api-key.js';
import { ApiError } from './errors.js';

export interface ReferralRockClientOptions {
  /** `https://api.referralrock.com`, or the sandbox's URL. */
  baseUrl: string;
  /** Base64 `publicKey:privateKey`. */
  basicAuth: string;
  /** Upper bound of one call, in milliseconds. */
  timeoutMs: number;
  /** Swapped in by tests and by runtimes with their own fetch. */
  fetch?: typeof fetch;
}

/** The Referral Rock endpoints the backend calls on a member's behalf. */
export interface ReferralRockClient {
  memberAccessUrls(query: MemberAccessUrlsQuery): Promise<MemberAccessUrls>;
  memberStats(query: string, timePeriod: TimePeriod): Promise<MemberStats>;
  /** Any other endpoint: `path` is relative to the base URL (`api/rewards?memberId=…`). */
  request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

/**
 * A small Referral Rock API client. Every failure becomes an {@link ApiError} whose message is safe
 * to show: no upstream URL, body or credential.
 *
 * @example
 * const rr = createReferralRockClient({ baseUrl, basicAuth, timeoutMs: 5000 })
 * const urls = await rr.memberAccessUrls({ emailAddress: 'ada@example.com' })
 */
export function createReferralRockClient(options: ReferralRockClientOptions): ReferralRockClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = basicAuthorization(options.basicAuth);
  const doFetch = options.fetch ?? fetch;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
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
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ApiError(504, 'upstream_timeout', 'Referral Rock did not answer in time.');
      }
      throw new ApiError(502, 'upstream_unreachable', 'Referral Rock could not be reached.');
    }
    const text = await readBody(response);
    if (response.ok) {
      const parsed = parseJson(text);
      if (parsed === undefined || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new ApiError(502, 'upstream_bad_response', 'Referral Rock sent an answer we could not read.');
      }
      return parsed as T;
    }
    throw upstreamFailure(response, text);
  }

  return {
    memberAccessUrls: (query) => call<MemberAccessUrls>('POST', 'api/memberaccessurls', query),
    memberStats: (query, timePeriod) =>
      call<MemberStats>('GET', `api/memberstats/getsingle?${new URLSearchParams({ query, timePeriod })}`),
    request: call,
  };
}

async function readBody(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    throw new ApiError(504, 'upstream_timeout', 'Referral Rock did not finish its answer in time.');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function upstreamFailure(response: Response, text: string): ApiError {
  const status = response.status;
  const body = parseJson(text) as { message?: unknown; Message?: unknown } | undefined;
  const message = String(body?.message ?? body?.Message ?? '');
  if (status === 404 || (status === 400 && /not\s+(be\s+)?found|no\s+member|does not exist/i.test(message))) {
    return new ApiError(404, 'member_not_found', 'No Referral Rock member matches this token.');
  }
  if (status === 401 || status === 403) {
    return new ApiError(502, 'upstream_auth', 'Referral Rock refused the server’s API key.');
  }
  if (status === 429) {
    const retryAfter = response.headers.get('retry-after');
    return new ApiError(503, 'upstream_rate_limited', 'Referral Rock is busy; try again shortly.',
      retryAfter && /^\d+$/.test(retryAfter) ? { 'retry-after': retryAfter } : {});
  }
  if (status >= 500) return new ApiError(502, 'upstream_error', 'Referral Rock failed to answer.');
  return new ApiError(502, 'upstream_rejected', 'Referral Rock refused the request.');
}
