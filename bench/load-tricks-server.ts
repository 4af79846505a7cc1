/**
 * The server side of `bench/load-tricks.ts`, in a child process: one Hono app on
 * `@hono/node-server` whose routes do a warm `/v1/me`'s header work — read four request headers and
 * count all header bytes, then answer ten response headers — each in the server's portable way or
 * with one Node-only trick, so each trick is measured alone; and `/v1`'s real header middleware, the
 * recorded way the app uses and Hono's per-request way, around the same body. Counts the `Headers`
 * objects built (the global is replaced here, in a benchmark, not in a test). Answers `cpu`
 * messages with its CPU time.
 */
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { every } from 'hono/combine';
import { cors } from 'hono/cors';
import { apiCorsOptions, apiHeaders, apiSecureHeaders } from '../server/http/guards.js';
import { requestLogging } from '../server/http/logging.js';
import { respond } from '../server/http/response-headers.js';

let headersBuilt = 0;
const RealHeaders = globalThis.Headers;
globalThis.Headers = class CountedHeaders extends RealHeaders {
  constructor(init?: HeadersInit) {
    super(init);
    headersBuilt++;
  }
};

const NAMES = ['origin', 'authorization', 'x-request-id', 'x-forwarded-for'];
const RESPONSE_HEADERS: Record<string, string> = {
  'content-type': 'application/json', 'cache-control': 'private, no-store', vary: 'Origin',
  'access-control-allow-origin': 'https://shop.example.com', 'access-control-expose-headers': 'Retry-After,X-Request-Id',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer',
};
const BODY = JSON.stringify({ member: { name: 'Ada', referralCode: 'ADA2024' }, links: { shareUrl: 'http://127.0.0.1/sandbox/r/ADA2024' }, stats: { memberShares: 8 } });

type NodeContext = Context<{ Bindings: HttpBindings }>;

/** The server's way, the same on every runtime: `c.req.header` and `Request.headers`. */
function readThroughHeaders(c: Context): number {
  let n = 0;
  for (const name of NAMES) n += c.req.header(name)?.length ?? 0;
  c.req.raw.headers.forEach((value, name) => (n += name.length + value.length + 4));
  return n;
}

/** A Node-only trick the server does not use: the incoming message's raw header lines. */
function readRawLines(c: NodeContext): number {
  const raw = c.env.incoming.rawHeaders;
  let n = 0;
  for (const name of NAMES) {
    for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === name.length && raw[i]!.toLowerCase() === name) n += raw[i + 1]!.length;
  }
  for (const line of raw) n += line.length;
  return n + 2 * raw.length;
}

/** The way that stays (`respond`): one Response from a plain record, which `@hono/node-server` hands to `writeHead` as it is. */
const answerWithRecord = (c: Context, n: number) => new Response(BODY, { status: 200, headers: { ...RESPONSE_HEADERS, 'x-request-id': String(n) } });

/** Hono's usual way: each header set on the context (a `Headers` object), then the body. */
function answerHeaderByHeader(c: Context, n: number): Response {
  for (const name in RESPONSE_HEADERS) c.header(name, RESPONSE_HEADERS[name]);
  c.header('x-request-id', String(n));
  return c.body(BODY, 200);
}

const app = new Hono<{ Bindings: HttpBindings }>();
app.get('/headers-record', (c) => answerWithRecord(c, readThroughHeaders(c)));
app.get('/raw-record', (c) => answerWithRecord(c, readRawLines(c)));
app.get('/headers-set', (c) => answerHeaderByHeader(c, readThroughHeaders(c)));
app.get('/raw-set', (c) => answerHeaderByHeader(c, readRawLines(c)));

// `/v1`'s real header middleware, each way, around a route answering the same body.
const ORIGINS = ['https://shop.example.com'];
const JSON_NO_STORE = { 'content-type': 'application/json', 'cache-control': 'private, no-store' };
/** What the app does: the headers `hono/secure-headers` and `hono/cors` give, recorded at start (`apiHeaders`), one Response from them (`respond`). */
const recorded = new Hono();
recorded.use(requestLogging(() => {}), apiHeaders(ORIGINS));
recorded.get('/', (c) => respond(c, BODY, 200, JSON_NO_STORE));
/** The same headers Hono's usual way: both middleware run on each request, then `c.body`. */
const perRequest = new Hono();
perRequest.use(requestLogging(() => {}), every(apiSecureHeaders(), cors(apiCorsOptions(ORIGINS))));
perRequest.get('/', (c) => c.body(BODY, 200, JSON_NO_STORE));
app.route('/v1-recorded', recorded);
app.route('/v1-per-request', perRequest);

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.send?.({ url: `http://127.0.0.1:${info.port}` }));
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system, headersBuilt });
  }
});
process.once('disconnect', () => process.exit(0));
