import { readSharedStateConfig, type SharedStateConfig } from './state/config.js';
import { parseApiKey } from './upstream/api-key.js';
import { parseWebhookSigningKeys, type WebhookSigningKeys } from './upstream/webhook-keys.js';

/** The default credentials of the embedded sandbox (see docs/sandbox.md). */
export const DEFAULT_SANDBOX_API_KEY = 'sandbox-public:sandbox-private';

/**
 * Every environment variable the server reads, in one list: each runtime entry reads exactly these
 * (Deno with `--allow-env=…` included) through {@link readConfigEnv}, and a test checks that no
 * module reads a name this list lacks. The sandbox's own (`SANDBOX_*`) are read by the Node entry.
 */
export const CONFIG_VARIABLES = [
  'PORT', 'HOST',
  'REFERRALROCK_API_KEY', 'REFERRALROCK_API_URL',
  'MEMBER_TOKEN_SECRET', 'MEMBER_TOKEN_MAX_AGE', 'MEMBER_TOKEN_AUDIENCE', 'MEMBER_TOKEN_ISSUER',
  'ALLOWED_ORIGINS', 'RATE_LIMIT_MEMBER_PER_MIN', 'RATE_LIMIT_IP_PER_MIN', 'TRUST_PROXY', 'REFERRALS_PER_MEMBER_PER_DAY',
  'UPSTREAM_TIMEOUT_MS', 'UPSTREAM_RETRIES', 'BREAKER_THRESHOLD', 'BREAKER_COOLDOWN_MS',
  'STATS_TTL_SECONDS', 'ACCESS_URL_EXPIRE_MINUTES', 'CACHE_MAX_ENTRIES',
  'CURRENCY',
  'PUBLIC_URL', 'WEBHOOK_SECRET', 'WEBHOOK_SIGNING_KEY', 'WEBHOOK_TOLERANCE_SECONDS',
  'REDIS_URL', 'REDIS_PREFIX', 'REDIS_TIMEOUT_MS',
  'SANDBOX_API_KEY', 'SANDBOX_SEED', 'SANDBOX_DATA',
  'SANDBOX_LATENCY_MS', 'SANDBOX_ERROR_RATE', 'SANDBOX_429_RATE', 'SANDBOX_RETRY_AFTER',
  'SANDBOX_HANG_RATE', 'SANDBOX_HANG_MS', 'SANDBOX_MALFORMED_RATE', 'SANDBOX_FAULT_LIMIT',
] as const;

/**
 * The configuration variables as a runtime holds them, read one by one with `read` (Deno's
 * `Deno.env.get`, a Worker's bindings, `process.env`). A variable that cannot be read — `read`
 * throws (Deno without `--allow-env` for it) or holds no text (a Worker binding that is an object)
 * — is reported in a {@link ConfigError}, never taken as unset. Numbers and booleans (a Worker's
 * `[vars]` written without quotes) are taken as their text.
 *
 * @example const env = readConfigEnv((name) => Deno.env.get(name))
 */
export function readConfigEnv(read: (name: string) => unknown): Env {
  const env: Env = {};
  const unreadable: string[] = [];
  for (const name of CONFIG_VARIABLES) {
    let raw: unknown;
    try {
      raw = read(name);
    } catch {
      unreadable.push(name);
      continue;
    }
    if (raw === undefined || raw === null) continue;
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') env[name] = String(raw);
    else unreadable.push(name);
  }
  if (unreadable.length > 0) {
    throw new ConfigError([
      `${unreadable.join(', ')} could not be read (not granted, or not text). Grant every configuration variable — with Deno: --allow-env=${CONFIG_VARIABLES.join(',')} — or none is guessed.`,
    ]);
  }
  return env;
}

/** The server's configuration, validated. Build it with {@link loadConfig}. */
export interface ServerConfig {
  port: number;
  host: string;
  /** `live`: talks to Referral Rock; `sandbox`: to the embedded sandbox, offline. */
  mode: 'live' | 'sandbox';
  /** Base64 `publicKey:privateKey` for the upstream `Authorization: Basic` header. */
  upstreamBasicAuth: string;
  /** Referral Rock's base URL (live), or the sandbox's once the server knows its own address. */
  upstreamUrl: string;
  /** The first of {@link memberTokenSecrets}: the one new tokens are signed with. */
  memberTokenSecret: string;
  /** Every secret a member token may be signed with (rotation), some named by a `kid`. */
  memberTokenSecrets: MemberTokenSecret[];
  /** True when no MEMBER_TOKEN_SECRET was set (sandbox mode): the only secret is {@link sandboxTokenSecret}. */
  memberTokenSecretGenerated: boolean;
  /**
   * Sandbox mode only: a secret generated at each start, that sandbox mode mints its own tokens
   * with (`/demo/token`, `npm run token` after `npm start`) and accepts besides MEMBER_TOKEN_SECRET.
   * It is never configured, so no live server holds it: a token the sandbox mints is never valid there.
   */
  sandboxTokenSecret?: string;
  /** Longest a token may still have to live (`exp` − now), in seconds. */
  memberTokenMaxAgeSeconds: number;
  /** When set, tokens must carry this `aud` / `iss`. */
  memberTokenAudience?: string;
  memberTokenIssuer?: string;
  /** Exact origins granted CORS; `['*']` (sandbox mode only) grants any. */
  allowedOrigins: string[];
  /** Upper bound of one upstream call, retries included, in milliseconds. */
  upstreamTimeoutMs: number;
  /** Further attempts after a network error, 5xx or 429. */
  upstreamRetries: number;
  /** Consecutive upstream failures that open the circuit, and how long it then stays open. */
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** Token-bucket rates per minute; 0 turns a limit off. */
  rateLimitMemberPerMinute: number;
  rateLimitIpPerMinute: number;
  /** REFERRALS_PER_MEMBER_PER_DAY: friends a member may refer per UTC day (attempts past validation); 0 turns the cap off. */
  referralsPerMemberPerDay: number;
  /** Where the client address comes from: the connection, the n-th hop of X-Forwarded-For, or a header. */
  trustProxy: TrustProxy;
  /** How long member stats are served fresh, then stale while revalidating. */
  statsTtlMs: number;
  /** `expireInMinutes` asked of `api/memberaccessurls`; the links are cached until shortly before. */
  accessUrlMinutes: number;
  /** Bound of the upstream cache (entries, least recently used dropped first). */
  cacheMaxEntries: number;
  /** CURRENCY: ISO 4217 code of amounts in offers built from reward rules (a program has no currency of its own). */
  currency: string;
  /** Authenticates `POST /v1/hooks/referralrock`; generated in sandbox mode when unset. */
  webhookSecret: string;
  /** True when `webhookSecret` was made at this start (sandbox mode): then no subscribed URL carries it. */
  webhookSecretGenerated: boolean;
  /**
   * WEBHOOK_SIGNING_KEY: the keys of `RR-Signature` (HMAC-SHA512 of the body and the event type),
   * one for every event or one per event; without a key for an event, its signature is not accepted.
   */
  webhookSigningKeys: WebhookSigningKeys;
  /** WEBHOOK_TOLERANCE_SECONDS: how far a signed delivery's `Timestamp` may be from our clock; also how long a delivery is remembered as seen. */
  webhookToleranceSeconds: number;
  /** This server's public base URL; when set, it subscribes to Referral Rock's webhooks at start. */
  publicUrl?: string;
  /** REDIS_URL, REDIS_PREFIX, REDIS_TIMEOUT_MS: the state several instances share (memory without REDIS_URL). */
  sharedState: SharedStateConfig;
}

/** One entry of `MEMBER_TOKEN_SECRET`: `secret` or `kid:secret`. */
export interface MemberTokenSecret {
  kid?: string;
  secret: string;
}

export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'header'; name: string };

/** Thrown by {@link loadConfig} with one line per mistake. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the configuration from environment variables.
 *
 * @example const config = loadConfig(process.env)
 */
export function loadConfig(env: Env): ServerConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };

  const port = integer(value('PORT') ?? '8787', 'PORT', 0, 65535, problems);
  const host = value('HOST') ?? '127.0.0.1';
  const upstreamTimeoutMs = integer(value('UPSTREAM_TIMEOUT_MS') ?? '5000', 'UPSTREAM_TIMEOUT_MS', 100, 60000, problems);
  const upstreamRetries = integer(value('UPSTREAM_RETRIES') ?? '2', 'UPSTREAM_RETRIES', 0, 5, problems);
  const breakerThreshold = integer(value('BREAKER_THRESHOLD') ?? '5', 'BREAKER_THRESHOLD', 1, 1000, problems);
  const breakerCooldownMs = integer(value('BREAKER_COOLDOWN_MS') ?? '10000', 'BREAKER_COOLDOWN_MS', 100, 600000, problems);
  const rateLimitMemberPerMinute = integer(value('RATE_LIMIT_MEMBER_PER_MIN') ?? '120', 'RATE_LIMIT_MEMBER_PER_MIN', 0, 1_000_000, problems);
  const rateLimitIpPerMinute = integer(value('RATE_LIMIT_IP_PER_MIN') ?? '600', 'RATE_LIMIT_IP_PER_MIN', 0, 1_000_000, problems);
  const referralsPerMemberPerDay = integer(value('REFERRALS_PER_MEMBER_PER_DAY') ?? '20', 'REFERRALS_PER_MEMBER_PER_DAY', 0, 10_000, problems);
  const statsTtlSeconds = integer(value('STATS_TTL_SECONDS') ?? '30', 'STATS_TTL_SECONDS', 0, 86400, problems);
  const accessUrlMinutes = integer(value('ACCESS_URL_EXPIRE_MINUTES') ?? '1440', 'ACCESS_URL_EXPIRE_MINUTES', 15, 43200, problems);
  const cacheMaxEntries = integer(value('CACHE_MAX_ENTRIES') ?? '10000', 'CACHE_MAX_ENTRIES', 10, 10_000_000, problems);
  const memberTokenMaxAgeSeconds = integer(value('MEMBER_TOKEN_MAX_AGE') ?? '3600', 'MEMBER_TOKEN_MAX_AGE', 60, 31 * 86400, problems);
  const trustProxy = parseTrustProxy(value('TRUST_PROXY'), problems);
  const currency = parseCurrency(value('CURRENCY') ?? 'USD', problems);

  const apiKey = value('REFERRALROCK_API_KEY');
  // Set but blank is a mistake (a failed secret lookup, an empty line in a .env), not a wish for the sandbox.
  if (apiKey === undefined && env.REFERRALROCK_API_KEY !== undefined) {
    problems.push('REFERRALROCK_API_KEY is set but empty: set your key for live mode, or leave it unset (not empty) for sandbox mode.');
  }
  const mode = apiKey ? 'live' : 'sandbox';
  const keySource = apiKey ?? value('SANDBOX_API_KEY') ?? DEFAULT_SANDBOX_API_KEY;
  const parsedKey = parseApiKey(keySource);
  if ('error' in parsedKey) problems.push(`${apiKey ? 'REFERRALROCK_API_KEY' : 'SANDBOX_API_KEY'} ${parsedKey.error}.`);

  // In sandbox mode the server calls its own /sandbox over real HTTP, like it would call Referral Rock.
  const upstreamUrl =
    mode === 'sandbox'
      ? `http://${loopbackHost(host)}:${port}/sandbox`
      : value('REFERRALROCK_API_URL') ?? 'https://api.referralrock.com';
  if (!isHttpUrl(upstreamUrl)) problems.push(`REFERRALROCK_API_URL must be an http(s) URL, got "${upstreamUrl}".`);
  // The API key travels in every request's Authorization header: plain http only to this machine.
  else if (mode === 'live' && new URL(upstreamUrl).protocol === 'http:' && !isLoopback(new URL(upstreamUrl).hostname)) {
    problems.push(`REFERRALROCK_API_URL must use https (the API key is sent with every call), got "${upstreamUrl}".`);
  }

  const rawSecrets = value('MEMBER_TOKEN_SECRET');
  if (rawSecrets === undefined && env.MEMBER_TOKEN_SECRET !== undefined) {
    problems.push('MEMBER_TOKEN_SECRET is set but empty: set it, or leave it unset in sandbox mode for a generated one.');
  }
  const memberTokenSecrets = rawSecrets ? parseSecrets(rawSecrets) : [];
  if (mode === 'live' && (memberTokenSecrets.length === 0 || memberTokenSecrets.some((s) => s.secret.length < 32))) {
    problems.push('MEMBER_TOKEN_SECRET must be set to at least 32 characters (each one, when several) in live mode (REFERRALROCK_API_KEY is set).');
  }
  if (new Set(memberTokenSecrets.filter((s) => s.kid).map((s) => s.kid)).size !== memberTokenSecrets.filter((s) => s.kid).length) {
    problems.push('MEMBER_TOKEN_SECRET names the same kid twice.');
  }
  // Sandbox mode mints with a secret of its own, made now: whatever MEMBER_TOKEN_SECRET is (even
  // the live server's), the tokens it hands out are signed with a key no live server has.
  const sandboxTokenSecret = mode === 'sandbox' ? randomSecret() : undefined;
  const memberTokenSecretGenerated = mode === 'sandbox' && memberTokenSecrets.length === 0;
  const verifiedWith = sandboxTokenSecret === undefined ? memberTokenSecrets : [...memberTokenSecrets, { secret: sandboxTokenSecret }];

  const allowedOrigins = (value('ALLOWED_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of allowedOrigins) {
    if (origin === '*') {
      if (mode === 'live') problems.push('ALLOWED_ORIGINS must list exact origins in live mode; "*" would let any site read members\' data.');
    } else if (!isOrigin(origin)) {
      problems.push(`ALLOWED_ORIGINS entry "${origin}" is not an origin like https://shop.example.com.`);
    }
  }

  const publicUrl = value('PUBLIC_URL')?.replace(/\/+$/, '');
  if (publicUrl !== undefined && !isHttpUrl(publicUrl)) problems.push(`PUBLIC_URL must be an http(s) URL, got "${publicUrl}".`);
  // Live mode sends WEBHOOK_SECRET in the subscribed URL: plain http only to this machine.
  else if (publicUrl !== undefined && mode === 'live' && new URL(publicUrl).protocol === 'http:' && !isLoopback(new URL(publicUrl).hostname)) {
    problems.push(`PUBLIC_URL must use https in live mode (the webhook secret travels in the URL Referral Rock calls), got "${publicUrl}".`);
  }
  let webhookSecret = value('WEBHOOK_SECRET');
  if (webhookSecret !== undefined && !/^[A-Za-z0-9_-]{16,200}$/.test(webhookSecret)) {
    problems.push('WEBHOOK_SECRET must be 16 to 200 characters of A–Z, a–z, 0–9, "-" or "_" (it travels in a URL).');
  }
  if (webhookSecret === undefined && mode === 'live' && publicUrl !== undefined) {
    problems.push('WEBHOOK_SECRET must be set when PUBLIC_URL is (it authenticates Referral Rock\'s webhook calls).');
  }
  const webhookSecretGenerated = webhookSecret === undefined;
  webhookSecret ??= randomSecret();
  const webhookSigningKeys = parseWebhookSigningKeys(value('WEBHOOK_SIGNING_KEY'), problems);
  const webhookToleranceSeconds = integer(value('WEBHOOK_TOLERANCE_SECONDS') ?? '300', 'WEBHOOK_TOLERANCE_SECONDS', 30, 3600, problems);

  const sharedState = readSharedStateConfig(env);
  problems.push(...sharedState.errors);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    mode,
    upstreamBasicAuth: (parsedKey as { basic: string }).basic,
    upstreamUrl: upstreamUrl.replace(/\/+$/, ''),
    memberTokenSecret: verifiedWith[0]?.secret ?? '',
    memberTokenSecrets: verifiedWith,
    memberTokenSecretGenerated,
    sandboxTokenSecret,
    memberTokenMaxAgeSeconds,
    memberTokenAudience: value('MEMBER_TOKEN_AUDIENCE'),
    memberTokenIssuer: value('MEMBER_TOKEN_ISSUER'),
    allowedOrigins,
    upstreamTimeoutMs,
    upstreamRetries,
    breakerThreshold,
    breakerCooldownMs,
    rateLimitMemberPerMinute,
    rateLimitIpPerMinute,
    referralsPerMemberPerDay,
    trustProxy,
    statsTtlMs: statsTtlSeconds * 1000,
    accessUrlMinutes,
    cacheMaxEntries,
    currency,
    sharedState: sharedState.config,
    webhookSecret,
    webhookSecretGenerated,
    webhookSigningKeys,
    webhookToleranceSeconds,
    publicUrl,
  };
}

/** `a,b` or `2024:a,2025:b`: a leading name of letters, digits, `_`, `-` or `.` and a colon is a kid. */
export function parseSecrets(raw: string): MemberTokenSecret[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const named = /^([\w.-]{1,64}):(.+)$/.exec(entry);
      return named ? { kid: named[1]!, secret: named[2]! } : { secret: entry };
    });
}

/** An ISO 4217 code (`eur` is taken as `EUR`), one this runtime's `Intl` knows where it can tell. */
function parseCurrency(raw: string, problems: string[]): string {
  const code = raw.toUpperCase();
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : undefined;
  if (!/^[A-Z]{3}$/.test(code) || (known !== undefined && !known.includes(code))) {
    problems.push(`CURRENCY must be an ISO 4217 currency code like USD or EUR, got "${raw}".`);
    return 'USD';
  }
  return code;
}

function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  if (raw === undefined || raw === 'false' || raw === '0') return { kind: 'none' };
  if (raw === 'true') return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(raw) && Number(raw) <= 10) return { kind: 'hops', hops: Number(raw) };
  if (/^[a-z][a-z0-9-]{1,63}$/i.test(raw) && raw.toLowerCase() !== 'x-forwarded-for') return { kind: 'header', name: raw.toLowerCase() };
  problems.push(`TRUST_PROXY must be false, true, a number of proxy hops (1–10) or a header name like cf-connecting-ip, got "${raw}".`);
  return { kind: 'none' };
}

function integer(raw: string, name: string, min: number, max: number, problems: string[]): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
    return min;
  }
  return n;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function isOrigin(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === raw;
  } catch {
    return false;
  }
}

/** A host the server can reach itself at: a wildcard bind is reached through loopback. */
function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
