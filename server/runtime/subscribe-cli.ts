/**
 * `npm run webhooks:subscribe`: subscribes `PUBLIC_URL`'s webhook receiver to Referral Rock once,
 * with the same variables the server runs with. For Workers, which have no start to do it at (the
 * Node, Bun and Deno entries subscribe when they start). Exits 1 unless every event is subscribed.
 */
import { createAppParts } from '../app.js';
import { ConfigError } from '../config.js';
import { jsonLineLogger } from '../http/logging.js';
import { WEBHOOK_EVENTS } from '../routes/webhooks.js';
import { nodeSeam } from './node.js';
import { openSharedState } from './shared-state.js';
import { configFrom } from './seam.js';
import { startOrExit, subscribeWebhooks } from './startup.js';

const exit = (code: number): never => process.exit(code);
const config = await startOrExit(() => configFrom(nodeSeam(process.env)), exit);
const publicUrl = config.publicUrl ?? exit(fail('PUBLIC_URL must be set: the base URL Referral Rock is to call (your Worker\'s, e.g. https://rewards.example.com).'));
// The shared state of the instances (REDIS_URL), where the ids of the hooks added before are remembered.
const sharedState = await openSharedState(config, jsonLineLogger);
const subscribed = await subscribeWebhooks(config, createAppParts(config, { log: jsonLineLogger, sharedState }), publicUrl);
await sharedState.close();
exit(subscribed === WEBHOOK_EVENTS.length ? 0 : 1);

function fail(problem: string): number {
  console.error(new ConfigError([problem]).message);
  return 1;
}
