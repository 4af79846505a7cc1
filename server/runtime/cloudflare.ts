/**
 * Cloudflare Workers entry (`referral-share/server/cloudflare`, `main` of `wrangler.toml`). The
 * configuration comes from the Worker's vars and secrets, with the same names as everywhere else.
 * There is no start on Workers: subscribe the webhook receiver once with `npm run webhooks:subscribe`.
 *
 * With a Durable Object namespace bound as `SHARED_STATE` (class `SharedStateObject`, exported
 * here), every isolate shares the caches, single flight and rate limits; without, each isolate
 * keeps its own.
 *
 * @example
 * // src/worker.ts of your own Worker
 * export { default, SharedStateObject } from 'referral-share/server/cloudflare'
 */
import type { Context, ExecutionContext } from 'hono';
import { ConfigError } from '../config.js';
import { errorBody } from '../http/errors.js';
import { durableSharedState } from './cloudflare-durable.js';
import { createFetchHandler, type FetchHandler } from './fetch-handler.js';
import { appDependenciesFrom, configFrom, type RuntimeSeam } from './seam.js';

/**
 * Workers' side of the seam: bindings by name, the client's address from `cf-connecting-ip` (set by
 * Cloudflare on every request, overwriting what a client sent; Hono's `getConnInfo` for Workers
 * reads the same header), and `waitUntil` for work past the response.
 */
export const workersSeam = (bindings: Record<string, unknown>): RuntimeSeam => ({
  name: 'Cloudflare Workers',
  readVariable: (name) => bindings[name],
  connectionAddress: (c: Context) => c.req.header('cf-connecting-ip'),
  waitUntil: (c, work) => c.executionCtx.waitUntil(work),
});

export { SharedStateObject } from '../state/durable-object.js';

// Bindings are fixed for the life of an isolate: build the app once per bindings object.
const handlers = new WeakMap<object, FetchHandler | ConfigError>();

function handlerFor(bindings: Record<string, unknown>): FetchHandler | ConfigError {
  let handler = handlers.get(bindings);
  if (!handler) {
    const seam = workersSeam(bindings);
    try {
      const sharedState = durableSharedState(bindings);
      handler = createFetchHandler(configFrom(seam), { ...appDependenciesFrom(seam), ...(sharedState ? { sharedState } : {}) });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      console.error(err.message);
      handler = err;
    }
    handlers.set(bindings, handler);
  }
  return handler;
}

export default {
  async fetch(request: Request, bindings: Record<string, unknown> = {}, ctx?: ExecutionContext): Promise<Response> {
    const handler = handlerFor(bindings);
    if (handler instanceof ConfigError) {
      // The operator reads the details in the Worker's logs; a caller only learns it is not them.
      return Response.json(errorBody('server_misconfigured', 'The server is not configured correctly.'), { status: 500 });
    }
    return handler(request, bindings, ctx);
  },
};
