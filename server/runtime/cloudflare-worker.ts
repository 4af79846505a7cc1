/**
 * What both Cloudflare Workers entries share: the Workers side of the seam, and a Worker built once
 * per bindings object from the configuration they hold. The live entry (`cloudflare.ts`) and the
 * sandbox entry (`cloudflare-sandbox.ts`) differ only in the handler they build from it.
 */
import type { Context, ExecutionContext } from 'hono';
import type { AppDependencies } from '../app.js';
import { ConfigError, type ServerConfig } from '../config.js';
import { errorBody } from '../http/errors.js';
import { durableSharedState } from './cloudflare-durable.js';
import type { FetchHandler } from './fetch-handler.js';
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

/** Logged when the live entry is deployed without a key (the caller gets 500 `server_misconfigured`). */
export const LIVE_ONLY_PROBLEM =
  'REFERRALROCK_API_KEY must be set: this Worker entry serves live mode only and carries no sandbox. For a demo Worker on the sandbox, deploy referral-share/server/cloudflare-sandbox (this repository: npx wrangler dev --env sandbox).';

/** A Worker's default export: `fetch(request, bindings, ctx)`. */
export interface WorkerEntry {
  fetch(request: Request, bindings?: Record<string, unknown>, ctx?: ExecutionContext): Promise<Response>;
}

/**
 * A Worker serving what `handlerFor` builds from its bindings' configuration (and the Durable Object
 * shared state when `SHARED_STATE` is bound). A `ConfigError` — from the configuration or thrown by
 * `handlerFor` — answers 500 `server_misconfigured` and is logged, the reasons never to the caller.
 *
 * @example export default workerEntry((config, deps) => createFetchHandler(config, deps))
 */
export function workerEntry(handlerFor: (config: ServerConfig, deps: AppDependencies) => FetchHandler): WorkerEntry {
  // Bindings are fixed for the life of an isolate: build the handler once per bindings object.
  const handlers = new WeakMap<object, FetchHandler | ConfigError>();
  const handlerOf = (bindings: Record<string, unknown>): FetchHandler | ConfigError => {
    let handler = handlers.get(bindings);
    if (!handler) {
      const seam = workersSeam(bindings);
      try {
        const sharedState = durableSharedState(bindings);
        handler = handlerFor(configFrom(seam), { ...appDependenciesFrom(seam), ...(sharedState ? { sharedState } : {}) });
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        console.error(err.message);
        handler = err;
      }
      handlers.set(bindings, handler);
    }
    return handler;
  };
  return {
    async fetch(request, bindings = {}, ctx) {
      const handler = handlerOf(bindings);
      if (handler instanceof ConfigError) {
        // The operator reads the details in the Worker's logs; a caller only learns it is not them.
        return Response.json(errorBody('server_misconfigured', 'The server is not configured correctly.'), { status: 500 });
      }
      return handler(request, bindings, ctx);
    },
  };
}
