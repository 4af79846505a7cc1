import { ApiError } from '../http/errors.js';

/** Widest page a client may ask for, of rewards or referrals. */
export const MAX_PAGE = 50;
/** Furthest offset a client may ask for: far past any real member's list. */
const MAX_OFFSET = 100_000;
const DEFAULT_COUNT = 10;

/** A page of a member's list, as its query string asks for it. */
export interface Paging {
  offset: number;
  count: number;
}

/**
 * Reads `?offset=&count=` (both optional: 0 and 10), whole numbers only; anything else is a 400
 * `invalid_paging` naming the parameter and its range.
 *
 * @example const { offset, count } = readPaging(c.req.query('offset'), c.req.query('count'))
 */
export function readPaging(rawOffset: string | undefined, rawCount: string | undefined): Paging {
  return {
    offset: readWhole(rawOffset, 0, 'offset', 0, MAX_OFFSET),
    count: readWhole(rawCount, DEFAULT_COUNT, 'count', 1, MAX_PAGE),
  };
}

function readWhole(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw new ApiError(400, 'invalid_paging', `${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

/**
 * Where the page after this one starts in upstream's list, or null when this one was the last: it
 * read fewer than `count`, or reached `total`.
 *
 * @example nextOffsetOf(0, 10, 10, 25) // 10
 * @example nextOffsetOf(20, 5, 10, 25) // null
 */
export function nextOffsetOf(offset: number, read: number, count: number, total: number): number | null {
  const next = offset + read;
  return read < count || next >= total ? null : next;
}
