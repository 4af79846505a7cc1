/**
 * Prints figures for the sandbox, in process (no sockets): requests a second for the calls a widget
 * load makes and for creating referrals, in memory and with SANDBOX_DATA persistence, and the time
 * one atomic save takes. Bounded: a few thousand requests, a temporary folder removed at the end.
 *
 *   node --import tsx server/sandbox/bench.ts
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from './app.js';
import { createStateWriter, sandboxStorageFromEnv } from './persistence.js';
import { createSeedState } from './seed.js';

const KEY = Buffer.from('pk:sk').toString('base64');
const headers = { authorization: `Basic ${KEY}`, 'content-type': 'application/json' };

async function measure(label: string, count: number, run: (i: number) => Response | Promise<Response>): Promise<void> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const res = await run(i);
    if (res.status >= 400) throw new Error(`${label}: status ${res.status}`);
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`${label.padEnd(44)} ${String(Math.round(count / seconds)).padStart(6)} req/s   p50 ${at(0.5)} ms   p99 ${at(0.99)} ms   (${count} requests)`);
}

const dir = await mkdtemp(join(tmpdir(), 'sandbox-bench-'));
try {
  const memory = createSandbox({ basicAuth: KEY });
  await measure('memberaccessurls (in memory)', 3000, () =>
    memory.request('/api/memberaccessurls', { method: 'POST', headers, body: JSON.stringify({ emailAddress: 'ada@example.com' }) }),
  );
  await measure('memberstats/getsingle (in memory)', 3000, () => memory.request('/api/memberstats/getsingle?query=ada@example.com', { headers }));
  await measure('POST api/referrals (in memory)', 2000, (i) =>
    memory.request('/api/referrals', { method: 'POST', headers, body: JSON.stringify({ referralCode: 'GRACE42', firstName: 'B', email: `b${i}@example.net` }) }),
  );

  const file = join(dir, 'data.json');
  const persisted = createSandbox({ basicAuth: KEY, ...(await sandboxStorageFromEnv({ SANDBOX_DATA: file })) });
  await measure('POST api/referrals (SANDBOX_DATA, fsync each)', 300, (i) =>
    persisted.request('/api/referrals', { method: 'POST', headers, body: JSON.stringify({ referralCode: 'GRACE42', firstName: 'P', email: `p${i}@example.net` }) }),
  );
  await measure('share-page hits (SANDBOX_DATA, batched)', 1000, (i) => persisted.request(`/s/GRACE42/${i % 2 ? 'email' : 'sms'}`));
  // Concurrent writers share saves: 50 requests at once.
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      persisted.request('/api/referrals', { method: 'POST', headers, body: JSON.stringify({ referralCode: 'GRACE42', firstName: 'C', email: `c${i}@example.net` }) }),
    ),
  );
  console.log(`${'50 concurrent POST api/referrals (SANDBOX_DATA)'.padEnd(44)} ${(performance.now() - t).toFixed(1)} ms in all`);

  const big = createSeedState();
  for (let i = 0; i < 5000; i++) big.activity.push({ memberId: big.members[0]!.id, kind: 'view', channel: 'link', at: new Date().toISOString() });
  const bigFile = join(dir, 'big.json');
  const save = createStateWriter(bigFile);
  const s = performance.now();
  for (let i = 0; i < 20; i++) await save(big);
  console.log(`${'one atomic save of a state with 5,000 views'.padEnd(44)} ${((performance.now() - s) / 20).toFixed(2)} ms   (${Math.round((await stat(bigFile)).size / 1024)} KB)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
