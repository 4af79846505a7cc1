/**
 * Bun entry (`referral-share/server/bun`). Run it directly — `bun node_modules/referral-share/dist/server/runtime/bun.js`
 * — or call {@link serveWithBun} from your own script. Configured from the environment like every
 * other entry.
 */
import { getConnInfo } from 'hono/bun';
import { jsonLineLogger } from '../http/logging.js';
import { createServedApp, type RuntimeEnv, type ServedApp } from './fetch-handler.js';
import { appDependenciesFrom, configFrom, type RuntimeSeam } from './seam.js';
import { openSharedState } from './shared-state.js';
import { announceStart, isMainModule, serverUrl, startOrExit } from './startup.js';

// The few parts of Bun's global this entry uses (no dependency on Bun's types).
declare const Bun: {
  env: RuntimeEnv;
  serve(options: { port: number; hostname: string; fetch: (request: Request, server: unknown) => Response | Promise<Response> }): { port: number; stop(force?: boolean): Promise<void> | void };
};

export interface RunningBunServer {
  url: string;
  stop(): Promise<void>;
}

/** Bun's side of the seam: its environment, and the address `server.requestIP` gives (through Hono's `getConnInfo`). */
export const bunSeam = (env: RuntimeEnv): RuntimeSeam => ({
  name: 'Bun',
  readVariable: (name) => env[name],
  connectionAddress: (c) => getConnInfo(c).remote.address,
});

/**
 * Serves the backend with `Bun.serve`. `PORT=0` picks a free port. Throws `ConfigError`.
 *
 * @example const server = serveWithBun(Bun.env)
 */
export function serveWithBun(env: RuntimeEnv = Bun.env, print: (line: string) => void = console.log): RunningBunServer {
  const seam = bunSeam(env);
  const config = configFrom(seam);
  // REDIS_URL: shared with the other instances; else memory. Opening it never fails on an absent Redis.
  const sharedState = openSharedState(config, jsonLineLogger);
  let app: ServedApp['app'] | undefined;
  // The app is made once the port is known (sandbox links name it) and the shared state is open;
  // a request that comes first waits for it.
  let appReady!: Promise<ServedApp['app']>;
  const server = Bun.serve({
    port: config.port,
    hostname: config.host,
    fetch: (request, bunServer) => (app ? app.fetch(request, bunServer) : appReady.then((ready) => ready.fetch(request, bunServer))),
  });
  const url = serverUrl(config.host, server.port);
  const served = sharedState.then((state) => createServedApp(config, { ...appDependenciesFrom(seam), sharedState: state }, url));
  appReady = served.then((ready) => (app = ready.app));
  void served.then((ready) => announceStart({ config, parts: ready.parts, url, runtime: seam.name, print }));
  return {
    url,
    stop: async () => {
      await server.stop(true);
      await (await sharedState).close();
    },
  };
}

if (isMainModule(import.meta)) await startOrExit(() => serveWithBun(), (code) => process.exit(code));
