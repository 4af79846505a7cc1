/** What every listening entry (Node, Bun, Deno) does once it listens, and how each fails to start. */
import type { ServerConfig } from '../config.js';
import { ConfigError } from '../config.js';
import type { AppParts } from '../app.js';
import { subscribeToWebhooks } from './webhook-subscriptions.js';

/**
 * Subscribes the app's receiver at `publicUrl` (idempotent: see `webhook-subscriptions.ts`). A
 * secret made at this start is never in the URL (it would change at every start): the sandbox
 * signs each delivery with its subscription's key instead.
 *
 * @example await subscribeWebhooks(config, parts, 'https://rewards.example.com')
 */
export function subscribeWebhooks(config: ServerConfig, parts: AppParts, publicUrl: string): Promise<number> {
  return subscribeToWebhooks({
    referralRock: parts.referralRock,
    publicUrl,
    secret: config.webhookSecretGenerated ? undefined : config.webhookSecret,
    learnedKeys: parts.learnedKeys,
    remembered: parts.ownState.cache,
    leases: parts.ownState.leases,
    log: parts.log,
  });
}

/** The lines every runtime entry prints once it listens: mode, warnings, address. */
export function startupLines(config: ServerConfig, url: string, runtime: string): string[] {
  const lines: string[] = [];
  if (config.mode === 'sandbox') {
    lines.push(`referral-share: SANDBOX mode (no REFERRALROCK_API_KEY): upstream is the embedded sandbox at ${url}/sandbox, offline.`);
    if (config.memberTokenSecretGenerated) {
      lines.push('referral-share: MEMBER_TOKEN_SECRET is not set: sandbox tokens only (`npm run token` after `npm start`, the demo\'s /demo/token), valid for this run.');
    }
  } else {
    lines.push(`referral-share: LIVE mode: upstream is ${config.upstreamUrl}`);
  }
  lines.push(`referral-share: listening on ${url} (${runtime})`);
  return lines;
}

/**
 * Once the server listens: prints {@link startupLines} and subscribes the webhook receiver — to its
 * own sandbox in sandbox mode, to Referral Rock when `PUBLIC_URL` is set. The subscription is not
 * awaited: a slow upstream must not hold the start. Its promise is returned for whoever waits.
 *
 * @example announceStart({ config, parts, url, runtime: 'Bun', print: console.log })
 */
export function announceStart(options: {
  config: ServerConfig;
  /** The parts the app was built with (its upstream client and the state of its receiver). */
  parts: AppParts;
  url: string;
  runtime: string;
  print: (line: string) => void;
}): Promise<number> {
  const { config, url } = options;
  for (const line of startupLines(config, url, options.runtime)) options.print(line);
  const hooksUrl = config.mode === 'sandbox' ? url : config.publicUrl;
  if (hooksUrl === undefined) return Promise.resolve(0);
  return subscribeWebhooks(config, options.parts, hooksUrl);
}

/** The address to print for a host and port (IPv6 in brackets). */
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** True when the module is the program's entry point (Bun and Deno set `import.meta.main`). */
export function isMainModule(meta: ImportMeta): boolean {
  return (meta as ImportMeta & { main?: boolean }).main === true;
}

/**
 * Runs an entry's start; when it fails, says why on stderr — a configuration's mistakes one per
 * line, anything else in one sentence, never a stack — and exits 1. The one copy of "start or exit 1".
 *
 * @example await startOrExit(() => serveWithBun(), (code) => process.exit(code))
 */
export async function startOrExit<T>(start: () => T | Promise<T>, exit: (code: number) => never): Promise<T> {
  try {
    return await start();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `referral-share: could not start: ${(err as Error).message}`);
    return exit(1);
  }
}
