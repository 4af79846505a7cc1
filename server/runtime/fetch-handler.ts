import type { ExecutionContext, Hono } from 'hono';
import { createApp, createAppParts, type AppDependencies, type AppParts } from '../app.js';
import type { ServerConfig } from '../config.js';
import { errorBody } from '../http/errors.js';
import { normalizeBasePath, requestUnderBase } from './base-path.js';
import type { SandboxMountOptions } from './sandbox-mount.js';

/** Environment variables as a runtime hands them over (`process.env`, `Bun.env`, Worker bindings). */
export type RuntimeEnv = Record<string, string | undefined>;

/**
 * A standard fetch handler: what Workers, Bun and Deno serve. `env` and `ctx` are the runtime's own
 * second and third arguments (Bun's server, Deno's connection info, a Worker's bindings and
 * execution context), passed on to the app as Hono's `c.env` and `c.executionCtx`.
 */
export type FetchHandler = (request: Request, env?: unknown, ctx?: ExecutionContext) => Response | Promise<Response>;

export interface FetchHandlerOptions {
  /**
   * Where this server is reached (`http://127.0.0.1:8787`), once the entry listens: in sandbox mode
   * the members' links are built on it (or on `PUBLIC_URL`). Left out on Workers, where there is no
   * listening address: the first request's URL is taken, which Cloudflare routes only for your own
   * hostnames (`PUBLIC_URL` wins when set).
   */
  baseUrl?: string;
  /**
   * Where the app is mounted in a bigger server (`/api/rewards` for a Next.js route handler at
   * `app/api/rewards/[...path]/route.ts`): taken off each request's path; a request outside it is
   * answered 404. Default `/`.
   */
  basePath?: string;
}

/**
 * The app as one fetch handler for runtimes that serve `Request → Response` (Cloudflare Workers,
 * Bun, Deno), from a configuration `loadConfig` validated.
 *
 * In sandbox mode (no `REFERRALROCK_API_KEY`) the embedded sandbox is called in-process, since an
 * edge runtime cannot always reach its own address. Its links name `PUBLIC_URL`, else the base URL
 * the entry gives — never a `Host` header a client chose.
 *
 * @example Deno.serve(createFetchHandler(loadConfig(Deno.env.toObject()), {}, { baseUrl: 'http://127.0.0.1:8787' }))
 */
export function createFetchHandler(config: ServerConfig, deps: AppDependencies = {}, options: FetchHandlerOptions = {}): FetchHandler {
  const basePath = normalizeBasePath(options.basePath);
  const known = config.publicUrl ?? (options.baseUrl === undefined ? undefined : `${options.baseUrl.replace(/\/+$/, '')}${basePath}`);
  let served = config.mode === 'live' || known !== undefined ? createServedApp(config, deps, known ?? '') : undefined;
  return async (request, env, ctx) => {
    const inner = requestUnderBase(request, basePath);
    if (inner === undefined) return Response.json(errorBody('not_found', `No route for ${request.method.slice(0, 10)} outside ${basePath}.`), { status: 404 });
    served ??= createServedApp(config, deps, `${new URL(request.url).origin}${basePath}`);
    return (await served).app.fetch(inner, env, ctx);
  };
}

/** The app an entry serves, and the parts it was built with (for start-up: subscribing webhooks). */
export interface ServedApp {
  app: Hono;
  parts: AppParts;
}

/**
 * The app a fetch-style entry serves: `createApp`, and in sandbox mode wired to its in-process
 * sandbox, whose links name `PUBLIC_URL` or else `baseUrl` (this server's address, with the path
 * the app is mounted at: `http://127.0.0.1:3000/rewards`). The sandbox is imported only in sandbox
 * mode, so a live bundle that splits its chunks never loads it.
 *
 * @example const { app } = await createServedApp(config, deps, 'http://127.0.0.1:8787')
 */
export async function createServedApp(config: ServerConfig, deps: AppDependencies, baseUrl: string, sandbox: SandboxMountOptions = {}): Promise<ServedApp> {
  if (config.mode === 'live') {
    const parts = createAppParts(config, deps);
    return { app: createApp(config, deps, parts), parts };
  }
  const { mountSandbox } = await import('./sandbox-mount.js');
  const base = (config.publicUrl ?? baseUrl).replace(/\/+$/, '');
  // The sandbox's public address carries the mount; its calls in-process go to the app without it.
  const mountPath = new URL(base).pathname.replace(/\/+$/, '');
  const sandboxConfig = { ...config, upstreamUrl: `${base}/sandbox` };
  const sandboxDeps: AppDependencies = {
    ...deps,
    fetch: (input, init) => {
      const request = new Request(input, init);
      return Promise.resolve(app.fetch(requestUnderBase(request, mountPath) ?? request));
    },
  };
  const parts = createAppParts(sandboxConfig, sandboxDeps);
  const app = mountSandbox(createApp(sandboxConfig, sandboxDeps, parts), sandboxConfig, parts, sandbox);
  return { app, parts };
}
