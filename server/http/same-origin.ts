import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/**
 * Refuses a state-changing request that did not come from our own page: any web page may POST
 * `text/plain` or a form to `127.0.0.1` without asking (no CORS preflight), so
 *
 * - the body must be declared `application/json` (which a cross-origin page cannot send without a
 *   preflight, and the route grants none): else `415 unsupported_media_type`;
 * - an `Origin` header, when sent, must be one of `origins` — compared with the server's own
 *   addresses, never with the request's `Host`, which a DNS-rebinding page controls: else
 *   `403 cross_origin`;
 * - a `Sec-Fetch-Site` header, when sent, must be `same-origin`: else `403 cross_origin`.
 *
 * A request with neither header (curl, a script) is let through: browsers send `Origin` with every
 * POST, and a client outside the browser could call the sandbox directly anyway.
 *
 * @example app.use('/demo/simulate/*', sameOriginJson(ownOrigins({ host: '127.0.0.1', port: 8787 })))
 */
export function sameOriginJson(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins.map((origin) => origin.toLowerCase()));
  return async function sameOriginJsonMiddleware(c, next) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if ((site !== undefined && site !== 'same-origin') || (origin !== undefined && !allowed.has(origin.toLowerCase()))) {
      throw new ApiError(403, 'cross_origin', 'This step answers only to the demo page of this server (same origin).');
    }
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
    }
    await next();
  };
}

/**
 * The origins a browser shows for pages of this server: `http://` + each loopback name
 * (`127.0.0.1`, `localhost`, `[::1]`) and the host it listens on, at its port, plus `PUBLIC_URL`'s
 * origin when set.
 *
 * @example ownOrigins({ host: '0.0.0.0', port: 8787 }) // ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']
 */
export function ownOrigins({ host, port, publicUrl }: { host: string; port: number; publicUrl?: string }): string[] {
  const wildcard = host === '' || host === '0.0.0.0' || host === '::';
  const hosts = new Set(['127.0.0.1', 'localhost', '[::1]', ...(wildcard ? [] : [host.includes(':') && !host.startsWith('[') ? `[${host}]` : host])]);
  // A browser leaves the default port out of an origin.
  const origins = [...hosts].map((name) => (port === 80 ? `http://${name}` : `http://${name}:${port}`));
  if (publicUrl) origins.push(new URL(publicUrl).origin);
  return origins;
}
