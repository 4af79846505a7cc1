import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, createAppParts, type AppDependencies } from '../app.js';
import type { SandboxMountOptions } from './sandbox-mount.js';
import { ConfigError, type ServerConfig } from '../config.js';
import { isoTimestamp, type Logger } from '../http/logging.js';
import { faultSettingsFromEnv } from '../sandbox/faults.js';
import { sandboxStorageFromEnv } from '../sandbox/persistence.js';
import { nodeSeam } from './node-seam.js';
import { appDependenciesFrom, configFrom } from './seam.js';
import { openSharedState } from './shared-state.js';
import { announceStart, serverUrl } from './startup.js';
import { staticFileHeaders } from './static-files.js';

export interface RunningServer {
  url: string;
  config: ServerConfig;
  /** Settles when the webhook subscription made at start is done (0 when none was made). */
  webhooksSubscribed: Promise<number>;
  close(): Promise<void>;
}

// The project folder: two up from `server/runtime/node.ts`; above `dist/` when bundled into `dist/server/…`.
const distServerAt = import.meta.url.lastIndexOf('/dist/server/');
const projectRoot = fileURLToPath(distServerAt >= 0 ? import.meta.url.slice(0, distServerAt + 1) : new URL('../..', import.meta.url));

export { nodeSeam } from './node-seam.js';
export { nodeHandler, type NextFunction, type NodeHandler, type NodeHandlerOptions } from './node-handler.js';

/**
 * Starts the backend on Node: the Hono app, plus (in sandbox mode) the demo page and the built
 * widget. `PORT=0` picks a free port. Request logs go to `log` as JSON lines. Subscribes to
 * webhooks at start: to its own sandbox in sandbox mode, to Referral Rock when `PUBLIC_URL` is set.
 *
 * @example const server = await startNodeServer(process.env)
 */
export async function startNodeServer(
  env: Record<string, string | undefined>,
  log: (line: string) => void = console.log,
  deps: AppDependencies = {},
  /** Sandbox mode: a starting state of the caller's, instead of SANDBOX_SEED / SANDBOX_DATA's. */
  sandboxStorage?: SandboxMountOptions['storage'],
): Promise<RunningServer> {
  const port = env.PORT?.trim() === '0' ? await freePort(env.HOST?.trim() || '127.0.0.1') : undefined;
  const seam = nodeSeam(port === undefined ? env : { ...env, PORT: String(port) });
  const config = configFrom(seam);
  const faults = faultSettingsFromEnv(env);
  if (faults.problems.length > 0) throw new ConfigError(faults.problems);
  const logEntry: Logger = (entry) => log(JSON.stringify({ time: isoTimestamp(), ...entry }));
  // REDIS_URL: shared with the other instances; else memory. One given in `deps` is the caller's to close.
  const sharedState = deps.sharedState ?? (await openSharedState(config, logEntry));
  const appDeps: AppDependencies = { log: logEntry, sharedState, ...appDependenciesFrom(seam), ...deps };
  const parts = createAppParts(config, appDeps);
  const app = createApp(config, appDeps, parts);
  if (config.mode === 'sandbox') {
    // SANDBOX_SEED / SANDBOX_DATA: files, so read here, not in the runtime-neutral app.
    const { mountSandbox } = await import('./sandbox-mount.js');
    mountSandbox(app, config, parts, { faults: faults.settings, storage: sandboxStorage ?? (await sandboxStorageFromEnv(env)) });
  }
  // The demo page lives in the repository, not in the installed package (`dist/` alone).
  const hasDemo = config.mode === 'sandbox' && existsSync(join(projectRoot, 'demo/index.html'));
  if (config.mode === 'sandbox') {
    // Node-only static files stay out of createApp so the app itself runs on edge runtimes.
    app.use('/dist/*', staticFileHeaders(projectRoot), unsatisfiableRange(projectRoot), serveStatic({ root: projectRoot }));
  }
  if (hasDemo) {
    app.get('/', staticFileHeaders(projectRoot, 'demo/index.html'), unsatisfiableRange(projectRoot, 'demo/index.html'), serveStatic({ path: `${projectRoot}/demo/index.html` }));
    app.use('/demo/*', staticFileHeaders(projectRoot), unsatisfiableRange(projectRoot), serveStatic({ root: projectRoot }));
  }
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => reject(listenFailure(err, config.host, config.port)));
  }).catch(async (err: unknown) => {
    if (deps.sharedState === undefined) await sharedState.close();
    throw err;
  });
  const url = serverUrl(config.host, config.port);
  const webhooksSubscribed = announceStart({ config, parts, url, runtime: seam.name, print: log });
  if (hasDemo) log(`referral-share: demo at ${url}/`);
  else if (config.mode === 'sandbox') log(`referral-share: no demo page in the installed package (it comes with the repository); the API is at ${url}/v1/me, readiness at ${url}/readyz`);
  return {
    url,
    config,
    webhooksSubscribed,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (deps.sharedState === undefined) await sharedState.close();
    },
  };
}

/**
 * 416 for a `Range` the file cannot satisfy — reversed (`bytes=500-100`), starting past its end,
 * several ranges, or not bytes — with `Content-Range: bytes *\/size`, before `serveStatic`, which
 * would throw (500) or promise bytes it never sends. A satisfiable range is left to `serveStatic`.
 */
function unsatisfiableRange(root: string, fixedPath?: string): MiddlewareHandler {
  return async function unsatisfiableRangeMiddleware(c, next) {
    const range = c.req.header('range');
    if (range === undefined) return next();
    const relativePath = fixedPath ?? safeDecode(c.req.path);
    if (relativePath === undefined) return next();
    const file = normalize(join(root, relativePath));
    if (!file.startsWith(normalize(root))) return next(); // serveStatic refuses traversal itself
    let size: number;
    try {
      const stats = statSync(file);
      if (!stats.isFile()) return next();
      size = stats.size;
    } catch {
      return next();
    }
    const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    const start = match?.[1] ? Number(match[1]) : undefined;
    const end = match?.[2] ? Number(match[2]) : undefined;
    const satisfiable = match !== null && (start !== undefined ? start < size && (end === undefined || start <= end) : end !== undefined && end > 0);
    if (satisfiable) return next();
    return c.body(null, 416, { 'content-range': `bytes */${size}` });
  };
}

/** A listen error in one sentence: a busy port says which and what to do, never a stack. */
function listenFailure(err: NodeJS.ErrnoException, host: string, port: number): Error {
  if (err.code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use (another server?): stop it, or set PORT to a free port (PORT=0 picks one).`);
  if (err.code === 'EACCES') return new Error(`may not listen on port ${port} on ${host} (ports below 1024 need privileges): set PORT to 1024 or above.`);
  if (err.code === 'EADDRNOTAVAIL') return new Error(`HOST ${host} is not an address of this machine: set HOST to one (127.0.0.1, 0.0.0.0).`);
  return new Error(`could not listen on ${host}:${port} (${err.code ?? err.message}).`);
}

function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
