import { parseApiKey } from './api-key.js';

/** The default credentials of the embedded sandbox (see README). */
export const DEFAULT_SANDBOX_API_KEY = 'sandbox-public:sandbox-private';

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
  memberTokenSecret: string;
  /** True when the secret was generated at start (sandbox mode without MEMBER_TOKEN_SECRET). */
  memberTokenSecretGenerated: boolean;
  allowedOrigins: string[];
  /** Upper bound of one upstream call, in milliseconds. */
  upstreamTimeoutMs: number;
}

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

  const apiKey = value('REFERRALROCK_API_KEY');
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

  let memberTokenSecret = value('MEMBER_TOKEN_SECRET');
  let memberTokenSecretGenerated = false;
  if (mode === 'live' && (!memberTokenSecret || memberTokenSecret.length < 32)) {
    problems.push('MEMBER_TOKEN_SECRET must be set to at least 32 characters in live mode (REFERRALROCK_API_KEY is set).');
  }
  if (!memberTokenSecret && mode === 'sandbox') {
    memberTokenSecret = randomSecret();
    memberTokenSecretGenerated = true;
  }

  const allowedOrigins = (value('ALLOWED_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!isOrigin(origin)) problems.push(`ALLOWED_ORIGINS entry "${origin}" is not an origin like https://shop.example.com.`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    mode,
    upstreamBasicAuth: (parsedKey as { basic: string }).basic,
    upstreamUrl: upstreamUrl.replace(/\/+$/, ''),
    memberTokenSecret: memberTokenSecret ?? '',
    memberTokenSecretGenerated,
    allowedOrigins,
    upstreamTimeoutMs,
  };
}

function integer(raw: string, name: string, min: number, max: number, problems: string[]): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
    return min;
  }
  return n;
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
