/**
 * The one interface between the app and the runtime it runs on. Each entry (`node.ts`, `bun.ts`,
 * `deno.ts`, `cloudflare.ts`) supplies a {@link RuntimeSeam}; the app, the configuration and the
 * start-up code read only this, never which runtime they are on.
 */
import type { Context } from 'hono';
import type { AppDependencies } from '../app.js';
import { loadConfig, readConfigEnv, type ServerConfig } from '../config.js';
import type { ConnectionAddress } from '../security/client-address.js';

export interface RuntimeSeam {
  /** Named in the start-up lines: `Node`, `Bun`, `Deno`, `Cloudflare Workers`. */
  name: string;
  /**
   * Reads one configuration variable (`process.env[name]`, `Deno.env.get(name)`, a Worker's
   * binding). It may throw where the runtime refuses: the variable is then reported, not ignored.
   */
  readVariable(name: string): unknown;
  /** The client's address for a request: the connection's (Hono's `getConnInfo`); on Workers, `cf-connecting-ip`. */
  connectionAddress: ConnectionAddress;
  /** Keeps work alive past the response (Workers: `executionCtx.waitUntil`); absent where a promise runs on by itself. */
  waitUntil?: (c: Context, work: Promise<unknown>) => void;
}

/**
 * The configuration, read through the seam: every name of `CONFIG_VARIABLES`, the same on each
 * runtime. Throws `ConfigError` (with the names it could not read, if any).
 *
 * @example const config = configFrom(seam)
 */
export function configFrom(seam: Pick<RuntimeSeam, 'readVariable'>): ServerConfig {
  return loadConfig(readConfigEnv((name) => seam.readVariable(name)));
}

/**
 * What the app takes from the seam, a safe version of it: a runtime's address helper that throws
 * (a request the app makes to itself, which has no connection) yields no address instead.
 */
export function appDependenciesFrom(seam: RuntimeSeam): Pick<AppDependencies, 'connectionAddress' | 'waitUntil'> {
  return {
    connectionAddress: (c) => {
      try {
        return seam.connectionAddress(c);
      } catch {
        return undefined;
      }
    },
    ...(seam.waitUntil ? { waitUntil: seam.waitUntil } : {}),
  };
}
