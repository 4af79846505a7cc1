import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { every, except } from 'hono/combine';
import { bucketAddress, clientAddress, type ConnectionAddress } from './security/client-address.js';
import type { ServerConfig } from './config.js';
import { errorHandler, handleNotFound, type ApiError } from './http/errors.js';
import { healthRoutes } from './routes/health.js';
import { apiHeaders, bodySizeLimit, headerSizeLimit, methodNotAllowedJson } from './http/guards.js';
import { jsonLineLogger, requestLogging, type Logger } from './http/logging.js';
import { memberAuth, type MemberAuthEnv } from './security/member-auth.js';
import { createMemberData, type MemberData } from './members/data.js';
import { identifierKey } from './members/lookup.js';
import { composeKey } from './lib/composite-key.js';
import { createMemberTokenVerifier, type VerifiedMember } from './security/member-token.js';
import { meRoute } from './routes/me.js';
import { createProgramOffers } from './members/program-offers.js';
import { MemoryRateLimitStore, rateLimit, type RateLimitStore } from './security/rate-limit.js';
import { createReferralRockClient, type ReferralRockClient } from './upstream/client.js';
import { referralsRoute } from './routes/referrals.js';
import { referFriendRoute } from './routes/refer-friend.js';
import { dailyCap } from './referrals/daily-cap.js';
import { idempotentReferrals } from './referrals/idempotency.js';
import { MemorySharedState } from './state/memory-state.js';
import { rewardsRoute } from './routes/rewards.js';
import type { SharedState } from './state/types.js';
import { WEBHOOK_PATH, webhookRefusals, webhookRoute } from './routes/webhooks.js';
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
}

/**
 * What the app's routes share with what runs beside them: start-up (subscribing webhooks, in
 * `server/runtime/startup.ts`), the sandbox mount (`server/runtime/sandbox-mount.ts`) and tests.
 */
export interface AppParts {
  /** The upstream client of the members' calls (its circuit is `/readyz`'s). */
  referralRock: ReferralRockClient;
  memberData: MemberData;
  /** Keys the sandbox's `POST api/hooks` answers with, for the webhook receiver. */
  learnedKeys: LearnedSigningKeys;
  /** `sharedState`, or without one a state of this process: deliveries seen, hooks added, leases. */
  ownState: SharedState;
  log: Logger;
}

/** Largest total of request header names and values accepted, in bytes. */
const MAX_HEADER_BYTES = 16 * 1024;
/** Largest request body any `/v1` route accepts. */
const MAX_BODY_BYTES = 256 * 1024;

/** One bucket per member, however the token spells it (ASCII case folded, as the cache keys are), whatever its program. */
const memberRateKey = (member: VerifiedMember): string => composeKey('member', identifierKey(member.claim, member.value));

/**
 * The parts of the app built once: the upstream client, the members' data and the state its
 * receiver and subscriptions share. Give the same parts to `createApp` and to what runs beside it.
 */
export function createAppParts(config: ServerConfig, deps: AppDependencies = {}): AppParts {
  const log = deps.log ?? jsonLineLogger;
  const referralRock = createReferralRockClient(upstreamOptions(config, deps, log));
  const memberData = createMemberData({
    referralRock,
    sharedState: sharedCaches(deps),
    statsTtlMs: config.statsTtlMs,
    accessUrlMinutes: config.accessUrlMinutes,
    maxEntries: config.cacheMaxEntries,
    log,
    onBackgroundError: (err) => log({ level: 'warn', msg: 'background refresh failed', code: (err as ApiError).code ?? 'error' }),
  });
  // Without a shared state, deliveries seen and hooks added are remembered in this process.
  const ownState = deps.sharedState ?? new MemorySharedState({ maxEntries: config.cacheMaxEntries });
  return { referralRock, memberData, learnedKeys: new LearnedSigningKeys(), ownState, log };
}

function upstreamOptions(config: ServerConfig, deps: AppDependencies, log: Logger) {
  return {
    baseUrl: config.upstreamUrl,
    basicAuth: config.upstreamBasicAuth,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    breakerThreshold: config.breakerThreshold,
    breakerCooldownMs: config.breakerCooldownMs,
    fetch: deps.fetch,
    log,
  };
}

/** A state of this process alone (`spansInstances` false) adds nothing to the caches' own copies. */
const sharedCaches = (deps: AppDependencies): SharedState | undefined => (deps.sharedState?.spansInstances ? deps.sharedState : undefined);

/**
 * Builds the backend as a Hono app. Runtime-neutral: Web APIs only, so one app serves Node and
 * edge runtimes alike, reading requests the same way on each; what only the runtime knows (the
 * client's address, background work) comes in through `deps`, from the entry's `RuntimeSeam`.
 * The sandbox is not in it: the entries add it in sandbox mode (`server/runtime/sandbox-mount.ts`).
 * `parts` are given by whoever also needs them (start-up, the sandbox mount, tests).
 *
 * @example
 * const app = createApp(loadConfig(process.env))
 * serve({ fetch: app.fetch, port: 8787 })
 */
export function createApp(config: ServerConfig, deps: AppDependencies = {}, parts: AppParts = createAppParts(config, deps)): Hono {
  const { referralRock, memberData, learnedKeys, ownState, log } = parts;
  const app = new Hono();
  app.onError(errorHandler(log));
  app.notFound(handleNotFound);
  app.use(requestLogging(log));
  // Before the guards: their refusals (405, 431, 413) carry the CORS grant, so a browser can read them.
  app.use('/v1/*', apiHeaders(config.allowedOrigins));
  app.use(methodNotAllowedJson(app));
  app.use(headerSizeLimit(MAX_HEADER_BYTES));

  const store = deps.rateLimitStore ?? deps.sharedState?.rateLimits ?? new MemoryRateLimitStore();
  const clientOf = clientAddress(config.trustProxy, deps.connectionAddress);
  // Buckets per address: an IPv6 client's per /64, or each of its addresses would be a fresh bucket.
  const addressOf = (c: Context) => bucketAddress(clientOf(c));
  // Before the body limit, which reads a body sent without a length: a blocked sender's is never read.
  app.use(WEBHOOK_PATH, webhookRefusals({ store, addressOf, secret: config.webhookSecret }));
  app.use('/v1/*', bodySizeLimit(MAX_BODY_BYTES));
  // A limit set to 0 (off) is not wired in: no middleware step per request for it.
  if (config.rateLimitIpPerMinute > 0) {
    // Not the webhook receiver: Referral Rock's deliveries have their own refusals (above).
    app.use('/v1/*', except(WEBHOOK_PATH, rateLimit({ perMinute: config.rateLimitIpPerMinute, store, scope: 'client address', keyOf: (c: Context) => composeKey('ip', addressOf(c)) })));
  }
  const authenticate = memberAuth({ verify: createMemberTokenVerifier({
    secrets: config.memberTokenSecrets,
    maxAgeSeconds: config.memberTokenMaxAgeSeconds,
    audience: config.memberTokenAudience,
    issuer: config.memberTokenIssuer,
  }) });
  const limitMember = rateLimit<MemberAuthEnv>({ perMinute: config.rateLimitMemberPerMinute, store, scope: 'member', keyOf: (c) => memberRateKey(c.get('member')) });
  /** Every member route's first step: the token names the member (`c.var.member`), then the member's rate limit. */
  const guard: MiddlewareHandler<MemberAuthEnv> = config.rateLimitMemberPerMinute > 0 ? every(authenticate, limitMember) : authenticate;
  const programOffers = createProgramOffers({
    // A client of their own: an offer's failures open no circuit of the members' calls, and are not retried.
    referralRock: createReferralRockClient({ ...upstreamOptions(config, deps, log), retries: 0 }),
    currency: config.currency,
    sharedState: sharedCaches(deps),
    onBackgroundError: (err) => log({ level: 'warn', msg: 'background refresh failed', code: (err as ApiError).code ?? 'error' }),
  });
  app.route('/v1', meRoute({ guard, memberData, programOffers, waitUntil: deps.waitUntil }));
  app.route('/v1', rewardsRoute({ guard, referralRock, memberData }));
  app.route('/v1', referralsRoute({ guard, referralRock, memberData }));
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
  app.route('/v1', webhookRoute({
    secret: config.webhookSecret,
    signingKeys: config.webhookSigningKeys,
    learnedKeys,
    toleranceSeconds: config.webhookToleranceSeconds,
    seen: ownState.leases,
    memberData,
    log,
  }));
  app.route('/', healthRoutes({ referralRock, sharedState: deps.sharedState }));

  return app;
}
