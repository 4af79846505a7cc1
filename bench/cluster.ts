/**
 * `npm run bench:cluster`: several instances of the backend behind one (pretend) load balancer,
 * sharing one real `redis-server`, against the same instances without Redis. Loopback only,
 * bounded in count and time. Upstream is one sandbox of `members` members on a loopback port,
 * every call to it counted. Checks what sharing state promises: upstream calls per member as one instance
 * makes them; a webhook sent to one instance seen on another within a second; a member's limit
 * shared; Redis stopped mid-run costs no request; Redis back, sharing resumes by itself.
 */
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SANDBOX_API_KEY } from '../server/config.js';
import { startNodeServer } from '../server/runtime/node.js';
import { createSandbox } from '../server/sandbox/app.js';
import type { SandboxState } from '../server/sandbox/store.js';
import { stateWithMembers } from './upstream-calls.js';
import { signMemberToken } from '../server/security/member-token.js';
import { startRedisServer, type RedisTestServer } from '../server/state/redis-test-helpers.js';

const SECRET = 'cluster-bench-secret-0123456789-abcdefghij';
const WEBHOOK_SECRET = 'cluster-bench-webhook-secret';
/** Endpoints called once per member, and once per program. */
const MEMBER_ENDPOINTS = ['GET /api/members', 'POST /api/memberaccessurls', 'GET /api/memberstats/getsingle'];

export interface ClusterOptions {
  /** Members loaded in the main phase (more are kept aside for the phase after Redis returns). */
  members?: number;
  /** Widget loads per cluster in the main phase, spread over members and instances. */
  loads?: number;
  instances?: number;
  /** Child processes (the bench), or servers in this process (the quick test). */
  processes?: boolean;
  /** Requests in flight at once. */
  concurrency?: number;
  /** RATE_LIMIT_MEMBER_PER_MIN of every instance; the limit phase sends 2.5× this for one member. */
  memberLimit?: number;
  /** Longest the whole run may take; past it, it stops with an error. */
  deadlineMs?: number;
  /** REDIS_TIMEOUT_MS of every instance (default: the instances' own default, 50 ms). */
  redisTimeoutMs?: number;
  /** Told as each phase starts. */
  progress?: (phase: string) => void;
}

export interface Latency {
  p50: number;
  p99: number;
  count: number;
}

export interface ClusterReport {
  instances: number;
  members: number;
  loads: number;
  /** Requests answered other than 200 (429 of the limit phase aside). */
  clientErrors: number;
  /** Those errors by status (0: no answer). */
  errorsByStatus: Record<string, number>;
  upstream: {
    /** Calls to the member endpoints per member: one instance makes 3 (lookup, links, stats). */
    perMemberWithRedis: number;
    perMemberInMemory: number;
    byEndpointWithRedis: Record<string, number>;
  };
  /** A webhook sent to instance 1, until instance 2 serves the new stats (ms); null: never within 3 s. */
  webhookVisibleAfterMs: number | null;
  /** One member's requests spread over every instance: how many were let through. */
  memberLimit: { limit: number; sent: number; allowedWithRedis: number; allowedInMemory: number };
  redisStopped: { requests: number; failed: number; fallbackLoggedOncePerInstance: boolean };
  redisBack: { allOnRedisAfterMs: number | null; perMemberAfter: number };
  /** The shared-state lines each instance logged (switches to memory and back). */
  sharedStateLogs: string[][];
  /** Warm /v1/me round trips, measured alternately on both clusters in the same run. */
  warm: { withRedis: Latency; inMemory: Latency };
}

interface Instance {
  url: string;
  logs: string[];
  close(): Promise<void>;
}

/**
 * Runs the whole scenario and reports its figures (checks are the caller's: see `clusterChecks`).
 *
 * @example const report = await runCluster({ members: 100, loads: 3000, instances: 3, processes: true })
 */
export async function runCluster(options: ClusterOptions = {}): Promise<ClusterReport> {
  const members = options.members ?? 100;
  const loads = options.loads ?? 3000;
  const instanceCount = options.instances ?? 3;
  const concurrency = options.concurrency ?? 8;
  const memberLimit = options.memberLimit ?? 120;
  const deadline = Date.now() + (options.deadlineMs ?? 180_000);
  const progress = options.progress ?? (() => {});
  const checkTime = (next: string) => {
    if (Date.now() > deadline) throw new Error('bench:cluster ran past its deadline');
    progress(next);
  };

  const spare = 10;
  const state = stateWithMembers(members + spare + 1, 'cluster');
  const upstream = await serveUpstream(state);
  const redis = await startRedisServer();
  const started: Instance[] = [];
  try {
    const env = {
      REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY,
      REFERRALROCK_API_URL: upstream.url,
      MEMBER_TOKEN_SECRET: SECRET,
      WEBHOOK_SECRET,
      HOST: '127.0.0.1',
      PORT: '0',
      RATE_LIMIT_MEMBER_PER_MIN: String(memberLimit),
      // Stats fresh for the whole run: a loaded machine stretches a phase past the 30 s default, and
      // the revalidations (as many with one instance) would blur the count of calls per member.
      STATS_TTL_SECONDS: '3600',
      // One client address for all the bench's traffic: its bucket is kept (a shared round trip) but never empties.
      RATE_LIMIT_IP_PER_MIN: '1000000',
      // The default deadline unless asked: a burst's event-loop lag must not pass for a slow Redis.
      ...(options.redisTimeoutMs === undefined ? {} : { REDIS_TIMEOUT_MS: String(options.redisTimeoutMs) }),
    };
    const start = (count: number, extra: Record<string, string>) =>
      Promise.all(Array.from({ length: count }, () => startInstance({ ...env, ...extra }, options.processes ?? false)));
    progress('starting instances');
    const shared = await start(instanceCount, { REDIS_URL: redis.url, REDIS_PREFIX: 'cluster-bench:' });
    started.push(...shared);
    const alone = await start(instanceCount, {});
    started.push(...alone);

    const emails = state.members.map((m) => m.email);
    const tokens = await Promise.all(emails.map((email) => signMemberToken({ email }, SECRET, { expiresIn: 3600 })));
    const limited = tokens[members + spare]!;
    let clientErrors = 0;
    const errorsByStatus: Record<string, number> = {};
    const countError = (status: number) => {
      clientErrors++;
      errorsByStatus[status] = (errorsByStatus[status] ?? 0) + 1;
    };
    const load = async (instance: Instance, memberIndex: number): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${instance.url}/v1/me`, { headers: { authorization: `Bearer ${tokens[memberIndex]}` } }).catch(() => undefined);
      await response?.arrayBuffer();
      if (response?.status !== 200) countError(response?.status ?? 0);
      return performance.now() - started;
    };

    // 1. Loads spread over the members and instances, on each cluster: upstream calls per member.
    const visits = shuffled(Array.from({ length: loads }, (_, i) => i % members));
    // An instance whose first ping missed its deadline (a loaded machine) starts on memory: wait for Redis.
    if ((await allOnRedis(shared, 15_000)) === null) throw new Error('the instances did not reach Redis within 15 s');
    progress('loads with redis');
    upstream.reset();
    await pool(visits, concurrency, (member, i) => load(shared[i % instanceCount]!, member));
    const byEndpointWithRedis = { ...upstream.byEndpoint };
    const perMemberWithRedis = memberCalls(upstream.byEndpoint) / members;
    checkTime('in-memory loads');
    upstream.reset();
    await pool(visits, concurrency, (member, i) => load(alone[i % instanceCount]!, member));
    const perMemberInMemory = memberCalls(upstream.byEndpoint) / members;
    checkTime('warm latency');

    // 2. Warm latency: the same warm loads, alternately on each cluster, in rounds; two in flight,
    // so the figure is each request's own cost more than the queue of a busy machine.
    const warmRedis: number[] = [];
    const warmMemory: number[] = [];
    const warmVisits = visits.slice(0, Math.min(visits.length, 1000));
    for (let round = 0; round < 4; round++) {
      const part = warmVisits.filter((_, i) => i % 4 === round);
      warmRedis.push(...(await pool(part, 2, (member, i) => load(shared[i % instanceCount]!, member))));
      warmMemory.push(...(await pool(part, 2, (member, i) => load(alone[i % instanceCount]!, member))));
    }
    checkTime('webhook');

    // 3. A webhook to instance 1; instance 2 serves the member's new stats (no TTL wait).
    const webhookVisibleAfterMs = await webhookVisibility(shared, state, tokens[0]!, upstream.url);
    checkTime('member limit');

    // 4. One member's requests over every instance: the limit holds for the cluster, not per instance.
    const sent = Math.ceil(memberLimit * 2.5);
    const allowed = async (cluster: Instance[]) => {
      const statuses = await pool(Array.from({ length: sent }, (_, i) => i), concurrency, async (i) => {
        const response = await fetch(`${cluster[i % cluster.length]!.url}/v1/me`, { headers: { authorization: `Bearer ${limited}` } });
        await response.arrayBuffer();
        if (response.status !== 200 && response.status !== 429) countError(response.status);
        return response.status;
      });
      return statuses.filter((status) => status === 200).length;
    };
    const memberLimitReport = { limit: memberLimit, sent, allowedWithRedis: await allowed(shared), allowedInMemory: await allowed(alone) };
    checkTime('redis stopped');

    // 5. Redis stopped mid-run: every request still answered.
    const errorsBefore = clientErrors;
    const logsBefore = shared.map((instance) => instance.logs.length);
    const stopVisits = visits.slice(0, Math.min(visits.length, 600));
    let done = 0;
    let killing: Promise<void> | undefined;
    await pool(stopVisits, concurrency, async (member, i) => {
      if (++done === Math.floor(stopVisits.length / 3)) killing = redis.kill();
      return load(shared[i % instanceCount]!, member);
    });
    await killing;
    const redisStopped = {
      requests: stopVisits.length,
      failed: clientErrors - errorsBefore,
      fallbackLoggedOncePerInstance: shared.every(
        (instance, i) => instance.logs.slice(logsBefore[i]).filter((line) => line.includes('shared state unavailable')).length === 1,
      ),
    };
    checkTime('redis back');

    // 6. Redis back (empty, as after a crash): every instance on Redis by itself, and sharing again.
    await redis.restart();
    const allOnRedisAfterMs = await allOnRedis(shared, 15_000);
    upstream.reset();
    const spareVisits = Array.from({ length: spare * instanceCount }, (_, i) => members + (i % spare));
    await pool(spareVisits, concurrency, (member, i) => load(shared[Math.floor(i / spare) % instanceCount]!, member));
    const perMemberAfter = memberCalls(upstream.byEndpoint) / spare;

    return {
      instances: instanceCount,
      members,
      loads,
      clientErrors,
      errorsByStatus,
      upstream: { perMemberWithRedis, perMemberInMemory, byEndpointWithRedis },
      webhookVisibleAfterMs,
      memberLimit: memberLimitReport,
      redisStopped,
      redisBack: { allOnRedisAfterMs, perMemberAfter },
      warm: { withRedis: latency(warmRedis), inMemory: latency(warmMemory) },
      sharedStateLogs: shared.map((instance) => instance.logs),
    };
  } finally {
    await Promise.allSettled(started.map((instance) => instance.close()));
    await redis.stop();
    await upstream.close();
  }
}

/** What the report must show; each failed check is one line (none: all passed). */
export function clusterChecks(report: ClusterReport, onePerMember = MEMBER_ENDPOINTS.length): string[] {
  const failed: string[] = [];
  const check = (ok: boolean, line: string) => void (ok || failed.push(line));
  check(report.clientErrors === 0, `client errors: ${report.clientErrors}`);
  check(report.upstream.perMemberWithRedis === onePerMember, `upstream calls per member with Redis: ${report.upstream.perMemberWithRedis}, one instance makes ${onePerMember}`);
  check(report.webhookVisibleAfterMs !== null && report.webhookVisibleAfterMs <= 1000, `webhook seen on another instance after ${report.webhookVisibleAfterMs ?? 'never'} ms`);
  const { limit, allowedWithRedis } = report.memberLimit;
  // The bucket refills while the burst runs: a few more than the limit, never limit × instances.
  check(allowedWithRedis >= limit && allowedWithRedis <= limit * 1.25, `member limit ${limit}: ${allowedWithRedis} allowed over the cluster`);
  check(report.redisStopped.failed === 0, `Redis stopped: ${report.redisStopped.failed} failed requests`);
  check(report.redisStopped.fallbackLoggedOncePerInstance, 'the switch to memory was not logged exactly once per instance');
  check(report.redisBack.allOnRedisAfterMs !== null, 'an instance did not return to Redis');
  check(report.redisBack.perMemberAfter === onePerMember, `after Redis returned: ${report.redisBack.perMemberAfter} upstream calls per member`);
  return failed;
}

async function startInstance(env: Record<string, string>, processes: boolean): Promise<Instance> {
  const logs: string[] = [];
  if (!processes) {
    const server = await startNodeServer(env, (line) => void (line.includes('shared state') && logs.push(line)));
    return { url: server.url, logs, close: server.close };
  }
  const child: ChildProcess = fork(await instanceScript(), {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('an instance did not start within 60 s')), 60_000);
    child.on('message', (message: { url?: string; log?: string }) => {
      if (message.log) logs.push(message.log);
      if (message.url) {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    child.once('exit', (code) => reject(new Error(`an instance exited (${code})`)));
  });
  return {
    url,
    logs,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

let bundled: Promise<string> | undefined;

/**
 * `cluster-instance.ts` bundled once (packages stay imports) into node_modules/.cache: six children
 * compiling TypeScript each through tsx took over 30 s to start on a loaded machine.
 */
function instanceScript(): Promise<string> {
  const outfile = fileURLToPath(new URL('../node_modules/.cache/referral-share-bench/cluster-instance.mjs', import.meta.url));
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./cluster-instance.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  }).then(() => outfile);
  return bundled;
}

/** The sandbox on a loopback port, every call to its API counted by method and path. */
async function serveUpstream(state: SandboxState) {
  const sandbox = createSandbox({ basicAuth: btoa(DEFAULT_SANDBOX_API_KEY), state });
  const counted = { byEndpoint: {} as Record<string, number> };
  const server = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const s = serve(
      {
        hostname: '127.0.0.1',
        port: 0,
        fetch: (request) => {
          const { pathname } = new URL(request.url);
          if (pathname.startsWith('/api/')) {
            const key = `${request.method} ${pathname}`;
            counted.byEndpoint[key] = (counted.byEndpoint[key] ?? 0) + 1;
          }
          return sandbox.fetch(request);
        },
      },
      (info) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => s.close(() => done())) }),
    );
  });
  return {
    ...server,
    get byEndpoint() {
      return counted.byEndpoint;
    },
    reset: () => void (counted.byEndpoint = {}),
  };
}

/** A view of member 0's link counted upstream, a webhook naming the member sent to instance 1, then instance 2 asked until it shows. */
async function webhookVisibility(instances: Instance[], state: SandboxState, token: string, upstreamUrl: string): Promise<number | null> {
  const [first, second = first] = [instances[0]!, instances[1]];
  const member = state.members[0]!;
  const views = async () => {
    const response = await fetch(`${second!.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    return ((await response.json()) as { stats: { memberViews?: number } }).stats.memberViews ?? 0;
  };
  const before = await views();
  await (await fetch(`${upstreamUrl}/r/${member.referralCode}`)).arrayBuffer();
  const sentAt = performance.now();
  const hook = await fetch(`${first.url}/v1/hooks/referralrock?secret=${WEBHOOK_SECRET}&event=MemberUpdate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ memberId: member.id }),
  });
  if (hook.status !== 200) throw new Error(`the webhook answered ${hook.status}`);
  while (performance.now() - sentAt < 3000) {
    if ((await views()) > before) return Math.round(performance.now() - sentAt);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

/** Waits (at most `withinMs`) until every instance's /readyz says `redis`: how long it took, or null. */
async function allOnRedis(instances: Instance[], withinMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    const statuses = await Promise.all(instances.map((instance) => readiness(instance)));
    if (statuses.every((status) => status === 'redis')) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

async function readiness(instance: Instance): Promise<string | undefined> {
  const response = await fetch(`${instance.url}/readyz`).catch(() => undefined);
  return response ? ((await response.json()) as { sharedState?: string }).sharedState : undefined;
}

/** Runs `work` over `items`, `concurrency` at a time; the results in order. */
async function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

const memberCalls = (byEndpoint: Record<string, number>) => MEMBER_ENDPOINTS.reduce((sum, endpoint) => sum + (byEndpoint[endpoint] ?? 0), 0);

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
  return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

/** The same items, in a shuffled but repeatable order. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 42;
  const random = () => (seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
