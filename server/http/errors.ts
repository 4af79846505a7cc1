import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../../types/v1.js';
import { requestIdOf, type Logger } from './logging.js';

/**
 * An error our API answers with. Thrown anywhere; `onError` turns it into the one error shape.
 *
 * @example throw new ApiError(404, 'member_not_found', 'No member matches this token.')
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The request field at fault, named in the body (`error.field`). */
    readonly field?: string,
  ) {
    super(status, { message });
  }
}

/**
 * The request's body was read by a body parser in front of the app (a global `express.json()`)
 * and the bytes a route needs are gone. 500, not 4xx: the server's setup is at fault, not the
 * caller, and a webhook sender retries a 5xx — so deliveries arrive once the setup is fixed.
 */
export class RawBodyUnavailable extends ApiError {
  constructor() {
    super(500, 'raw_body_unavailable', 'This server read the request body before referral-share could, so it cannot be checked. The server must mount referral-share before its body parser.');
  }
}

/** What the log says to do about {@link RawBodyUnavailable}. */
export const RAW_BODY_FIX =
  'mount referral-share before any body parser (before app.use(express.json())), or keep the raw bytes: express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })';

export const errorBody = (code: string, message: string, requestId?: string, field?: string): ErrorBody => ({
  error: { code, message, ...(field ? { field } : {}), ...(requestId ? { requestId } : {}) },
});

/**
 * Builds `app.onError`: every failure becomes `{ error: { code, message, requestId } }`; unknown
 * ones a bare 500, logged by name only.
 */
export function errorHandler(log: Logger = () => {}) {
  return function handleError(err: Error, c: Context): Response {
    if (err instanceof RawBodyUnavailable) {
      log({ level: 'error', msg: `request body already read by a body parser: ${RAW_BODY_FIX}`, path: c.req.path.slice(0, 200), requestId: requestIdOf(c) });
    }
    if (err instanceof ApiError) {
      return c.json(errorBody(err.code, err.message, requestIdOf(c), err.field), err.status, err.headers);
    }
    if (err instanceof HTTPException) {
      // Hono's own middleware (body limit, CORS, …) throws these: keep their status, our shape.
      const status = err.status as ContentfulStatusCode;
      return c.json(errorBody(codeForStatus(status), err.message || 'The request was refused.', requestIdOf(c)), status);
    }
    // Never echo the error: it may hold a stack, an upstream URL or a credential.
    log({ level: 'error', msg: 'unhandled error', name: err.name, requestId: requestIdOf(c) });
    return c.json(errorBody('internal_error', 'Something went wrong on our side.', requestIdOf(c)), 500);
  };
}

/** `app.notFound`. */
export const handleNotFound = (c: Context): Response =>
  c.json(errorBody('not_found', `No route for ${c.req.method.slice(0, 10)} ${c.req.path.slice(0, 200)}.`, requestIdOf(c)), 404);

function codeForStatus(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 413) return 'payload_too_large';
  if (status < 500) return 'bad_request';
  return 'internal_error';
}
