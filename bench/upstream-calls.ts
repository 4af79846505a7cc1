/**
 * Upstream (Referral Rock) calls per 1,000 widget loads spread over 100 members: the backend app in
 * live mode, its upstream fetch going in-process to a sandbox of 100 members and counted. Whatever
 * the app does between (a cache, say) shows in the count.
 */
import { createApp } from '../server/app.js';
import { DEFAULT_SANDBOX_API_KEY, loadConfig } from '../server/config.js';
import { signMemberToken } from '../server/security/member-token.js';
import { createSandbox } from '../server/sandbox/app.js';
import { createSeedState } from '../server/sandbox/seed.js';
import type { SandboxState } from '../server/sandbox/store.js';
import { BENCH_ENV } from './bench-env.js';

const SECRET = 'bench-secret-0123456789-abcdefghijklmnop';
const UPSTREAM = 'https://upstream.bench.invalid';

export interface UpstreamCallsReport {
  loads: number;
  members: number;
  upstreamCalls: number;
  upstreamCallsPer1000Loads: number;
  /** Upstream calls by method and path. */
  byEndpoint: Record<string, number>;
  failedLoads: number;
}

export async function measureUpstreamCalls({ loads = 1000, members = 100 } = {}): Promise<UpstreamCallsReport> {
  const state = stateWithMembers(members);
  const config = loadConfig({ ...BENCH_ENV, REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY, REFERRALROCK_API_URL: UPSTREAM, MEMBER_TOKEN_SECRET: SECRET });
  const sandbox = createSandbox({ basicAuth: config.upstreamBasicAuth, state });
  const byEndpoint: Record<string, number> = {};
  let upstreamCalls = 0;
  const dependencies = {
    // No request log lines in the benchmark's output, where the app writes them.
    log: () => {},
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const key = `${request.method} ${url.pathname}`;
      byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
      upstreamCalls++;
      return Promise.resolve(sandbox.fetch(new Request(`http://sandbox.local${url.pathname}${url.search}`, request)));
    },
  };
  const app = createApp(config, dependencies);

  const tokens = await Promise.all(state.members.slice(0, members).map((m) => signMemberToken({ email: m.email }, SECRET)));
  let failedLoads = 0;
  // Every member loads the widget loads/members times, in a shuffled but repeatable order.
  for (const memberIndex of shuffledVisits(members, loads)) {
    const response = await app.request('/v1/me', { headers: { authorization: `Bearer ${tokens[memberIndex]}` } });
    if (response.status !== 200) failedLoads++;
    await response.arrayBuffer();
  }
  return {
    loads,
    members,
    upstreamCalls,
    upstreamCallsPer1000Loads: Math.round((upstreamCalls / loads) * 1000),
    byEndpoint,
    failedLoads,
  };
}

/**
 * The seeded sandbox plus generated members, `count` in all; `tag` names their external ids and
 * codes (`bench-007`, `BENCH007`). Shared by the benchmarks that need many members.
 */
export function stateWithMembers(count: number, tag = 'bench'): SandboxState {
  const state = createSeedState();
  const template = state.members[0]!;
  for (let i = state.members.length; i < count; i++) {
    const n = String(i).padStart(3, '0');
    state.members.push({
      ...template,
      id: `00000000-0000-4000-8000-000000000${n}`,
      displayName: `Member ${n}`,
      firstName: 'Member',
      lastName: n,
      email: `member${n}@example.com`,
      externalIdentifier: `${tag}-${n}`,
      referralCode: `${tag.toUpperCase()}${n}`,
    });
  }
  return state;
}

/** `loads` member indexes, each of `members` equally often, shuffled by a fixed-seed generator. */
function shuffledVisits(members: number, loads: number): number[] {
  const visits = Array.from({ length: loads }, (_, i) => i % members);
  let seed = 42;
  const random = () => ((seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32);
  for (let i = visits.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [visits[i], visits[j]] = [visits[j]!, visits[i]!];
  }
  return visits;
}
