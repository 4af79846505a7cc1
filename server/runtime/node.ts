import { serve, type HttpBindings, type ServerType } from '@hono/node-server';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp, type AppDependencies } from '../app.js';
import { ConfigError, loadConfig, type ServerConfig } from '../config.js';
import { isoTimestamp, type Logger } from '../http/logging.js';
import { faultSettingsFromEnv } from '../sandbox/faults.js';
import { subscribeToWebhooks } from '../routes/webhooks.js';
import { sandboxStorageFromEnv } from '../sandbox/persistence.js';

export interface RunningServer {
  url: string;
  config: ServerConfig;
  close(): Promise<void>;
}

// The project folder: two up from `server/runtime/node.ts`; above `dist/` when bundled into `dist/server/…`.
const distServerAt = import.meta.url.lastIndexOf('/dist/server/');
const projectRoot = fileURLToPath(distServerAt >= 0 ? import.meta.url.slice(0, distServerAt + 1) : new URL('../..', import.meta.url));

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
): Promise<RunningServer> {
  const port = env.PORT?.trim() === '0' ? await freePort(env.HOST?.trim() || '127.0.0.1') : undefined;
  const config = loadConfig(port === undefined ? env : { ...env, PORT: String(port) });
  const faults = faultSettingsFromEnv(env);
  if (faults.problems.length > 0) throw new ConfigError(faults.problems);
  const logEntry: Logger = (entry) => log(JSON.stringify({ time: isoTimestamp(), ...entry }));
  const app = createApp(config, {
    log: logEntry,
    // Node-only: the socket's address; TRUST_PROXY decides whether forwarding headers override it.
    connectionAddress: (c) => getConnInfo(c).remote.address,
    // Node-only: headers are read from the raw header lines; `c.req.header()` would build a Headers per request.
    rawHeaderLines: (c: Context<{ Bindings: Partial<HttpBindings> | undefined }>) => c.env?.incoming?.rawHeaders,
    sandboxFaults: faults.settings,
    // SANDBOX_SEED / SANDBOX_DATA: files, so read here, not in the runtime-neutral app.
    ...(config.mode === 'sandbox' ? { sandbox: await sandboxStorageFromEnv(env) } : {}),
    ...deps,
  });
  if (config.mode === 'sandbox') {
    // Node-only static files stay out of createApp so the app itself runs on edge runtimes.
    app.use('/dist/*', serveStatic({ root: projectRoot }));
    app.get('/', serveStatic({ path: `${projectRoot}/demo/index.html` }));
    app.use('/demo/*', serveStatic({ root: projectRoot }));
  }
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
  });
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${shownHost}:${config.port}`;
  if (config.mode === 'sandbox') {
    log(`referral-share: SANDBOX mode (no REFERRALROCK_API_KEY): upstream is the embedded sandbox at ${url}/sandbox, offline.`);
    if (config.memberTokenSecretGenerated) {
      log('referral-share: warning: MEMBER_TOKEN_SECRET is not set; generated a random one for this run. Tokens from `npm run token` need the same secret.');
    }
    log(`referral-share: demo at ${url}/`);
  } else {
    log(`referral-share: LIVE mode: upstream is ${config.upstreamUrl}`);
  }
  log(`referral-share: listening on ${url}`);
  const hooksUrl = config.mode === 'sandbox' ? url : config.publicUrl;
  if (hooksUrl !== undefined) {
    // Not awaited: a slow upstream must not hold the server's start.
    void subscribeToWebhooks({ referralRock: app.referralRock, publicUrl: hooksUrl, secret: config.webhookSecret, log: logEntry });
  }
  return {
    url,
    config,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
