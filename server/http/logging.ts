import type { Context, MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { requestId, type RequestIdVariables } from 'hono/request-id';

/** One structured log entry; the sink writes it as one JSON line. */
export type LogEntry = { level: 'debug' | 'info' | 'warn' | 'error'; msg: string } & Record<string, string | number | boolean | null | undefined>;
export type Logger = (entry: LogEntry) => void;

let isoMs = Number.NaN;
let isoText = '';

/** The time now as ISO 8601, built once per millisecond (a busy server logs several lines in one). */
export function isoTimestamp(): string {
  const now = Date.now();
  if (now !== isoMs) {
    isoMs = now;
    isoText = new Date(now).toISOString();
  }
  return isoText;
}

/** The default sink: one JSON line on stdout (errors on stderr). */
export const jsonLineLogger: Logger = (entry) => {
  const line = JSON.stringify({ time: isoTimestamp(), ...entry });
  if (entry.level === 'error') console.error(line);
  else console.log(line);
};

export type RequestLogEnv = { Variables: RequestIdVariables };

/** The id `hono/request-id` gave the request (undefined before it ran, as in a bare sub-app). */
export const requestIdOf = (c: Context): string | undefined => (c as Context<RequestLogEnv>).get('requestId');

/**
 * Middleware: a request id (`hono/request-id`: the caller's `X-Request-Id` when well formed and 64
 * characters at most, else a random UUID, echoed in the response header) and one log line per request. The line holds the method, the path with
 * anything like an e-mail address blanked, the status and the duration — never the query, a
 * header, a token or a body.
 *
 * @example app.use(requestLogging(jsonLineLogger))
 */
export function requestLogging(log: Logger): MiddlewareHandler<RequestLogEnv> {
  return every(requestId({ limitLength: 64 }), async function requestLoggingMiddleware(c, next) {
    const started = performance.now();
    await next();
    const status = c.res.status;
    log({
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'request',
      requestId: c.get('requestId'),
      method: c.req.method.slice(0, 10),
      path: safePath(c.req.path),
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}

/** What `safePath` blanks: a segment with an `@` (also encoded), or one over 40 characters. */
const SENSITIVE_SEGMENT = /@|%40|[^/]{41}/i;

/** A path fit for a log: bounded, with e-mail-like and token-like segments blanked. */
export function safePath(path: string): string {
  const bounded = path.slice(0, 200);
  // Most paths hold nothing to blank: one test spares splitting and joining them.
  if (!SENSITIVE_SEGMENT.test(bounded)) return bounded;
  return bounded
    .split('/')
    .map((segment) => (SENSITIVE_SEGMENT.test(segment) ? '[redacted]' : segment))
    .join('/');
}
