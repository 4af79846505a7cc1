/**
 * `npm run bench:load`: a load test on loopback, bounded in count and time. The backend runs in a
 * child process in sandbox mode with rate limits off and 100 sandbox members; autocannon sends
 * 20,000 `GET /v1/me` spread over those members, then measures a warm cache against bare Hono
 * routes in the same process — one answering the very bytes of a warm `/v1/me`, one answering
 * `{"ok":true}`; the p99 target holds against each — in alternating rounds. Then all again with 5 %
 * upstream 500s and 200 ms upstream latency. Prints requests/s, p50/p99, upstream calls and
 * client-visible errors, and checks the targets.
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SANDBOX_API_KEY } from '../server/config.js';
import { signMemberToken } from '../server/security/member-token.js';
import { parseApiKey } from '../server/upstream/api-key.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
/** The site the requests come from, as a widget's would: allowed, so each is granted CORS. */
const BENCH_ORIGIN = 'https://shop.example.com';
const REQUESTS = 20_000;
/** Warm runs alternate with bare runs, so both see the same machine (it is shared and noisy). */
const WARM_ROUNDS = 5;
const WARM_REQUESTS = 10_000;
const WARM_UP_REQUESTS = 2_000;
const CONNECTIONS = 20;
const MAX_SECONDS_PER_RUN = 90;


interface Figures { requestsPerSecond: number; p50: number; p99: number; errors: number; requests: number; cpuMicrosPerRequest?: number }

/**
 * Sends `amount` GETs to `url` as a widget on the allowed site would: each with its Origin and the
 * next member's token (a bare route ignores both: the same client work).
 */
async function run(url: string, tokens: string[], amount: number): Promise<Figures> {
  let next = 0;
  const instance = autocannon({
    url,
    amount,
    connections: CONNECTIONS,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, origin: BENCH_ORIGIN, authorization: `Bearer ${tokens[next++ % tokens.length]}` } }),
      },
    ],
  });
  // autocannon's own histogram keeps whole milliseconds, too coarse for a loopback p99 of 1–3 ms:
  // take every response time (float ms) and the wall time between first and last response instead.
  const times: number[] = [];
  let firstAt = 0;
  let lastAt = 0;
  // Without a callback autocannon returns a promise that is also the running instance.
  const running = instance as unknown as autocannon.Instance;
  running.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    lastAt = performance.now();
    if (times.length === 0) firstAt = lastAt;
    times.push(responseTime);
  });
  const guard = setTimeout(() => running.stop(), MAX_SECONDS_PER_RUN * 1000);
  const result = await instance;
  clearTimeout(guard);
  times.sort((a, b) => a - b);
  const percentile = (p: number) => round3(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0);
  return {
    requestsPerSecond: Math.round(((times.length - 1) * 1000) / Math.max(lastAt - firstAt, 1)),
    p50: percentile(0.5),
    p99: percentile(0.99),
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;

/** The round with the median p99. */
function median(rounds: Figures[]): Figures {
  return [...rounds].sort((a, b) => a.p99 - b.p99)[Math.floor(rounds.length / 2)]!;
}

/**
 * The median over rounds of `a`'s p99 over `b`'s p99 in the same round: the rounds run back to
 * back, so each pair saw the same machine (a shared one's load drifts between rounds).
 */
function pairedP99Ratio(a: Figures[], b: Figures[]): number {
  const ratios = a.map((round, i) => round.p99 / b[i]!.p99).sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)]!;
}

interface BenchServer { child: ChildProcess; url: string; bareUrl: string; bareSameUrl: string; emails: string[] }

async function startServer(faults: Record<string, string>): Promise<BenchServer> {
  const child = fork(fileURLToPath(new URL('./load-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, MEMBER_TOKEN_SECRET: SECRET, ALLOWED_ORIGINS: BENCH_ORIGIN, ...faults },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Omit<BenchServer, 'child'>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Omit<BenchServer, 'child'>));
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { child, ...ready };
}

/** The server process's CPU time so far, in µs (user + system). */
function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bench server did not report its CPU time')), 5000);
    const onMessage = (m: unknown) => {
      if (typeof m === 'object' && m !== null && 'cpuMicros' in m) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve((m as { cpuMicros: number }).cpuMicros);
      }
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}

/** `run`, with the server's CPU time a request measured around it. */
async function measuredRun(child: ChildProcess, url: string, tokens: string[], amount: number): Promise<Figures> {
  const before = await serverCpu(child);
  const figures = await run(url, tokens, amount);
  const used = (await serverCpu(child)) - before;
  return { ...figures, cpuMicrosPerRequest: Math.round((used / Math.max(figures.requests, 1)) * 10) / 10 };
}

/** The median of the rounds' server CPU time a request. */
const medianCpu = (rounds: Figures[]): number => rounds.map((r) => r.cpuMicrosPerRequest ?? 0).sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;

/** Requests that reached the sandbox's API, and how many of them it failed on purpose. */
async function upstreamCounts(url: string): Promise<{ calls: number; failed: number }> {
  // The fault switch wants the sandbox's key, the one the bench server was started with.
  const key = parseApiKey(process.env.SANDBOX_API_KEY ?? DEFAULT_SANDBOX_API_KEY);
  if ('error' in key) throw new Error(`SANDBOX_API_KEY ${key.error}`);
  const res = await fetch(`${url}/sandbox/_faults`, { headers: { authorization: `Basic ${key.basic}` } });
  const { counts } = (await res.json()) as { counts: { requests: number; error: number } };
  return { calls: counts.requests, failed: counts.error };
}

async function scenario(name: string, faults: Record<string, string>) {
  const server = await startServer(faults);
  try {
    const tokens = await Promise.all(server.emails.map((email) => signMemberToken({ email }, SECRET, { expiresIn: 1800 })));
    const me = `${server.url}/v1/me`;
    const started = Date.now();
    const before = await upstreamCounts(server.url);
    const load = await run(me, tokens, REQUESTS);
    const cold = await upstreamCounts(server.url);
    const bareRounds: Figures[] = [];
    const sameRounds: Figures[] = [];
    const warmRounds: Figures[] = [];
    // Not counted: each route's code is compiled by the JIT before its rounds are timed.
    for (const url of [server.bareUrl, server.bareSameUrl, me]) await run(url, tokens, WARM_UP_REQUESTS);
    for (let round = 0; round < WARM_ROUNDS; round++) {
      bareRounds.push(await measuredRun(server.child, server.bareUrl, tokens, WARM_REQUESTS));
      sameRounds.push(await measuredRun(server.child, server.bareSameUrl, tokens, WARM_REQUESTS));
      warmRounds.push(await measuredRun(server.child, me, tokens, WARM_REQUESTS));
    }
    const after = await upstreamCounts(server.url);
    const bare = median(bareRounds);
    const same = median(sameRounds);
    const warm = median(warmRounds);

    const calls = after.calls - before.calls;
    const failed = after.failed - before.failed;
    // Stats live STATS_TTL_SECONDS (30 s): a run longer than that starts new cache lifetimes.
    const lifetimes = Math.ceil((Date.now() - started) / 30_000);
    const ratio = pairedP99Ratio(warmRounds, sameRounds);
    const tinyRatio = pairedP99Ratio(warmRounds, bareRounds);

    console.log(`\n== ${name}: ${tokens.length} members, ${CONNECTIONS} connections`);
    console.table({
      [`GET /v1/me, ${REQUESTS} requests (cold start)`]: load,
      [`bare Hono route, {"ok":true}, ${WARM_ROUNDS}×${WARM_REQUESTS} requests (median round)`]: bare,
      [`bare Hono route, the bytes of a warm /v1/me, ${WARM_ROUNDS}×${WARM_REQUESTS} (median round)`]: same,
      [`GET /v1/me, ${WARM_ROUNDS}×${WARM_REQUESTS} requests, warm cache (median round)`]: warm,
    });
    console.log(`upstream calls: ${calls} in all (${cold.calls - before.calls} during the cold run) over ${lifetimes} stats lifetime(s) of 30 s: ${calls - failed} answered, ${((calls - failed) / tokens.length).toFixed(2)} per member, and ${failed} failed on purpose (injected) and retried`);
    const rounds = (figures: Figures[]) => figures.map((r) => r.p99).join(' / ');
    console.log(`warm p99 over bare p99, same bytes: ${ratio.toFixed(2)}× (median of the rounds' ratios; p99 by round ${rounds(warmRounds)} ms against ${rounds(sameRounds)} ms; throughput ratio ${(same.requestsPerSecond / warm.requestsPerSecond).toFixed(2)}×)`);
    console.log(`server CPU a request (median of the rounds): warm /v1/me ${medianCpu(warmRounds)} µs, bare route with the same bytes ${medianCpu(sameRounds)} µs, bare {"ok":true} ${medianCpu(bareRounds)} µs`);
    console.log(`warm p99 over bare p99, {"ok":true}: ${tinyRatio.toFixed(2)}× (p99 by round ${rounds(bareRounds)} ms; throughput ratio ${(bare.requestsPerSecond / warm.requestsPerSecond).toFixed(2)}×)`);

    const checks = {
      'zero client-visible errors': [load, ...warmRounds, ...sameRounds, ...bareRounds].every((r) => r.errors === 0),
      'all requests answered': load.requests === REQUESTS && [...warmRounds, ...sameRounds, ...bareRounds].every((r) => r.requests === WARM_REQUESTS),
      // One access-URL call per member, one stats call per member per lifetime; retries of injected failures aside.
      'upstream calls ≤ 2 per member per cache lifetime': calls - failed <= tokens.length * (1 + lifetimes) && cold.calls - before.calls - (cold.failed - before.failed) <= 2 * tokens.length,
      'warm p99 within 1.5× of a bare route answering the same bytes': ratio <= 1.5,
      'warm p99 within 1.5× of a bare route answering {"ok":true}': tinyRatio <= 1.5,
    };
    for (const [check, ok] of Object.entries(checks)) console.log(`${ok ? 'PASS' : 'FAIL'} ${check}`);
    return Object.values(checks).every(Boolean);
  } finally {
    server.child.disconnect();
    await new Promise((resolve) => server.child.once('exit', resolve));
  }
}

const clean = await scenario('healthy upstream', {});
const faulty = await scenario('5 % upstream 500s, 200 ms upstream latency', { SANDBOX_ERROR_RATE: '0.05', SANDBOX_LATENCY_MS: '200' });
process.exitCode = clean && faulty ? 0 : 1;
