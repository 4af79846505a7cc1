/**
 * What the member reads when something fails: one sentence per kind of failure, written for a
 * shopper — never the vendor's name, never "token". The element's `referral-share-error` event keeps
 * the technical code and the backend's message; only the screen gets these.
 */
import type { LoadedStrings } from './i18n/en.js';

/** English, in the main bundle (a failed first load must be explained before anything else loads). */
export const errorsEn = {
  errorOffline: "We couldn't connect. Check your internet connection, then try again.",
  errorSignIn: "We couldn't confirm it's you. Please sign in again, then reload the page.",
  errorExpired: 'Your session has timed out. Reload the page to continue.',
  errorNotFound: "We couldn't find your referral account yet. If you joined recently, try again in a few minutes.",
  errorBusy: 'Lots of requests right now. Wait a minute, then try again.',
  errorUnavailable: "Your referral details aren't available right now. Please try again in a few minutes.",
  errorSetup: "Referrals aren't working on this page right now. Please contact support.",
  errorFailed: 'Something went wrong. Please try again.',
};

export type ErrorMessageKey = keyof typeof errorsEn;

/**
 * Codes of our backend (`server/`: `ApiError`, `UpstreamError`) and of the widget itself
 * (`me-client.ts`: `network_error`, `http_error`, `bad_response`; the element: `token_unavailable`).
 */
const BY_CODE: Record<string, ErrorMessageKey> = {
  network_error: 'errorOffline',
  missing_token: 'errorSignIn',
  invalid_token: 'errorSignIn',
  token_unavailable: 'errorSignIn',
  token_expired: 'errorExpired',
  member_not_found: 'errorNotFound',
  rate_limited: 'errorBusy',
  upstream_rate_limited: 'errorBusy',
  not_ready: 'errorUnavailable',
  // The page or the server is set up wrong: retrying will not help, its owner must.
  server_misconfigured: 'errorSetup',
  // The backend's REFERRALROCK_API_URL is wrong: not "no such member", and no retry mends it.
  upstream_misconfigured: 'errorSetup',
  not_found: 'errorSetup',
  method_not_allowed: 'errorSetup',
  invalid_time_period: 'errorSetup',
};

/**
 * The kind of message for an error code. Every `upstream_*` code (the referral program's service
 * failing, slow or refusing: `upstream_timeout`, `upstream_unavailable`, …, and any added later) is
 * "unavailable"; a code not known here is "something went wrong".
 */
export function errorMessageKey(code: string): ErrorMessageKey {
  return BY_CODE[code] ?? (code.startsWith('upstream_') ? 'errorUnavailable' : 'errorFailed');
}

/** The sentence to show for `code`, in the language of `t` (English where the catalog lacks it). */
export const errorMessage = (code: string, t: LoadedStrings): string => {
  const key = errorMessageKey(code);
  return t[key] ?? errorsEn[key];
};

/**
 * Whether trying again may help: a page set up wrong, or a token the server refused, will not mend
 * itself now. A `tokenProvider` that failed may well (it is asked again, and it may only have been
 * offline for a moment).
 */
export const canRetry = (code: string): boolean => {
  const key = errorMessageKey(code);
  return key !== 'errorSetup' && (key !== 'errorSignIn' || code === 'token_unavailable');
};
