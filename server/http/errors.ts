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
  ) {
    super(status, { message });
  }
}

export const errorBody = (code: string, message: string, requestId?: string): ErrorBody => ({
  error: { code, message, ...(requestId ? { requestId } : {}) },
});

/**
 * Builds `app.onError`: every failure becomes `{ error: { code, message, requestId } }`; unknown
 * ones a bare 500, logged by name only.
 */
export function errorHandler(log: Logger = () => {}) {
  return function handleError(err: Error, c: Context): Response {
    if (err instanceof ApiError) {
      return c.json(errorBody(err.code, err.message, requestIdOf(c)), err.status, err.headers);
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
