/**
 * Bun entry (`referral-share/server/bun`). Run it directly — `bun node_modules/referral-share/dist/server/runtime/bun.js`
 * — or call {@link serveWithBun} from your own script. Configured from the environment like every
 * other entry.
 */
import { ConfigError, loadConfig } from '../config.js';
import { createFetchHandler, type FetchHandler, type RuntimeEnv } from './fetch-handler.js';
import { isMainModule, serverUrl, startupLines } from './startup.js';

// The few parts of Bun's global this entry uses (no dependency on Bun's types).
declare const Bun: {
  env: RuntimeEnv;
  serve(options: { port: number; hostname: string; fetch: FetchHandler }): { port: number; stop(force?: boolean): Promise<void> | void };
};

export interface RunningBunServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the backend with `Bun.serve`. `PORT=0` picks a free port. Throws `ConfigError`.
 *
 * @example const server = serveWithBun(Bun.env)
 */
export function serveWithBun(env: RuntimeEnv = Bun.env, log: (line: string) => void = console.log): RunningBunServer {
  const config = loadConfig(env);
  const server = Bun.serve({ port: config.port, hostname: config.host, fetch: createFetchHandler(config) });
  const url = serverUrl(config.host, server.port);
  for (const line of startupLines(config, url, 'Bun')) log(line);
  return { url, stop: async () => void (await server.stop(true)) };
}

if (isMainModule(import.meta)) {
  try {
    serveWithBun();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `referral-share: could not start: ${(err as Error).message}`);
    process.exit(1);
  }
}
