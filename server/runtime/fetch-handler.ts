import type { Hono } from 'hono';
import { createApp, type AppDependencies } from '../app.js';
import type { ServerConfig } from '../config.js';

/** Environment variables as a runtime hands them over (`process.env`, `Bun.env`, Worker bindings). */
export type RuntimeEnv = Record<string, string | undefined>;

/** A standard fetch handler: what Workers, Bun and Deno serve. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * The app as one fetch handler for runtimes that serve `Request → Response` (Cloudflare Workers,
 * Bun, Deno), from a configuration `loadConfig` validated.
 *
 * In sandbox mode (no `REFERRALROCK_API_KEY`) the embedded sandbox is called in-process, since an
 * edge runtime cannot always reach its own address; its links name the origin of the first request.
 *
 * @example Deno.serve(createFetchHandler(loadConfig(Deno.env.toObject())))
 */
export function createFetchHandler(config: ServerConfig, deps: AppDependencies = {}): FetchHandler {
  if (config.mode === 'live') {
    const app = createApp(config, deps);
    return (request) => app.fetch(request);
  }
  let sandboxApp: Hono | undefined;
  return (request) => {
    if (!sandboxApp) {
      const app = createApp(
        { ...config, upstreamUrl: `${new URL(request.url).origin}/sandbox` },
        { ...deps, fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))) },
      );
      sandboxApp = app;
    }
    return sandboxApp.fetch(request);
  };
}
