/**
 * Cloudflare Workers entry for a demo Worker (`referral-share/server/cloudflare-sandbox`, `main` of
 * `wrangler.toml`'s `[env.sandbox]`): without `REFERRALROCK_API_KEY` it serves the sandbox
 * in-process, its links on the Worker's own URL (or `PUBLIC_URL`); with the key, the live app.
 * Its bundle carries the sandbox either way: a shop's Worker uses the live entry,
 * `referral-share/server/cloudflare`, which does not.
 *
 * @example
 * // src/worker.ts of a demo Worker
 * export { default, SharedStateObject } from 'referral-share/server/cloudflare-sandbox'
 */
import { workerEntry } from './cloudflare-worker.js';
import { createFetchHandler } from './fetch-handler.js';

export { SharedStateObject } from '../state/durable-object.js';

export default workerEntry((config, deps) => createFetchHandler(config, deps));
