/**
 * Backend requests/s and latency on a warm cache, beside a bare Hono route in the same run: the
 * ratio is the figure (the machine's speed cancels out). autocannon on loopback, bounded in time.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface RouteThroughput {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}
export interface ThroughputReport {
  connections: number;
  durationSeconds: number;
  me: RouteThroughput;
  bare: RouteThroughput;
  /** `/v1/me` requests/s as a share of the bare route's. */
  ratio: number;
}

export async function measureThroughput({ connections = 10, durationSeconds = 5 } = {}): Promise<ThroughputReport> {
  const target = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('throughput-target.ts', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const exited = once(target, 'exit').then(() => Promise.reject(new Error('the throughput target exited before it was ready')));
    const [line] = (await Promise.race([once(target.stdout!, 'data'), exited])) as [Buffer];
    const { meUrl, bareUrl, token } = JSON.parse(line.toString()) as { meUrl: string; bareUrl: string; token: string };
    const headers = { authorization: `Bearer ${token}` };
    // Warm up, not counted: fills whatever cache the backend keeps, and lets the JIT compile both paths.
    await run(meUrl, headers, connections, 1);
    await run(bareUrl, {}, connections, 1);
    const me = await run(meUrl, headers, connections, durationSeconds);
    const bare = await run(bareUrl, {}, connections, durationSeconds);
    return { connections, durationSeconds, me, bare, ratio: Math.round((me.requestsPerSecond / bare.requestsPerSecond) * 1000) / 1000 };
  } finally {
    target.kill('SIGTERM');
  }
}

async function run(url: string, headers: Record<string, string>, connections: number, duration: number): Promise<RouteThroughput> {
  const result = await autocannon({ url, headers, connections, duration, timeout: 10 });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}
