/** `npm run sandbox`: the Referral Rock sandbox alone, for integrators who only want the API. */
import { serve } from '@hono/node-server';
import { parseApiKey } from '../api-key.js';
import { DEFAULT_SANDBOX_API_KEY } from '../config.js';
import { createSandbox } from './app.js';

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
serve({ fetch: createSandbox({ basicAuth: key.basic }).fetch, hostname: host, port }, (info) => {
  console.log(`Referral Rock sandbox on http://${host}:${info.port}/api (key: ${process.env.SANDBOX_API_KEY ? 'SANDBOX_API_KEY' : DEFAULT_SANDBOX_API_KEY})`);
});
