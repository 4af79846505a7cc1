import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { basicAuthorization } from '../upstream/api-key.js';
import { createContext } from './context.js';
import type { HookDeliveryOptions } from './hook-delivery.js';
import { hookRoutes } from './hooks.js';
import { fail } from './http.js';
import { memberAccessRoutes } from './member-access.js';
import { memberRoutes } from './members.js';
import { programRoutes } from './programs.js';
import { referralRoutes } from './referrals.js';
import { rewardIssueRoutes } from './reward-issue.js';
import { rewardRoutes } from './rewards.js';
import { createFaultInjector } from './faults.js';
import { emailUnsubscribeRoutes } from './email-unsubscribe.js';
import { createSeedState } from './seed.js';
import { sharePages } from './share-pages.js';
import type { SandboxState } from './store.js';
import { SandboxError } from './validation.js';

export interface SandboxOptions extends HookDeliveryOptions {
  /** Base64 `publicKey:privateKey` the sandbox accepts, like the real API's key. */
  basicAuth: string;
  /** Where the sandbox is mounted in a bigger app (`/sandbox`), so its links point back at it. */
  mountPath?: string;
  /**
   * The path browsers reach it at, when a server in front takes a prefix off (`/rewards/sandbox`
   * for an app mounted at `/rewards`): its links name this path. Default: `mountPath`.
   */
  linkPath?: string;
  /** Starting state; a fresh default seed when absent. */
  state?: SandboxState;
  /**
   * Called with the (live) state after each change: persistence. An API change's response waits for
   * it; a share page's does not, and says `{ batch: true }` (a save may wait to cover several). It
   * may be called again before an earlier call settles; the writer orders and coalesces.
   */
  onChange?: (state: SandboxState, how?: { batch?: boolean }) => void | Promise<void>;
  /**
   * Called after a request with the id of each member whose numbers it changed (a share or view
   * counted, a referral or reward of theirs written): a cache of that member's stats is stale.
   */
  onMemberChange?: (memberId: string) => void;
  /** The clock (tests move it). */
  now?: () => Date;
}

/** Largest request body: a collection of 100 items fits easily. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The sandbox: a local stand-in of the Referral Rock API with the documented paths and fields.
 * Runtime-neutral (Web APIs only); files and environment are the Node entry's business.
 *
 * @example app.route('/sandbox', createSandbox({ basicAuth, mountPath: '/sandbox' }))
 */
export function createSandbox(options: SandboxOptions) {
  const mountPath = options.mountPath ?? '';
  const ctx = createContext({ ...options, state: options.state ?? createSeedState(), mountPath });
  const expectedAuthorization = basicAuthorization(options.basicAuth);

  const app = new Hono();
  app.onError((err, c) => {
    if (err instanceof SandboxError) return fail(c, err.status, err.message);
    console.error(JSON.stringify({ level: 'error', msg: 'sandbox: unhandled error', name: err.name }));
    return fail(c, 500, 'An error has occurred.');
  });
  app.notFound((c) => fail(c, 404, `No HTTP resource was found that matches the request URI '${c.req.path}'.`));

  // An API change is saved (onChange) before its response leaves: an answered request is a kept one.
  // A share page's hit is not waited for (context.ts); the writer batches those.
  app.use('*', async function persistChanges(_c, next) {
    await next();
    await ctx.flush();
  });

  const faults = createFaultInjector(options);
  app.use('/api/*', faults.inject); // latency, errors, 429, hangs, bad JSON on api/* (faults.ts)

  // Public share pages: what a friend sees after following a member's link. No key needed.
  app.route('/', sharePages(ctx));

  const requireApiKey: MiddlewareHandler = async function requireApiKey(c, next) {
    if (c.req.header('authorization') !== expectedAuthorization) return fail(c, 401, 'Authorization has been denied for this request.');
    await next();
  };
  app.use('/api/*', requireApiKey);
  // The fault switch: at this one path, for whoever holds the key (anyone could break the sandbox otherwise).
  app.use('/_faults', requireApiKey);
  app.route('/_faults', faults.routes);
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 413, 'The request body is too large.') }));

  for (const routes of [programRoutes, memberRoutes, memberAccessRoutes, referralRoutes, rewardRoutes, rewardIssueRoutes, hookRoutes, emailUnsubscribeRoutes]) {
    app.route('/api', routes(ctx));
  }

  // Referral Rock answers a known path with the wrong method with 405, an unknown one with 404.
  const knownPaths = app.routes.filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*').map((r) => new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}$`));
  app.all('/api/*', (c) => {
    const path = c.req.path.slice(mountPath.length);
    if (!knownPaths.some((known) => known.test(path))) return fail(c, 404, `No HTTP resource was found that matches the request URI '${c.req.path}'.`);
    return fail(c, 405, `The requested resource does not support http method '${c.req.method}'.`);
  });

  return Object.assign(app, { state: ctx.state, hooksIdle: ctx.hooksIdle });
}

export type SandboxApp = ReturnType<typeof createSandbox>;
