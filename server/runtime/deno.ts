/**
 * Deno entry (`referral-share/server/deno`, or `npm:referral-share/server/deno`). Run it directly
 * with the permissions it needs, or call {@link serveWithDeno} from your own script (Deno Deploy).
 *
 * @example
 * deno run --allow-net --allow-env npm:referral-share/server/deno
 */
import { ConfigError, loadConfig } from '../config.js';
import { createFetchHandler, type FetchHandler, type RuntimeEnv } from './fetch-handler.js';
import { isMainModule, serverUrl, startupLines } from './startup.js';

// The few parts of Deno's global this entry uses (no dependency on Deno's types).
declare const Deno: {
  env: { toObject(): RuntimeEnv; get(name: string): string | undefined };
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: FetchHandler,
  ): { addr: { port: number }; shutdown(): Promise<void> };
};

export interface RunningDenoServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the backend with `Deno.serve`. `PORT=0` picks a free port. Throws `ConfigError`.
 *
 * @example const server = serveWithDeno(Deno.env.toObject())
 */
export function serveWithDeno(env: RuntimeEnv = readDenoEnv(), log: (line: string) => void = console.log): RunningDenoServer {
  const config = loadConfig(env);
  const server = Deno.serve({ port: config.port, hostname: config.host, onListen: () => {} }, createFetchHandler(config));
  const url = serverUrl(config.host, server.addr.port);
  for (const line of startupLines(config, url, 'Deno')) log(line);
  return { url, stop: () => server.shutdown() };
}

/** The variables the server reads, for `--allow-env=NAME,…` (then `Deno.env.toObject()` is refused). */
const CONFIG_VARIABLES = ['PORT', 'HOST', 'REFERRALROCK_API_KEY', 'REFERRALROCK_API_URL', 'MEMBER_TOKEN_SECRET', 'ALLOWED_ORIGINS', 'UPSTREAM_TIMEOUT_MS', 'SANDBOX_API_KEY'];

function readDenoEnv(): RuntimeEnv {
  try {
    return Deno.env.toObject();
  } catch {
    const env: RuntimeEnv = {};
    for (const name of CONFIG_VARIABLES) {
      try {
        env[name] = Deno.env.get(name);
      } catch {
        // Not granted: treated as unset.
      }
    }
    return env;
  }
}

if (isMainModule(import.meta)) {
  try {
    serveWithDeno();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `referral-share: could not start: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
