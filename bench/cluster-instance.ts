/**
 * One instance of `npm run bench:cluster`, as a child process: the Node entry, configured from the
 * environment the parent gives (REDIS_URL or not). Sends `{ url }` when listening, and each
 * shared-state log line (`{ log }`) so the parent can check the switches were logged once.
 */
import { startNodeServer } from '../server/runtime/node.js';

const server = await startNodeServer({ ...process.env, PORT: '0' }, (line) => {
  if (line.includes('shared state') && process.connected) process.send?.({ log: line });
});
process.send?.({ url: server.url });
process.once('disconnect', () => void server.close().then(() => process.exit(0)));
