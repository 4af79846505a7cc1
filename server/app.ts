import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bucketAddress, clientAddress, type ConnectionAddress } from './security/client-address.js';
import type { ServerConfig } from './config.js';
import { demoRoutes } from './routes/demo.js';
import { errorHandler, handleNotFound, type ApiError } from './http/errors.js';
import { ownOrigins, sameOriginJson } from './http/same-origin.js';
import { healthRoutes } from './routes/health.js';
import { apiHeaders, bodySizeLimit, headerSizeLimit, methodNotAllowedJson } from './http/guards.js';
import { jsonLineLogger, requestLogging, type Logger } from './http/logging.js';
import { memberAuth, type MemberAuthEnv } from './security/member-auth.js';
import { createMemberData } from './members/data.js';
import { identifierKey } from './members/lookup.js';
import { composeKey } from './lib/composite-key.js';
import { createMemberTokenVerifier, type VerifiedMember } from './security/member-token.js';
import { meRoute } from './routes/me.js';
import { createProgramOffers } from './members/program-offers.js';
import { MemoryRateLimitStore, rateLimit, type RateLimitStore } from './security/rate-limit.js';
import { createReferralRockClient } from './upstream/client.js';
import { requestHeaderReader } from './http/request-headers.js';
import { referralsRoute } from './routes/referrals.js';
import { referFriendRoute } from './routes/refer-friend.js';
import { dailyCap } from './referrals/daily-cap.js';
import { idempotentReferrals } from './referrals/idempotency.js';
import { MemorySharedState } from './state/memory-state.js';
import { rewardsRoute } from './routes/rewards.js';
import { createSandbox, type SandboxOptions } from './sandbox/app.js';
import type { SharedState } from './state/types.js';
import type { FaultSettings } from './sandbox/faults.js';
import { WEBHOOK_PATH, webhookRefusals, webhookRoute } from './routes/webhooks.js';
import { subscribeToWebhooks } from './routes/webhook-subscriptions.js';
import { LearnedSigningKeys } from './upstream/webhook-keys.js';

export interface AppDependencies {
  /** The fetch used for upstream calls (tests count or fake them through this). */
  fetch?: typeof fetch;
  /** Where log entries go (default: one JSON line each on stdout). */
  log?: Logger;
  /**
   * The client's address as the runtime knows it (see `server/runtime/seam.ts`: the connection's, or
   * on Workers `cf-connecting-ip`); TRUST_PROXY decides whether a proxy's header overrides it.
   */
  connectionAddress?: ConnectionAddress;
  /** Keeps background work alive past the response where the runtime needs telling (Workers' `waitUntil`). */
  waitUntil?: (c: Context, work: Promise<unknown>) => void;
  /** Rate-limit buckets; those of `sharedState`, else in memory. */
  rateLimitStore?: RateLimitStore;
  /**
   * The state several instances share (`createSharedState`: Redis from `REDIS_URL`, or memory):
   * the upstream cache, member aliases, single flight, invalidations and rate limits. Its owner
   * (the runtime entry) closes it. Without it, everything lives in this process.
   */
  sharedState?: SharedState;
  /** Sandbox mode: its starting state and persistence, from the Node entry (files are not runtime-neutral). */
  sandbox?: Pick<SandboxOptions, 'state' | 'onChange'>;
  /** Sandbox mode: faults to inject from the start. */
  sandboxFaults?: Partial<FaultSettings>;
}

/** Largest total of request header names and values accepted, in bytes. */
const MAX_HEADER_BYTES = 16 * 1024;
/** Largest request body any `/v1` route accepts. */
const MAX_BODY_BYTES = 256 * 1024;

/** One bucket per member, however the token spells it (ASCII case folded, as the cache keys are), whatever its program. */
const memberRateKey = (member: VerifiedMember): string => composeKey('member', identifierKey(member.claim, member.value));

/**
 * Builds the backend as a Hono app. Runtime-neutral: Web APIs only, so one app serves Node and
 * edge runtimes alike, reading requests the same way on each; what only the runtime knows (the
 * client's address, background work) comes in through `deps`, from the entry's `RuntimeSeam`.
 *
 * @example
 * const app = createApp(loadConfig(process.env))
 * serve({ fetch: app.fetch, port: 8787 })
 */
export function createApp(config: ServerConfig, deps: AppDependencies = {}) {
  const log = deps.log ?? jsonLineLogger;
  const app = new Hono();
  const header = requestHeaderReader();
  app.onError(errorHandler(log));
  app.notFound(handleNotFound);
  app.use(requestLogging(log, header));
  // Before the guards: their refusals (405, 431, 413) carry the CORS grant, so a browser can read them.
  app.use('/v1/*', apiHeaders(config.allowedOrigins, header));
  app.use(methodNotAllowedJson(app));
  app.use(headerSizeLimit(MAX_HEADER_BYTES, header));

  const upstreamOptions = {
    baseUrl: config.upstreamUrl,
    basicAuth: config.upstreamBasicAuth,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    breakerThreshold: config.breakerThreshold,
    breakerCooldownMs: config.breakerCooldownMs,
    fetch: deps.fetch,
    log,
  };
  const referralRock = createReferralRockClient(upstreamOptions);
  // A state of this process alone (status `memory`) adds nothing to the caches' own copies.
  const sharedCaches = deps.sharedState?.status() === 'memory' ? undefined : deps.sharedState;
  const memberData = createMemberData({
    referralRock,
    sharedState: sharedCaches,
    statsTtlMs: config.statsTtlMs,
    accessUrlMinutes: config.accessUrlMinutes,
    maxEntries: config.cacheMaxEntries,
    log,
    onBackgroundError: (err) => log({ level: 'warn', msg: 'background refresh failed', code: (err as ApiError).code ?? 'error' }),
  });

  const store = deps.rateLimitStore ?? deps.sharedState?.rateLimits ?? new MemoryRateLimitStore();
  const clientOf = clientAddress(config.trustProxy, deps.connectionAddress, header);
  // Buckets per address: an IPv6 client's per /64, or each of its addresses would be a fresh bucket.
  const addressOf = (c: Context) => bucketAddress(clientOf(c));
  // Before the body limit, which reads a body sent without a length: a blocked sender's is never read.
  app.use(WEBHOOK_PATH, webhookRefusals({ store, addressOf, secret: config.webhookSecret }));
  app.use('/v1/*', bodySizeLimit(MAX_BODY_BYTES));
  // A limit set to 0 (off) is not wired in: no middleware step per request for it.
  if (config.rateLimitIpPerMinute > 0) {
    app.use(
      '/v1/*',
      rateLimit({ perMinute: config.rateLimitIpPerMinute, store, scope: 'client address', keyOf: (c: Context) => (c.req.path === WEBHOOK_PATH ? null : composeKey('ip', addressOf(c))) }),
    );
  }
  const authenticate = memberAuth({ verify: createMemberTokenVerifier({
    secrets: config.memberTokenSecrets,
    maxAgeSeconds: config.memberTokenMaxAgeSeconds,
    audience: config.memberTokenAudience,
    issuer: config.memberTokenIssuer,
  }) }, header);
  const limitMember = rateLimit<MemberAuthEnv>({ perMinute: config.rateLimitMemberPerMinute, store, scope: 'member', keyOf: (c) => memberRateKey(c.get('member')) });
  /** Every member route's first step: the token names the member (`c.var.member`), then the member's rate limit. */
  const guard: MiddlewareHandler<MemberAuthEnv> =
    config.rateLimitMemberPerMinute > 0
      ? (c, next) => authenticate(c, async () => {
        await limitMember(c, next);
      })
      : authenticate;
  const programOffers = createProgramOffers({
    // A client of their own: an offer's failures open no circuit of the members' calls, and are not retried.
    referralRock: createReferralRockClient({ ...upstreamOptions, retries: 0 }),
    currency: config.currency,
    sharedState: sharedCaches,
    onBackgroundError: (err) => log({ level: 'warn', msg: 'background refresh failed', code: (err as ApiError).code ?? 'error' }),
  });
  app.route('/v1', meRoute({ guard, memberData, programOffers, waitUntil: deps.waitUntil }));
  app.route('/v1', rewardsRoute({ guard, referralRock, memberData }));
  app.route('/v1', referralsRoute({ guard, referralRock, memberData }));
  // Without a shared state, deliveries seen and hooks added are remembered in this process.
  const ownState = deps.sharedState ?? new MemorySharedState({ maxEntries: config.cacheMaxEntries });
  // A referral's every upstream call (lookup, unsubscribe list, duplicates, the write), each to its deadline.
  const referralWorkMs = config.upstreamTimeoutMs * 4 + 1000;
  app.route('/v1', referFriendRoute({
    guard,
    referralRock,
    memberData,
    dailyCap: dailyCap({ perDay: config.referralsPerMemberPerDay, store }),
    idempotency: idempotentReferrals({ state: ownState, waitMs: referralWorkMs }),
    leases: ownState.leases,
    workMs: referralWorkMs,
  }));
  const learnedKeys = new LearnedSigningKeys();
  app.route('/v1', webhookRoute({
    secret: config.webhookSecret,
    signingKeys: config.webhookSigningKeys,
    learnedKeys,
    toleranceSeconds: config.webhookToleranceSeconds,
    seen: ownState.leases,
    memberData,
    log,
  }));
  /**
   * Subscribes this app's receiver at `publicUrl` (idempotent: see `webhook-subscriptions.ts`). A
   * secret made at this start is never in the URL (it would change at every start): the sandbox
   * signs each delivery with its subscription's key instead.
   */
  const subscribeWebhooks = (publicUrl: string): Promise<number> =>
    subscribeToWebhooks({
      referralRock,
      publicUrl,
      secret: config.webhookSecretGenerated ? undefined : config.webhookSecret,
      learnedKeys,
      remembered: ownState.cache,
      leases: ownState.leases,
      log,
    });
  app.route('/', healthRoutes({ referralRock, sharedState: deps.sharedState }));

  if (config.mode === 'sandbox') {
    // The sandbox lives in this process: whatever changes a member's numbers (a share or view
    // followed, a referral or reward written) drops that member's cached stats at once.
    const sandbox = createSandbox({
      basicAuth: config.upstreamBasicAuth,
      mountPath: '/sandbox',
      // Its public address (`…/rewards/sandbox` when the app is mounted under `/rewards`), for its links.
      linkPath: new URL(config.upstreamUrl).pathname.replace(/\/+$/, ''),
      ...deps.sandbox,
      faults: deps.sandboxFaults,
      onMemberChange: (memberId) => void memberData.dropFor([{ claim: 'memberId', value: memberId }], 'activity'),
    });
    app.route('/sandbox', sandbox);
    // The simulate steps write to the sandbox: from this server's own demo page only, never from another site's.
    app.use('/demo/simulate/*', sameOriginJson(ownOrigins(config)));
    app.route('/demo', demoRoutes({ secret: config.sandboxTokenSecret ?? config.memberTokenSecret, state: sandbox.state, referralRock }));
  }
  return Object.assign(app, { referralRock, memberData, memberGuard: guard, subscribeWebhooks });
}
