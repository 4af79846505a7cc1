import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { ServerConfig } from './config.js';
import { demoRoutes } from './demo-routes.js';
import { handleError, handleNotFound } from './errors.js';
import { meRoute } from './me-route.js';
import { createReferralRockClient } from './referralrock-client.js';
import { createSandbox, type SandboxOptions } from './sandbox/app.js';

export interface AppDependencies {
  /** The fetch used for upstream calls (tests count or fake them through this). */
  fetch?: typeof fetch;
  /** Sandbox mode: its starting state and persistence, from the Node entry (files are not runtime-neutral). */
  sandbox?: Pick<SandboxOptions, 'state' | 'onChange'>;
}

/**
 * Builds the backend as a Hono app. Runtime-neutral: Web APIs only, so one app serves Node and
 * edge runtimes alike.
 *
 * @example
 * const app = createApp(loadConfig(process.env))
 * serve({ fetch: app.fetch, port: 8787 })
 */
export function createApp(config: ServerConfig, deps: AppDependencies = {}) {
  const app = new Hono();
  app.onError(handleError);
  app.notFound(handleNotFound);

  const referralRock = createReferralRockClient({
    baseUrl: config.upstreamUrl,
    basicAuth: config.upstreamBasicAuth,
    timeoutMs: config.upstreamTimeoutMs,
    fetch: deps.fetch,
  });

  app.use(
    '/v1/*',
    cors({ origin: config.allowedOrigins, allowHeaders: ['Authorization'], allowMethods: ['GET', 'OPTIONS'], maxAge: 600 }),
  );
  app.route('/v1', meRoute({ secret: config.memberTokenSecret, referralRock }));

  if (config.mode === 'sandbox') {
    const sandbox = createSandbox({ basicAuth: config.upstreamBasicAuth, mountPath: '/sandbox', ...deps.sandbox });
    app.route('/sandbox', sandbox);
    app.route('/demo', demoRoutes({ secret: config.memberTokenSecret, state: sandbox.state, sandboxUrl: config.upstreamUrl, basicAuth: config.upstreamBasicAuth, fetch: deps.fetch }));
  }
  return app;
}
