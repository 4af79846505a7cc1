/**
 * The Workers entry with its Durable Object binding, in workerd (Miniflare): two Workers — two
 * isolates — run the same bundle, bind one `SHARED_STATE` namespace, and call the sandbox over
 * loopback in live mode, as a deployment calls Referral Rock. The objects are the entry's own
 * `SharedStateObject`, observed: each refused lease is reported to this test, which is how it knows
 * the second isolate is waiting for the first one's upstream call (no sleeping on a clock).
 */
import { serve, type ServerType } from '@hono/node-server';
import { Response as MiniflareResponse, type Miniflare } from 'miniflare';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MeResponse } from '../../types/v1.js';
import { DEFAULT_SANDBOX_API_KEY } from '../config.js';
import { createSandbox } from '../sandbox/app.js';
import { signMemberToken } from '../security/member-token.js';
import { bundleWorker, deferred, twoIsolates } from '../state/miniflare-test-helpers.js';
import { parseApiKey } from '../upstream/api-key.js';
import { durableSharedState } from './cloudflare-durable.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'durable-test-secret-0123456789-abcdefghij';
const WEBHOOK_SECRET = 'durable-webhook-secret-0123456789';
const DEADLINE_MS = 20_000;

/** The Worker entry as deployed, plus a subclass of its object that reports refused leases. */
const WORKER_SOURCE = `
export { default, SharedStateObject } from './server/runtime/cloudflare.ts';
import { SharedStateObject } from './server/runtime/cloudflare.ts';
export class ObservedSharedStateObject extends SharedStateObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.observer = env.OBSERVER;
  }
  async fetch(request) {
    const { op } = await request.clone().json();
    const response = await super.fetch(request);
    if (op === 'acquire' && (await response.clone().json()).token === null) await this.observer.fetch('http://observer/lease-refused');
    return response;
  }
}
`;

/** Fails (rather than hangs) when `condition` is not met within the deadline; checked on each report. */
function whenever(condition: () => boolean, what: string, reports: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!condition()) return;
      clearTimeout(timer);
      reports.delete(check);
      resolve();
    };
    const timer = setTimeout(() => (reports.delete(check), reject(new Error(`never: ${what}`))), DEADLINE_MS);
    reports.add(check);
    check();
  });
}

describe('Cloudflare Workers with the SHARED_STATE Durable Object binding (Miniflare, two isolates)', () => {
  let sandbox: ServerType;
  let sandboxUrl: string;
  let mf: Miniflare;
  const upstreamCalls: string[] = [];
  let leasesRefused = 0;
  const reports = new Set<() => void>();
  const report = () => [...reports].forEach((check) => check());
  /** While set, member calls upstream wait for it. */
  let upstreamGate: Promise<void> | undefined;

  before(async () => {
    const key = parseApiKey(DEFAULT_SANDBOX_API_KEY) as { basic: string };
    const referralRock = createSandbox({ basicAuth: key.basic });
    const counted = async (request: Request) => {
      const path = new URL(request.url).pathname;
      upstreamCalls.push(path);
      report();
      if (upstreamGate && /memberaccessurls|memberstats/.test(path)) await upstreamGate;
      return referralRock.fetch(request);
    };
    sandbox = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: counted, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    sandboxUrl = `http://127.0.0.1:${(sandbox.address() as AddressInfo).port}`;

    const script = await bundleWorker(WORKER_SOURCE, root);
    mf = await twoIsolates(script, 'ObservedSharedStateObject', () => ({
      bindings: {
        REFERRALROCK_API_URL: sandboxUrl,
        REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY,
        MEMBER_TOKEN_SECRET: SECRET,
        WEBHOOK_SECRET,
        RATE_LIMIT_MEMBER_PER_MIN: '5',
      },
      serviceBindings: {
        OBSERVER: async () => {
          leasesRefused += 1;
          report();
          return new MiniflareResponse(null, { status: 204 });
        },
      },
    }));
  });
  after(async () => {
    await mf?.dispose();
    await new Promise((resolve) => sandbox?.close(resolve));
  });

  const me = async (worker: 'a' | 'b', email: string) =>
    mf.dispatchFetch(`http://${worker}.test/v1/me`, { headers: { authorization: `Bearer ${await signMemberToken({ email }, SECRET)}` } });
  const count = (path: string) => upstreamCalls.filter((called) => called.includes(path)).length;

  test('concurrent /v1/me on two isolates for one member: one memberaccessurls and one memberstats call', async () => {
    const gate = deferred();
    upstreamGate = gate.promise;
    const onA = me('a', 'ada@example.com');
    await whenever(() => count('memberaccessurls') === 1 && count('memberstats') === 1, 'isolate a calls upstream', reports);
    const onB = me('b', 'ada@example.com');
    // b is waiting for a's links and stats: it was refused both leases.
    await whenever(() => leasesRefused >= 2, 'isolate b waits on the leases', reports);
    upstreamGate = undefined;
    gate.resolve();

    const [fromA, fromB] = await Promise.all([onA, onB]);
    assert.equal(fromA.status, 200, await fromA.clone().text());
    assert.equal(fromB.status, 200, await fromB.clone().text());
    const [bodyA, bodyB] = (await Promise.all([fromA.json(), fromB.json()])) as [MeResponse, MeResponse];
    assert.equal(bodyB.stats.memberShares, bodyA.stats.memberShares);
    assert.equal(bodyB.links.shareUrl, `${sandboxUrl}/r/ADA2024`);
    assert.equal(count('memberaccessurls'), 1);
    assert.equal(count('memberstats'), 1);
  });

  test('a webhook received by one isolate: the next load on the other shows the new stats', async () => {
    const sharesBefore = ((await (await me('b', 'ada@example.com')).json()) as MeResponse).stats.memberShares;
    assert.equal(typeof sharesBefore, 'number');
    assert.equal(count('memberstats'), 1, 'served from the shared cache');
    // Ada shares once more on Referral Rock, which then tells isolate a.
    assert.equal((await fetch(`${sandboxUrl}/s/ADA2024/email`)).status, 200);
    const hook = await mf.dispatchFetch(`http://a.test/v1/hooks/referralrock?secret=${WEBHOOK_SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ referralCode: 'ADA2024', status: 'pending' }),
    });
    assert.equal(hook.status, 200, await hook.clone().text());

    const sharesAfter = ((await (await me('b', 'ada@example.com')).json()) as MeResponse).stats.memberShares;
    assert.equal(sharesAfter, sharesBefore! + 1);
  });

  test("a member's rate limit is one bucket on both isolates", async () => {
    const statuses = [];
    for (const worker of ['a', 'b', 'a', 'b', 'a', 'b'] as const) statuses.push((await me(worker, 'grace@example.com')).status);
    assert.deepEqual(statuses.map((status) => status === 429), [false, false, false, false, false, true]);
  });

  test('/readyz names the shared state: durable-object', async () => {
    const ready = await mf.dispatchFetch('http://b.test/readyz');
    assert.equal(ready.status, 200, await ready.clone().text());
    assert.equal(((await ready.json()) as { sharedState: string }).sharedState, 'durable-object');
  });

  test('a SHARED_STATE binding that is not a Durable Object namespace is a configuration error', async () => {
    assert.equal(durableSharedState({}), undefined);
    assert.throws(() => durableSharedState({ SHARED_STATE: 'on' }), /SHARED_STATE must be a Durable Object namespace/);
  });
});
