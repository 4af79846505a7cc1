/**
 * Deno entry (`referral-share/server/deno`, or `npm:referral-share/server/deno`). Run it directly
 * with the permissions it needs, or call {@link serveWithDeno} from your own script (Deno Deploy).
 *
 * @example
 * deno run --allow-net --allow-env npm:referral-share/server/deno
 */
import { getConnInfo } from 'hono/deno';
import { jsonLineLogger } from '../http/logging.js';
import { createServedApp, type RuntimeEnv, type ServedApp } from './fetch-handler.js';
import { appDependenciesFrom, configFrom, type RuntimeSeam } from './seam.js';
import { openSharedState } from './shared-state.js';
import { announceStart, isMainModule, serverUrl, startOrExit } from './startup.js';

// The few parts of Deno's global this entry uses (no dependency on Deno's types).
declare const Deno: {
  env: { get(name: string): string | undefined };
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request, info: unknown) => Response | Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
};

export interface RunningDenoServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Deno's side of the seam: each configuration variable through `Deno.env.get` (one not granted by
 * `--allow-env=…` is reported, never taken as unset), and the connection's `remoteAddr` (through
 * Hono's `getConnInfo`).
 */
export const denoSeam = (env?: RuntimeEnv): RuntimeSeam => ({
  name: 'Deno',
  readVariable: env ? (name) => env[name] : (name) => Deno.env.get(name),
  connectionAddress: (c) => getConnInfo(c).remote.address,
});

/**
 * Serves the backend with `Deno.serve`. `PORT=0` picks a free port. Throws `ConfigError`.
 *
 * @example const server = serveWithDeno() // reads Deno.env
 */
export function serveWithDeno(env?: RuntimeEnv, print: (line: string) => void = console.log): RunningDenoServer {
  const seam = denoSeam(env);
  const config = configFrom(seam);
  // REDIS_URL: shared with the other instances; else memory. Opening it never fails on an absent Redis.
  const sharedState = openSharedState(config, jsonLineLogger);
  let app: ServedApp['app'] | undefined;
  // The app is made once the port is known (sandbox links name it) and the shared state is open;
  // a request that comes first waits for it.
  let appReady!: Promise<ServedApp['app']>;
  const server = Deno.serve({ port: config.port, hostname: config.host, onListen: () => {} }, (request, info) =>
    app ? app.fetch(request, info) : appReady.then((ready) => ready.fetch(request, info)),
  );
  const url = serverUrl(config.host, server.addr.port);
  const served = sharedState.then((state) => createServedApp(config, { ...appDependenciesFrom(seam), sharedState: state }, url));
  appReady = served.then((ready) => (app = ready.app));
  void served.then((ready) => announceStart({ config, parts: ready.parts, url, runtime: seam.name, print }));
  return {
    url,
    stop: async () => {
      await server.shutdown();
      await (await sharedState).close();
    },
  };
}

if (isMainModule(import.meta)) await startOrExit(() => serveWithDeno(), (code) => Deno.exit(code));
