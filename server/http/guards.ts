/**
 * The HTTP-level guards of the API, as small middleware factories: secure headers, the CORS
 * allowlist, request size limits and 405 answers. Runtime-neutral.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError, errorBody } from './errors.js';
import { requestIdOf } from './logging.js';
import { addHeadersAfter, headersSetBy, type HeaderRecord, type ResponseHeadersEnv } from './response-headers.js';

/** `hono/secure-headers` with what matters for a JSON API; document-only headers are left out. */
export const apiSecureHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });

/** `hono/cors`'s options for `/v1`: exact origins (`['*']`: any, sandbox mode only). */
export const apiCorsOptions = (origins: string[]): Parameters<typeof cors>[0] => ({
  origin: origins.includes('*') ? '*' : origins,
  // POST: `/v1/me/referrals`, a JSON body and its Idempotency-Key.
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  exposeHeaders: ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
  maxAge: 600,
});

/**
 * Middleware for `/v1`: secure headers (`hono/secure-headers`), CORS for an allowlist of exact
 * origins (`hono/cors`; `['*']`: any, sandbox mode only) answering `Vary: Origin`. A preflight
 * runs `hono/cors`. Any other request gets the very headers those two give it, replayed from
 * records taken once per allowed origin (their headers depend on the Origin alone): routes build
 * their response from `c.var.responseHeaders` in one step (`respond`), and any other response —
 * an error, a 405 — gets them set after.
 */
export function apiHeaders(origins: string[]): MiddlewareHandler<ResponseHeadersEnv> {
  const preflight = cors(apiCorsOptions(origins));
  const secure = apiSecureHeaders();
  // The headers of a response to each allowed origin, and to any other origin or none ('').
  let table: { secure: HeaderRecord; byOrigin: Map<string, HeaderRecord> } | undefined;
  const taken = (async () => {
    const secureRecord = await headersSetBy(secure);
    const entries = await Promise.all(
      ['', ...origins.filter((o) => o !== '*')].map(async (origin) => {
        const corsRecord = await headersSetBy(preflight, origin === '' ? {} : { origin });
        return [origin, { ...secureRecord, ...corsRecord }] as const;
      }),
    );
    return (table = { secure: secureRecord, byOrigin: new Map(entries) });
  })();
  // Not expected to fail (the probes make no I/O); if it did, each /v1 request would answer 500
  // through the error handler, and the start itself must not die of an unhandled rejection.
  taken.catch(() => {});

  return async function apiHeadersMiddleware(c, next) {
    const { secure: secureRecord, byOrigin } = table ?? (await taken);
    if (c.req.method === 'OPTIONS') {
      const answered = await preflight(c, next);
      if (answered instanceof Response) c.res = answered;
      addHeadersAfter(c, secureRecord);
      return;
    }
    // Shared, never copied here: `respond` builds the one header object a response needs.
    const record = byOrigin.get(c.req.header('origin') ?? '') ?? byOrigin.get('')!;
    c.set('responseHeaders', record);
    await next();
    addHeadersAfter(c, record);
  };
}

/** 413 for a body over `maxBytes`. GET and HEAD carry none and skip it (reading `body` would make Node's adapter build a full Request). */
export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: maxBytes, onError: () => { throw new ApiError(413, 'payload_too_large', 'The request body is too large.'); } });
  return except((c) => c.req.method === 'GET' || c.req.method === 'HEAD', limit);
}

/** 431 when the request's header names and values (plus 4 bytes a header) add up to more than `maxBytes`. */
export function headerSizeLimit(maxBytes: number): MiddlewareHandler {
  return function headerSizeLimitMiddleware(c, next) {
    let bytes = 0;
    c.req.raw.headers.forEach((value, name) => (bytes += name.length + value.length + 4));
    if (bytes > maxBytes) throw new ApiError(431, 'headers_too_large', 'The request headers are too large.');
    return next();
  };
}

/** `hono/method-not-allowed` answering in our error shape, with `Allow` (and OPTIONS on `/v1`, for CORS). */
export function methodNotAllowedJson(app: Hono): MiddlewareHandler {
  return methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) => {
      const allow = [...methods, ...(c.req.path.startsWith('/v1/') ? ['OPTIONS'] : [])].join(', ');
      return c.json(errorBody('method_not_allowed', `${c.req.path.slice(0, 100)} answers ${allow} only.`, requestIdOf(c)), 405, { allow });
    },
  });
}
