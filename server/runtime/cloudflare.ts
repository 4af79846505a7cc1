/**
 * Cloudflare Workers entry, live mode only (`referral-share/server/cloudflare`, `main` of
 * `wrangler.toml`). The configuration comes from the Worker's vars and secrets, with the same names
 * as everywhere else; `REFERRALROCK_API_KEY` must be set. The sandbox is not in this entry's bundle:
 * even `wrangler deploy`'s single file carries no fake Referral Rock. A demo Worker on the sandbox
 * uses `referral-share/server/cloudflare-sandbox` instead.
 * There is no start on Workers: subscribe the webhook receiver once with `npm run webhooks:subscribe`.
 *
 * With a Durable Object namespace bound as `SHARED_STATE` (class `SharedStateObject`, exported
 * here), every isolate shares the caches, single flight and rate limits; without, each isolate
 * keeps its own.
 *
 * @example
 * // src/worker.ts of your own Worker
 * export { default, SharedStateObject } from 'referral-share/server/cloudflare'
 */
import { createApp } from '../app.js';
import { ConfigError } from '../config.js';
import { LIVE_ONLY_PROBLEM, workerEntry } from './cloudflare-worker.js';

// workerd takes every export of the entry module for a handler or a class: functions and classes only.
export { SharedStateObject } from '../state/durable-object.js';
export { workersSeam } from './cloudflare-worker.js';

export default workerEntry((config, deps) => {
  if (config.mode !== 'live') throw new ConfigError([LIVE_ONLY_PROBLEM]);
  const app = createApp(config, deps);
  return (request, env, ctx) => app.fetch(request, env, ctx);
});
