/**
 * The backend inside a Node server the shop already runs: one request listener that is also
 * Express/Connect middleware, and works under Fastify and Koa through their raw request.
 */
import { getRequestListener } from '@hono/node-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDependencies } from '../app.js';
import { ConfigError, type ServerConfig } from '../config.js';
import { errorBody } from '../http/errors.js';
import { isoTimestamp, type Logger } from '../http/logging.js';
import { faultSettingsFromEnv } from '../sandbox/faults.js';
import { sandboxStorageFromEnv } from '../sandbox/persistence.js';
import { normalizeBasePath, pathUnderBase } from './base-path.js';
import { createServedApp, type ServedApp } from './fetch-handler.js';
import { subscribeWebhooks } from './startup.js';
import { nodeRequest } from './node-request.js';
import { appDependenciesFrom, configFrom } from './seam.js';
import { openSharedState } from './shared-state.js';
import { nodeSeam } from './node-seam.js';

export interface NodeHandlerOptions {
  /** The path it answers under, as the browser sees it (`/rewards` → `/rewards/v1/me`). Default `/`. */
  basePath?: string;
  /** The configuration variables (`process.env`): the same names as every other entry. */
  env: Record<string, string | undefined>;
  /** Where log lines go, one JSON text each (default `console.log`). */
  log?: (line: string) => void;
  /** Parts to swap in (tests; a shared state the caller owns and closes). */
  deps?: AppDependencies;
}

/** `next` of Express and Connect; Koa's `next` fits too. */
export type NextFunction = (err?: unknown) => unknown;

/**
 * What the handler needs of Node's `http.IncomingMessage` — Express's `req`, Koa's `ctx.req`,
 * Fastify's `request.raw` — written out so its types need no `@types/node`.
 */
export interface NodeRequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string; localAddress?: string; localPort?: number };
}

/** What the handler needs of Node's `http.ServerResponse` (Koa's `ctx.res`, Fastify's `reply.raw`). */
export interface NodeResponseLike {
  writeHead(statusCode: number, headers?: Record<string, string>): unknown;
  end(chunk?: string): unknown;
}

/** A Node request listener that is also Express/Connect middleware. */
export interface NodeHandler {
  (req: NodeRequestLike, res: NodeResponseLike, next?: NextFunction): Promise<unknown>;
  readonly config: ServerConfig;
  /**
   * Settles when the webhook subscription is done: in sandbox mode once the first request told the
   * real address (the sandbox subscribes this mount), in live mode at once when `PUBLIC_URL` is set.
   */
  readonly webhooksSubscribed: Promise<number>;
  /** Closes the shared state it opened (Redis). */
  close(): Promise<void>;
}

/**
 * The backend as a Node request listener mounted at `basePath` in your own server: Express 5,
 * Connect, Fastify, Koa or `node:http`. The client address is the socket's (`TRUST_PROXY` as
 * everywhere). In sandbox mode the sandbox runs in-process; its links and webhooks name this
 * mount at the server's real address and port (or `PUBLIC_URL`, which must then end with `basePath`).
 * A request outside `basePath` goes to `next()`, or is answered 404 when there is none.
 *
 * @example
 * const rewards = await nodeHandler({ basePath: '/rewards', env: process.env })
 * app.use(rewards) // Express, before app.use(express.json()) or after it
 * http.createServer(rewards).listen(3000) // or on its own
 */
export async function nodeHandler(options: NodeHandlerOptions): Promise<NodeHandler> {
  const basePath = normalizeBasePath(options.basePath);
  const seam = nodeSeam(options.env);
  const config = configFrom(seam);
  const faults = faultSettingsFromEnv(options.env);
  const problems = [...faults.problems];
  if (config.publicUrl !== undefined && basePath !== '' && !new URL(config.publicUrl).pathname.replace(/\/+$/, '').endsWith(basePath)) {
    problems.push(`PUBLIC_URL must name the mount, ending with ${basePath} (like https://shop.example.com${basePath}), got "${config.publicUrl}".`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const print = options.log ?? console.log;
  const log: Logger = (entry) => print(JSON.stringify({ time: isoTimestamp(), ...entry }));
  const sharedState = options.deps?.sharedState ?? (await openSharedState(config, log));
  const deps: AppDependencies = {
    log,
    sharedState,
    ...appDependenciesFrom(seam),
    ...options.deps,
  };
  const sandbox = config.mode === 'sandbox' ? { faults: faults.settings, storage: await sandboxStorageFromEnv(options.env) } : {};

  let subscribed!: (count: Promise<number>) => void;
  const webhooksSubscribed = new Promise<number>((resolve) => (subscribed = (count) => void count.then(resolve, () => resolve(0))));
  const subscribe = (served: ServedApp, publicUrl: string) => subscribed(subscribeWebhooks(config, served.parts, publicUrl));

  let app: Promise<ServedApp> | undefined;
  if (config.mode === 'live') {
    app = createServedApp(config, deps, '');
    if (config.publicUrl !== undefined) void app.then((served) => subscribe(served, config.publicUrl as string));
    else subscribed(Promise.resolve(0));
  }
  print(`referral-share: ${config.mode === 'live' ? `LIVE mode: upstream is ${config.upstreamUrl}` : 'SANDBOX mode (no REFERRALROCK_API_KEY), in-process'}; mounted at ${basePath || '/'}`);

  /** The sandbox's app, made at the first request: only then is the real address known. */
  const appFor = (incoming: IncomingMessage): Promise<ServedApp> => {
    if (app) return app;
    const base = config.publicUrl ?? `${socketOrigin(incoming)}${basePath}`;
    app = createServedApp(config, deps, base, sandbox);
    void app.then((served) => subscribe(served, base.replace(/\/+$/, '')));
    return app;
  };

  const listener = getRequestListener(
    (lazy, env) => {
      const { incoming, outgoing } = env as { incoming: IncomingMessage; outgoing: ServerResponse };
      const abort = new AbortController();
      outgoing.once('close', () => {
        if (!outgoing.writableFinished) abort.abort(new Error('client connection closed'));
      });
      const [path, query] = splitQuery(pathOf(incoming));
      const inner = `${pathUnderBase(path, basePath) ?? '/'}${query}`;
      const request = nodeRequest(incoming, `${new URL(lazy.url).origin}${inner}`, lazy.headers, abort.signal);
      if (request === undefined) return Response.json(errorBody('method_not_allowed', `${(incoming.method ?? '').slice(0, 10)} is not answered here.`), { status: 405 });
      return appFor(incoming).then((served) => served.app.fetch(request, env));
    },
    // Never replace the host server's global Request and Response (Hono's default does).
    { overrideGlobalObjects: false },
  );

  const handler = async (req: NodeRequestLike, res: NodeResponseLike, next?: NextFunction): Promise<unknown> => {
    const incoming = req as IncomingMessage;
    if (pathUnderBase(splitQuery(pathOf(incoming))[0], basePath) === undefined) {
      if (next) return next();
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(errorBody('not_found', `No route for ${(req.method ?? '').slice(0, 10)} outside ${basePath}.`)));
      return;
    }
    return listener(incoming, res as ServerResponse);
  };
  return Object.assign(handler, {
    config,
    webhooksSubscribed,
    close: async () => {
      if (options.deps?.sharedState === undefined) await sharedState.close();
    },
  });
}


/** The path as the browser sent it: Express keeps it in `originalUrl` when a mount path shortened `url`. */
function pathOf(req: IncomingMessage): string {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
}

/** `/a/b?x=1` → `['/a/b', '?x=1']`. */
function splitQuery(target: string): [string, string] {
  const at = target.indexOf('?');
  return at < 0 ? [target, ''] : [target.slice(0, at), target.slice(at)];
}

/** This server's own address and port, from the socket — never a `Host` header a client chose. */
function socketOrigin(req: IncomingMessage): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return `${scheme}://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
}
