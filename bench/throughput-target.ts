/**
 * The servers `throughput.ts` loads, in a process of their own so the load generator does not
 * share their event loop: the backend (sandbox mode) and a bare Hono route on `@hono/node-server`.
 * Prints one JSON line with their addresses and a member token, then serves until killed.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { startNodeServer } from '../server/runtime/node.js';
import { BENCH_ENV } from './bench-env.js';

const backend = await startNodeServer({ ...BENCH_ENV, PORT: '0' }, () => {});
const bare = new Hono().get('/bare', (c) => c.json({ ok: true }));
const bareServer = serve({ fetch: bare.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((resolve) => bareServer.once('listening', resolve));
const { token } = (await (await fetch(`${backend.url}/demo/token?email=ada@example.com`)).json()) as { token: string };
console.log(JSON.stringify({ meUrl: `${backend.url}/v1/me`, bareUrl: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/bare`, token }));
