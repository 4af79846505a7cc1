/** `npm start` / `npm run serve`: the backend on Node, configured from the environment. */
import { ConfigError } from '../config.js';
import { startNodeServer } from './node.js';

try {
  const server = await startNodeServer(process.env);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(`referral-share: could not start: ${(err as Error).message}`);
  process.exit(1);
}
