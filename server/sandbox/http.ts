import type { Context } from 'hono';
import type { ListEnvelope, ResultInfo } from '../../types/referralrock.js';
import { sameIgnoringCase } from '../lib/ignoring-case.js';
import { isObject, parseDate, SandboxError, type JsonObject } from './validation.js';

/** Referral Rock's own error body. */
export const fail = (c: Context, status: 400 | 401 | 404 | 405 | 409 | 413 | 415 | 500, message: string) => c.json({ message }, status);

export const success = (message = 'Success'): ResultInfo => ({ Status: 'Success', Message: message });
export const failure = (message: string): ResultInfo => ({ Status: 'Error', Message: message });

/** Most items one collection request may carry. */
export const MAX_ITEMS = 100;

async function readJson(c: Context, what: string): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new SandboxError(400, `The request body is empty; send ${what} as JSON.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new SandboxError(400, `The request body is not valid JSON; send ${what}.`);
  }
}

/** The body as one JSON object, or a 400 naming the expected type. */
export async function readObject(c: Context, typeName: string): Promise<JsonObject> {
  const body = await readJson(c, `a ${typeName} object`);
  if (!isObject(body)) throw new SandboxError(400, `The request body must be a ${typeName} JSON object.`);
  return body;
}

/** The body as a JSON array of 1 to {@link MAX_ITEMS} items (each checked by the endpoint). */
export async function readCollection(c: Context, typeName: string): Promise<unknown[]> {
  const body = await readJson(c, `a collection of ${typeName}`);
  if (!Array.isArray(body)) throw new SandboxError(400, `The request body must be a JSON array (a collection of ${typeName}).`);
  if (body.length === 0) throw new SandboxError(400, `The collection of ${typeName} is empty.`);
  if (body.length > MAX_ITEMS) throw new SandboxError(400, `At most ${MAX_ITEMS} items a request; got ${body.length}.`);
  return body;
}

/** `offset` (0-based) and `count` (1–1000, default 10). */
export function readPaging(c: Context): { offset: number; count: number } {
  const offset = c.req.query('offset') ?? '0';
  const count = c.req.query('count') ?? '10';
  if (!/^\d{1,9}$/.test(offset)) throw new SandboxError(400, 'offset must be a whole number.');
  if (!/^\d{1,4}$/.test(count) || Number(count) < 1 || Number(count) > 1000) throw new SandboxError(400, 'count must be from 1 to 1000.');
  return { offset: Number(offset), count: Number(count) };
}

/** `dateFrom` / `dateTo` filters on a create date; a bare date `dateTo` includes that whole day. */
export function readDateRange(c: Context): (iso: string) => boolean {
  const bound = (name: 'dateFrom' | 'dateTo'): number | null => {
    const raw = c.req.query(name);
    if (raw === undefined || raw === '') return null;
    const parsed = parseDate(raw);
    if (parsed === null) throw new SandboxError(400, `${name} must be an ISO 8601 date, like 2025-08-21.`);
    const time = Date.parse(parsed);
    return name === 'dateTo' && raw.length === 10 ? time + 86_400_000 : time;
  };
  const from = bound('dateFrom');
  const to = bound('dateTo');
  if (from !== null && to !== null && from > to) throw new SandboxError(400, 'dateFrom must not be after dateTo.');
  return (iso) => {
    const t = Date.parse(iso);
    return (from === null || t >= from) && (to === null || t < to);
  };
}

/** `sort`, one of the endpoint's orders (default first), as a comparator. */
export function readSort<T>(c: Context, orders: Record<string, (a: T, b: T) => number>): (a: T, b: T) => number {
  const names = Object.keys(orders);
  const sort = c.req.query('sort') || names[0]!;
  const match = names.find((n) => sameIgnoringCase(n, sort));
  if (!match) throw new SandboxError(400, `sort must be one of ${names.join(', ')}.`);
  return orders[match]!;
}

/** A case-insensitive `status` filter from a fixed set. */
export function readStatusFilter<S extends string>(c: Context, statuses: readonly S[]): S | undefined {
  const raw = c.req.query('status');
  if (raw === undefined || raw === '') return undefined;
  const match = statuses.find((s) => sameIgnoringCase(s, raw));
  if (!match) throw new SandboxError(400, `status must be one of ${statuses.join(', ')}.`);
  return match;
}

/** Pages a filtered, sorted list into Referral Rock's list envelope under `key`. */
export function page<K extends string, T>(key: K, items: T[], paging: { offset: number; count: number }): ListEnvelope & Record<K, T[]> {
  return {
    [key]: items.slice(paging.offset, paging.offset + paging.count),
    offset: paging.offset,
    total: items.length,
    message: null,
  } as ListEnvelope & Record<K, T[]>;
}

export const byDateDesc = <T>(date: (item: T) => string) => (a: T, b: T) => date(b).localeCompare(date(a));
export const byDateAsc = <T>(date: (item: T) => string) => (a: T, b: T) => date(a).localeCompare(date(b));
export const byText = <T>(text: (item: T) => string, direction: 1 | -1 = 1) => (a: T, b: T) => direction * text(a).localeCompare(text(b));

/** Lower-cased substring search over some fields. */
export const matchesQuery = (query: string | undefined, fields: Array<string | null | undefined>): boolean =>
  !query || fields.some((v) => (v ?? '').toLowerCase().includes(query.toLowerCase()));

/**
 * Runs `act` for each item of a collection request. A refused item gets its own failure result;
 * it never fails the others, and (since `act` validates before it changes anything) leaves nothing
 * half-changed.
 */
export function eachItem<R>(items: unknown[], act: (item: unknown) => R, refused: (item: unknown, info: ResultInfo) => R): R[] {
  return items.map((item) => {
    try {
      return act(item);
    } catch (err) {
      if (err instanceof SandboxError) return refused(item, failure(err.message));
      throw err;
    }
  });
}

/** `item[field]` when it is an object (echoed back in results), else null. */
export const echo = <T>(item: unknown, field: string): T | null => {
  const value = isObject(item) ? item[field] : undefined;
  return isObject(value) ? (value as T) : null;
};
