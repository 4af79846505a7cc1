import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequestLogEnv } from './logging.js';

/** Response header names (lower case) and values. */
export type HeaderRecord = Record<string, string>;

/** The headers every response of a scope carries, set by middleware before the route runs. */
export type ResponseHeadersEnv = { Variables: { responseHeaders?: HeaderRecord } };

// Kept, measured alone: with `hono/secure-headers` and `hono/cors` run per request and `c.body` instead, a warm
// /v1/me cost 169–210 µs of server CPU (median 181), with this 65–81 µs (median 70) (`npm run bench:load`, 3 interleaved
// runs each, 2026-12-06); in one process, 142–178 µs against 50–72 µs (`npm run bench:load-tricks`, /v1-per-request, /v1-recorded).

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
