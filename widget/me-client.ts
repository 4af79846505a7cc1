import type { ErrorBody, MeResponse, ReferralsResponse, RewardsResponse, TimePeriod } from '../types/v1.js';
/**
 * The `referral-share-error` event's messages, in English for the page's developer: the card shows
 * a sentence written for the member instead (error-messages.ts), so these are never translated.
 */
export const TECHNICAL_MESSAGES = {
  unreachable: 'The referral service could not be reached.',
  failed: 'Something went wrong.',
};

/** A failed call to the backend, with its error code when it sent one. */
export class MeLoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string, token: string, signal: AbortSignal | undefined, looksRight: (body: object) => boolean): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal, credentials: 'omit' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new MeLoadError('network_error', TECHNICAL_MESSAGES.unreachable, 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as ErrorBody | undefined)?.error;
    throw new MeLoadError(error?.code ?? 'http_error', error?.message ?? TECHNICAL_MESSAGES.failed, response.status);
  }
  if (typeof body !== 'object' || body === null || !looksRight(body)) {
    throw new MeLoadError('bad_response', TECHNICAL_MESSAGES.failed, response.status);
  }
  return body as T;
}

const base = (endpoint: string) => endpoint.replace(/\/+$/, '');

/** `GET {endpoint}/v1/me` with the member token. Throws {@link MeLoadError}. */
export function fetchMe(endpoint: string, token: string, timePeriod: TimePeriod, signal?: AbortSignal): Promise<MeResponse> {
  const query = timePeriod === 'All' ? '' : `?timePeriod=${encodeURIComponent(timePeriod)}`;
  return getJson(`${base(endpoint)}/v1/me${query}`, token, signal, (body) => 'links' in body);
}

/** `GET {endpoint}/v1/me/rewards`, one page. Throws {@link MeLoadError}. */
export function fetchRewards(endpoint: string, token: string, offset: number, count: number, signal?: AbortSignal): Promise<RewardsResponse> {
  return getJson(`${base(endpoint)}/v1/me/rewards?offset=${offset}&count=${count}`, token, signal, (body) => Array.isArray((body as RewardsResponse).rewards));
}

/** `GET {endpoint}/v1/me/referrals`, one page of the member's friends, newest first. Throws {@link MeLoadError}. */
export function fetchReferrals(endpoint: string, token: string, offset: number, count: number, signal?: AbortSignal): Promise<ReferralsResponse> {
  return getJson(`${base(endpoint)}/v1/me/referrals?offset=${offset}&count=${count}`, token, signal, (body) => Array.isArray((body as ReferralsResponse).referrals));
}
