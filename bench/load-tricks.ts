/**
 * `npm run bench:load-tricks`: what each Node-only trick of the warm path is worth, in server CPU
 * time a request and `Headers` objects built a request — reading request headers from Node's raw
 * header lines instead of `Request.headers` (gone), and answering with a plain header record that
 * `@hono/node-server` writes straight to `writeHead` (kept: it is the standard `new Response(body,
 * { headers })`, the same code on every runtime) — and `/v1`'s header middleware itself: the
 * records `apiHeaders` took at start with `respond` (the app's way) against `hono/secure-headers`
 * and `hono/cors` run on each request with `c.body`. Routes alternate round by round, so each saw
 * the same machine; bounded in count and time, loopback only.
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROUTES = ['/headers-record', '/raw-record', '/headers-set', '/raw-set', '/v1-recorded', '/v1-per-request'];
/** Each way of `/v1`'s headers must send the same ones, or the comparison means nothing. */
const SAME_HEADERS = ['/v1-recorded', '/v1-per-request'];
const ROUNDS = 5;
const REQUESTS = 5_000;
const CONNECTIONS = 10;

const child: ChildProcess = fork(fileURLToPath(new URL('./load-tricks-server.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ask = <T>(filter: (m: Record<string, unknown>) => boolean, send?: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the tricks server did not answer within 10 s')), 10_000);
    const onMessage = (m: unknown) => {
      if (typeof m === 'object' && m !== null && filter(m as Record<string, unknown>)) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(m as T);
      }
    };
    child.on('message', onMessage);
    if (send) child.send(send);
  });

try {
  const { url } = await ask<{ url: string }>((m) => 'url' in m);
  const headers = { origin: 'https://shop.example.com', authorization: `Bearer ${'t'.repeat(180)}`, 'x-request-id': 'bench-1', accept: '*/*' };
  const usage = () => ask<{ cpuMicros: number; headersBuilt: number }>((m) => 'cpuMicros' in m, 'cpu');
  const sent = await Promise.all(SAME_HEADERS.map(async (route) => {
    const res = await fetch(`${url}${route}`, { headers });
    await res.arrayBuffer();
    return JSON.stringify([...res.headers].filter(([name]) => !['date', 'x-request-id', 'content-length'].includes(name)).sort());
  }));
  if (new Set(sent).size !== 1) throw new Error(`the /v1 header ways differ:\n${sent.join('\n')}`);
  const figures = new Map<string, Array<{ cpu: number; headers: number }>>(ROUTES.map((r) => [r, []]));
  for (const route of ROUTES) await autocannon({ url: `${url}${route}`, headers, connections: CONNECTIONS, amount: 1_000, timeout: 10 }); // JIT warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const route of ROUTES) {
      const before = await usage();
      const result = await autocannon({ url: `${url}${route}`, headers, connections: CONNECTIONS, amount: REQUESTS, timeout: 10 });
      const after = await usage();
      if (result.non2xx + result.errors > 0) throw new Error(`${route}: ${result.non2xx + result.errors} failed requests`);
      figures.get(route)!.push({ cpu: (after.cpuMicros - before.cpuMicros) / REQUESTS, headers: (after.headersBuilt - before.headersBuilt) / REQUESTS });
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.table(Object.fromEntries(ROUTES.map((route) => {
    const rounds = figures.get(route)!;
    return [route, { 'server CPU a request (µs, median)': Math.round(median(rounds.map((r) => r.cpu)) * 10) / 10, 'Headers built a request': median(rounds.map((r) => r.headers)) }];
  })));
} finally {
  child.disconnect();
}
