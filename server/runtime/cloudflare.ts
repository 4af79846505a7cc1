/**
 * Cloudflare Workers entry (`referral-share/server/cloudflare`, `main` of `wrangler.toml`). The
 * configuration comes from the Worker's vars and secrets, with the same names as everywhere else.
 *
 * @example
 * // src/worker.ts of your own Worker
 * export { default } from 'referral-share/server/cloudflare'
 */
import { ConfigError, loadConfig } from '../config.js';
import { errorBody } from '../http/errors.js';
import { createFetchHandler, type FetchHandler, type RuntimeEnv } from './fetch-handler.js';

// Bindings are fixed for the life of an isolate: build the app once per bindings object.
const handlers = new WeakMap<object, FetchHandler | ConfigError>();

function handlerFor(bindings: Record<string, unknown>): FetchHandler | ConfigError {
  let handler = handlers.get(bindings);
  if (!handler) {
    const env: RuntimeEnv = {};
    for (const [name, value] of Object.entries(bindings)) if (typeof value === 'string') env[name] = value;
    try {
      handler = createFetchHandler(loadConfig(env));
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
  async fetch(request: Request, bindings: Record<string, unknown> = {}): Promise<Response> {
    const handler = handlerFor(bindings);
    if (handler instanceof ConfigError) {
      // The operator reads the details in the Worker's logs; a caller only learns it is not them.
      return Response.json(errorBody('server_misconfigured', 'The server is not configured correctly.'), { status: 500 });
    }
    return handler(request);
  },
};
