/**
 * The HTTP-level guards of the API, as small middleware factories: secure headers, the CORS
 * allowlist, request size limits and 405 answers. Runtime-neutral.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError, errorBody } from './errors.js';

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

/**
 * `hono/cors` for exact origins (`['*']`: any, sandbox mode only), answering `Vary: Origin`. Only
 * a request with an Origin header (or a preflight) can be granted anything; the others — server to
 * server, health checks — skip the CORS work.
 */
export function corsAllowlist(origins: string[]): MiddlewareHandler {
  const anyOrigin = origins.includes('*');
  const grant = cors({
    origin: anyOrigin ? '*' : origins,
    allowHeaders: ['Authorization'],
    allowMethods: ['GET', 'OPTIONS'],
    exposeHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  return function corsAllowlistMiddleware(c, next) {
    if (c.req.header('origin') !== undefined || c.req.method === 'OPTIONS') return grant(c, next);
    if (!anyOrigin) c.header('vary', 'Origin');
    return next();
  };
}

/** 413 for a body over `maxBytes`. GET and HEAD carry none and skip it (reading `body` would make Node's adapter build a full Request). */
export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: maxBytes, onError: () => { throw new ApiError(413, 'payload_too_large', 'The request body is too large.'); } });
  return function bodySizeLimitMiddleware(c, next) {
    return c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next);
  };
}

/**
 * The request's header bytes (names and values, plus 4 a header) as the runtime received them,
 * when it can tell without building a `Headers` (Node: from `rawHeaders`); undefined otherwise.
 */
export type HeaderBytes = (c: Context) => number | undefined;

/** 431 when the request's header names and values add up to more than `maxBytes`. */
export function headerSizeLimit(maxBytes: number, measured: HeaderBytes = () => undefined): MiddlewareHandler {
  return function headerSizeLimitMiddleware(c, next) {
    let bytes = measured(c);
    if (bytes === undefined) {
      bytes = 0;
      c.req.raw.headers.forEach((value, name) => (bytes! += name.length + value.length + 4));
    }
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
      const requestId = c.get('requestId' as never) as string | undefined;
      return c.json(errorBody('method_not_allowed', `${c.req.path.slice(0, 100)} answers ${allow} only.`, requestId), 405, { allow });
    },
  });
}
