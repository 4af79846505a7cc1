import { FRIEND_EMAIL_PATTERN, FRIEND_FIELD_LIMITS } from '../../shared/v1.js';
import type { FriendField, FriendReferralRequest } from '../../types/v1.js';
import { ApiError } from '../http/errors.js';
import { holdsContactDetails } from '../lib/shown-text.js';

/**
 * Characters no field may hold: controls (a note may break lines, nothing else may) and the bidi
 * overrides and isolates that would make text read differently from how it is stored.
 */
const CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
/** A phone number as people type one: digits, an optional leading +, and spaces, dots, dashes, brackets. */
const PHONE = /^\+?[\d\s().-]+$/;

/** A field the request got wrong: 400 `invalid_field`, naming it in the message and in `error.field`. */
export const fieldError = (field: FriendField, message: string): ApiError => new ApiError(400, 'invalid_field', message, {}, field);

/**
 * The friend a `POST /v1/me/referrals` body names: its five fields read by name (anything else in
 * the body is ignored: a status, an amount, a code or an id never reaches Referral Rock), each
 * trimmed, checked and bounded by `FRIEND_FIELD_LIMITS`; the first field at fault is a 400
 * `invalid_field` naming it.
 *
 * @example readFriend({ firstName: ' Sam ', email: 'sam@example.net', status: 'approved' }) // { firstName: 'Sam', email: 'sam@example.net' }
 */
export function readFriend(body: unknown): FriendReferralRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_body', 'Send the friend as a JSON object: { "firstName", "email", "lastName"?, "phone"?, "note"? }.');
  }
  const fields = body as Record<string, unknown>;
  const firstName = text(fields, 'firstName');
  const lastName = text(fields, 'lastName');
  const email = text(fields, 'email');
  const phone = text(fields, 'phone');
  const note = text(fields, 'note', { lineBreaks: true });

  if (firstName === undefined) throw fieldError('firstName', 'firstName is required.');
  for (const [field, name] of [['firstName', firstName], ['lastName', lastName]] as const) {
    if (name !== undefined && holdsContactDetails(name)) throw fieldError(field, `${field} must be a name, not an e-mail address or a phone number.`);
  }
  if (email === undefined) throw fieldError('email', 'email is required.');
  if (!FRIEND_EMAIL_PATTERN.test(email) || email.startsWith('.') || email.includes('..')) throw fieldError('email', 'email must be an e-mail address like sam@example.com.');
  if (phone !== undefined) {
    const digits = phone.replace(/\D/g, '').length;
    if (!PHONE.test(phone) || digits < 6 || digits > 15) throw fieldError('phone', 'phone must be a phone number of 6 to 15 digits.');
  }
  return {
    firstName,
    ...(lastName !== undefined ? { lastName } : {}),
    email,
    ...(phone !== undefined ? { phone } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}

/** A field's text, trimmed (undefined when absent, null or blank), within its limit and free of controls. */
function text(fields: Record<string, unknown>, field: FriendField, options: { lineBreaks?: boolean } = {}): string | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fieldError(field, `${field} must be text.`);
  const limit = FRIEND_FIELD_LIMITS[field];
  // Counted before any work on it: a 5,000-character name is refused unread.
  if (value.length > limit * 2 || [...value.trim()].length > limit) throw fieldError(field, `${field} must be at most ${limit} characters.`);
  const trimmed = value.trim().normalize('NFC');
  if (CONTROLS.test(options.lineBreaks ? trimmed.replace(/\r?\n/g, '') : trimmed)) {
    throw fieldError(field, `${field} holds characters that are not allowed (controls or direction overrides).`);
  }
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Whether two spellings are one phone number: the same last nine digits (a country code or a
 * trunk 0 written on one side only changes nothing), each having at least six.
 *
 * @example samePhone('+1 (555) 010-9999', '555.010.9999') // true
 */
export function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const [x, y] = [a, b].map((phone) => phone.replace(/\D/g, ''));
  return x!.length >= 6 && y!.length >= 6 && x!.slice(-9) === y!.slice(-9);
}
