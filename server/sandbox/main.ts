/** `npm run sandbox`: the Referral Rock sandbox alone, for integrators who only want the API. */
import { serve } from '@hono/node-server';
import { parseApiKey } from '../upstream/api-key.js';
import { ConfigError, DEFAULT_SANDBOX_API_KEY } from '../config.js';
import { createSandbox } from './app.js';
import { faultSettingsFromEnv } from './faults.js';
import { sandboxStorageFromEnv } from './persistence.js';

const port = Number(process.env.PORT ?? 8788);
const host = process.env.HOST ?? '127.0.0.1';
const key = parseApiKey(process.env.SANDBOX_API_KEY ?? DEFAULT_SANDBOX_API_KEY);
if ('error' in key) {
  console.error(`SANDBOX_API_KEY ${key.error}.`);
  process.exit(1);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer from 0 to 65535, got "${process.env.PORT}".`);
  process.exit(1);
}
const faults = faultSettingsFromEnv(process.env);
if (faults.problems.length > 0) {
  console.error(new ConfigError(faults.problems).message);
  process.exit(1);
}
let storage;
try {
  storage = await sandboxStorageFromEnv(process.env);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `sandbox: could not start: ${(err as Error).message}`);
  process.exit(1);
}
const sandbox = createSandbox({ basicAuth: key.basic, ...storage, faults: faults.settings });
// Ctrl-C or a stop: the save still waiting for its turn (share-page hits are batched) is written first.
const stop = () => void (storage.onChange?.flush() ?? Promise.resolve()).finally(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
serve({ fetch: sandbox.fetch, hostname: host, port }, (info) => {
  console.log(`Referral Rock sandbox on http://${host}:${info.port}/api (key: ${process.env.SANDBOX_API_KEY ? 'SANDBOX_API_KEY' : DEFAULT_SANDBOX_API_KEY})`);
  console.log(process.env.SANDBOX_DATA ? `State is kept in ${process.env.SANDBOX_DATA}.` : 'State is in memory (set SANDBOX_DATA=file.json to keep it).');
});
