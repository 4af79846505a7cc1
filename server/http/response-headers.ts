import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequestLogEnv } from './logging.js';

/** Response header names (lower case) and values. */
export type HeaderRecord = Record<string, string>;

/** The headers every response of a scope carries, set by middleware before the route runs. */
export type ResponseHeadersEnv = { Variables: { responseHeaders?: HeaderRecord } };

/*
 * Why this stays: with `respond`, the replayed records and `/v1/me`'s reused JSON all replaced by
 * `hono/cors` and `hono/secure-headers` run per request and `c.json`, `npm run bench:load` measured a
 * warm `/v1/me` at 205 µs of server CPU healthy and 186 µs faulty, against 122 µs and 95 µs with them
 * (CHANGELOG.md › The warm `/v1/me` and its headers).
 */

/** Responses built by `respond`: they carry every header of their scope already. */
const complete = new WeakSet<Response>();

/**
 * A route's response built in one step from a plain header record: the scope's headers
 * (`c.var.responseHeaders`), the route's own and the request id: the standard `new Response(body,
 * { headers })`, the same on every runtime. Nothing sets a header after; middleware that adds
 * headers to other responses leaves these alone (see `addHeadersAfter`).
 * Headers set earlier with `c.header()` are not carried: middleware in front of such a route
 * gives its headers through `c.var.responseHeaders` (as `apiHeaders` does) or after the route.
 */
export function respond(c: Context, body: string, status: ContentfulStatusCode, headers: HeaderRecord): Response {
  // `c.get`, not `c.var`: Hono builds a new object of all variables for each `c.var`.
  const scope = (c as Context<ResponseHeadersEnv>).get('responseHeaders');
  if (scope === undefined) return c.body(body, status, headers);
  // Object.assign, not a spread: a spread that then adds keys takes V8's slow path (about 1 µs).
  const all = Object.assign({}, scope, headers);
  const requestId = (c as Context<RequestLogEnv>).get('requestId');
  if (requestId !== undefined) all['x-request-id'] = requestId;
  const res = new Response(body, { status, headers: all });
  complete.add(res);
  return res;
}

/** Sets `headers` on the response (`Vary` added to), unless it was built with them by `respond`. */
export function addHeadersAfter(c: Context, headers: HeaderRecord): void {
  if (complete.has(c.res)) return;
  const target = c.res.headers;
  for (const name in headers) {
    const value = headers[name]!;
    const vary = name === 'vary' ? target.get('vary') : null;
    if (vary && !vary.toLowerCase().split(/\s*,\s*/).includes(value.toLowerCase())) target.append('vary', value);
    else if (!vary) target.set(name, value);
  }
}

/**
 * The headers `middleware` sets on a response to a request with `headers`, found once by running
 * it in a throwaway app. For middleware whose headers depend on nothing else, so a busy route can
 * replay them as a record (see `respond`) instead of running it on every request.
 */
export async function headersSetBy(middleware: MiddlewareHandler, headers: HeaderRecord = {}): Promise<HeaderRecord> {
  const probe = new Hono();
  probe.use(middleware);
  probe.get('/', (c) => c.body(null, 204));
  const res = await probe.request('/', { headers });
  const record: HeaderRecord = {};
  res.headers.forEach((value, name) => (record[name] = value));
  return record;
}
