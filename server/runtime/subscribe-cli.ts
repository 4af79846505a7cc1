/**
 * `npm run webhooks:subscribe`: subscribes `PUBLIC_URL`'s webhook receiver to Referral Rock once,
 * with the same variables the server runs with. For Workers, which have no start to do it at (the
 * Node, Bun and Deno entries subscribe when they start). Exits 1 unless every event is subscribed.
 */
import { createApp } from '../app.js';
import { ConfigError } from '../config.js';
import { jsonLineLogger } from '../http/logging.js';
import { subscribeToWebhooks, WEBHOOK_EVENTS } from '../routes/webhooks.js';
import { nodeSeam } from './node.js';
import { configFrom } from './seam.js';
import { startOrExit } from './startup.js';

const exit = (code: number): never => process.exit(code);
const config = await startOrExit(() => configFrom(nodeSeam(process.env)), exit);
const publicUrl = config.publicUrl ?? exit(fail('PUBLIC_URL must be set: the base URL Referral Rock is to call (your Worker\'s, e.g. https://rewards.example.com).'));
const app = createApp(config, { log: jsonLineLogger });
const subscribed = await subscribeToWebhooks({ referralRock: app.referralRock, publicUrl, secret: config.webhookSecret, log: jsonLineLogger });
exit(subscribed === WEBHOOK_EVENTS.length ? 0 : 1);

function fail(problem: string): number {
  console.error(new ConfigError([problem]).message);
  return 1;
}
