import { ApiError } from '../http/errors.js';

/**
 * Upstream text made safe to print on a terminal: control characters (an escape sequence could
 * rewrite the screen) become spaces, and it is bounded.
 *
 * @example printable('Friends\u001b[2Jof Acme') // 'Friends [2Jof Acme'
 */
export function printable(value: unknown, max = 80): string {
  const line = String(value).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A quoted list of names, the first `max` of them and how many more. */
export function nameList(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map((name) => printable(name, 40));
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

/** The code and message of a failure: the server's own (safe to show: no key, no upstream URL), or a generic one. */
export function failureOf(err: unknown): { code: string; message: string } {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  return { code: 'error', message: 'The call failed unexpectedly.' };
}

/** What each failure of a call means, in a sentence for the doctor's line. */
export function describeFailure(err: unknown, path: string): string {
  const { code, message } = failureOf(err);
  if (code === 'upstream_auth') return `Referral Rock refused the API key for ${path} (401 or 403).`;
  if (code === 'upstream_misconfigured') {
    return `Referral Rock answered 404 for ${path}: REFERRALROCK_API_URL is wrong (Referral Rock's is https://api.referralrock.com: https, no path; plain http is answered 404).`;
  }
  return `${path}: ${message} (${code})`;
}
