import type { ServerConfig } from '../config.js';

/** The lines every runtime entry prints once it listens: mode, warnings, address. */
export function startupLines(config: ServerConfig, url: string, runtime: string): string[] {
  const lines: string[] = [];
  if (config.mode === 'sandbox') {
    lines.push(`referral-share: SANDBOX mode (no REFERRALROCK_API_KEY): upstream is the embedded sandbox at ${url}/sandbox, offline.`);
    if (config.memberTokenSecretGenerated) {
      lines.push('referral-share: warning: MEMBER_TOKEN_SECRET is not set; generated a random one for this run. Tokens from `npm run token` need the same secret.');
    }
  } else {
    lines.push(`referral-share: LIVE mode: upstream is ${config.upstreamUrl}`);
  }
  lines.push(`referral-share: listening on ${url} (${runtime})`);
  return lines;
}

/** The address to print for a host and port (IPv6 in brackets). */
export function serverUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** True when the module is the program's entry point (Bun and Deno set `import.meta.main`). */
export function isMainModule(meta: ImportMeta): boolean {
  return (meta as ImportMeta & { main?: boolean }).main === true;
}
