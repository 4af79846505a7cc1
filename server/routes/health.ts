import { Hono } from 'hono';
import { errorBody } from '../http/errors.js';
import { requestIdOf } from '../http/logging.js';
import type { SharedState } from '../state/types.js';
import type { ReferralRockClient } from '../upstream/client.js';

const PROBE_EVERY_MS = 5000;

/**
 * `GET /healthz`: the process answers. `GET /readyz`: the configuration was valid (or the app
 * would not exist) and Referral Rock answers a cheap call — probed at most every 5 s, and never
 * while the circuit is open. It names the shared state's status too (`redis`, `memory-fallback`,
 * `memory`): an instance on its memory fallback still serves every request, so it stays ready.
 */
export function healthRoutes(options: { referralRock: ReferralRockClient; sharedState?: SharedState }) {
  let lastProbe: { at: number; ok: boolean } | null = null;
  let probing: Promise<boolean> | null = null;
  const probe = (): Promise<boolean> =>
    (probing ??= options.referralRock
      .request('GET', 'api/programs?count=1')
      .then(() => true, () => false)
      .then((ok) => {
        lastProbe = { at: Date.now(), ok };
        probing = null;
        return ok;
      }));

  const app = new Hono();
  app.get('/healthz', (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ok' });
  });
  app.get('/readyz', async (c) => {
    c.header('cache-control', 'no-store');
    const circuit = options.referralRock.circuit;
    const ok = circuit === 'open' ? false
      : lastProbe && Date.now() - lastProbe.at < PROBE_EVERY_MS ? lastProbe.ok
      : await probe();
    if (!ok) return c.json(errorBody('not_ready', 'Referral Rock is not answering.', requestIdOf(c)), 503);
    return c.json({ status: 'ready', upstream: 'ok', circuit, sharedState: options.sharedState?.status() ?? 'memory' });
  });
  return app;
}
