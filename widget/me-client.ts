import type { ErrorBody, MeResponse, TimePeriod } from '../types/api.js';

/** A failed load, with the backend's error code when it sent one. */
export class MeLoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** `GET {endpoint}/v1/me` with the member token. Throws {@link MeLoadError}. */
export async function fetchMe(endpoint: string, token: string, timePeriod: TimePeriod, signal: AbortSignal): Promise<MeResponse> {
  const url = `${endpoint.replace(/\/+$/, '')}/v1/me${timePeriod === 'All' ? '' : `?timePeriod=${encodeURIComponent(timePeriod)}`}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal, credentials: 'omit' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new MeLoadError('network_error', 'The referral service could not be reached.', 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as ErrorBody | undefined)?.error;
    throw new MeLoadError(error?.code ?? 'http_error', error?.message ?? `The referral service answered ${response.status}.`, response.status);
  }
  if (typeof body !== 'object' || body === null || !('links' in body)) {
    throw new MeLoadError('bad_response', 'The referral service sent an answer we could not read.', response.status);
  }
  return body as MeResponse;
}
