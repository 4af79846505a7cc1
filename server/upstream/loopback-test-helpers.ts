/** For tests: a fetch handler served over real HTTP on 127.0.0.1, on a port the system picks. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SANDBOX_API_KEY } from '../config.js';
import { createSandbox } from '../sandbox/app.js';
import { parseApiKey } from './api-key.js';

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `fetch` on a free loopback port. */
export async function serveOnLoopback(fetch: (request: Request) => Response | Promise<Response>): Promise<LoopbackServer> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The sandbox with its default key ({@link DEFAULT_SANDBOX_API_KEY}), as a fetch handler at the root (`/api/…`). */
export function defaultKeySandbox() {
  return createSandbox({ basicAuth: (parseApiKey(DEFAULT_SANDBOX_API_KEY) as { basic: string }).basic });
}
