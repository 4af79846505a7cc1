/**
 * `DurableObjectSharedState` in workerd (Miniflare): two Workers — two isolates — binding one
 * `SharedStateObject` namespace, loading through `loadShared` from an upstream that this test
 * answers and counts. The app's own end-to-end run on Workers is in `runtime/cloudflare-durable.test.ts`.
 */
import { Response as MiniflareResponse, type Miniflare, type Request as MiniflareRequest } from 'miniflare';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleWorker, deferred, twoIsolates } from './miniflare-test-helpers.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const DEADLINE_MS = 20_000;

/** A Worker exposing a few state calls; `load` reports to the upstream once when it starts waiting. */
const WORKER_SOURCE = `
import { DurableObjectSharedState } from './durable-state.ts';
import { loadShared } from './shared-load.ts';
export { SharedStateObject } from './durable-object.ts';

let state;
let isolate;
export default {
  async fetch(request, env) {
    state ??= new DurableObjectSharedState(env.SHARED_STATE);
    isolate ??= crypto.randomUUID();
    const url = new URL(request.url);
    const member = url.searchParams.get('member');
    const name = { kind: 'stats', member, key: 'All' };
    const tell = (what) => env.UPSTREAM.fetch('http://upstream/' + what + '?worker=' + env.WORKER);
    if (url.pathname === '/load') {
      let waiting = false;
      const result = await loadShared({
        state, name, ttlMs: 60_000,
        load: async () => (await tell('stats')).json(),
        sleep: async (ms) => {
          if (!waiting) await tell('waiting');
          waiting = true;
          await new Promise((resolve) => setTimeout(resolve, ms));
        },
      });
      return Response.json({ ...result, isolate });
    }
    if (url.pathname === '/invalidate') {
      await state.cache.invalidateMember(member, 'stats');
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/take') return Response.json(await state.rateLimits.take('member:' + member, { capacity: 3, perMinute: 3 }, Date.now()));
    return new Response('not found', { status: 404 });
  },
};
`;

describe('DurableObjectSharedState in workerd: two isolates, one namespace', () => {
  let mf: Miniflare;
  const upstreamCalls: string[] = [];
  let statsAnswer = deferred<number>();
  const arrivals = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const arrival = (what: string) => {
    if (!arrivals.has(what)) arrivals.set(what, deferred<void>());
    return arrivals.get(what)!;
  };
  /** Waits for the upstream to hear `what`, failing (not hanging) if it never does. */
  const heard = (what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the upstream never heard ${what}; it heard ${upstreamCalls.join(', ')}`)), DEADLINE_MS);
      void arrival(what).promise.then(() => (clearTimeout(timer), resolve()));
    });

  before(async () => {
    const script = await bundleWorker(WORKER_SOURCE, here);
    const upstream = async (request: MiniflareRequest) => {
      const url = new URL(request.url);
      const what = `${url.pathname.slice(1)}@${url.searchParams.get('worker')}`;
      upstreamCalls.push(what);
      arrival(what).resolve();
      if (url.pathname === '/stats') return MiniflareResponse.json({ referrals: await statsAnswer.promise });
      return new MiniflareResponse(null, { status: 204 });
    };
    mf = await twoIsolates(script, 'SharedStateObject', (name) => ({ bindings: { WORKER: name }, serviceBindings: { UPSTREAM: upstream } }));
  });
  after(async () => {
    await mf?.dispose();
  });

  const call = async (worker: 'a' | 'b', path: string) => {
    const response = await mf.dispatchFetch(`http://${worker}.test${path}`);
    assert.ok(response.ok, `${worker} ${path}: ${response.status} ${await response.clone().text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>);
  };

  test('concurrent misses on two isolates make one upstream call; the other waits for it', async () => {
    const onA = call('a', '/load?member=email:ada@example.com');
    await heard('stats@a');
    const onB = call('b', '/load?member=email:ada@example.com');
    await heard('waiting@b');
    statsAnswer.resolve(7);

    const [fromA, fromB] = await Promise.all([onA, onB]);
    assert.deepEqual({ ...fromA, isolate: undefined }, { value: { referrals: 7 }, source: 'loaded', isolate: undefined });
    assert.deepEqual({ ...fromB, isolate: undefined }, { value: { referrals: 7 }, source: 'waited', isolate: undefined });
    assert.notEqual(fromA!.isolate, fromB!.isolate, 'two isolates');
    assert.deepEqual(upstreamCalls.filter((what) => what.startsWith('stats')), ['stats@a']);
  });

  test("an invalidation on one isolate: the other's next load calls upstream", async () => {
    assert.equal((await call('b', '/load?member=email:ada@example.com'))!.source, 'cache');
    statsAnswer = deferred<number>();
    statsAnswer.resolve(8);
    await call('a', '/invalidate?member=email:ada@example.com');
    const next = await call('b', '/load?member=email:ada@example.com');
    assert.deepEqual(next!.value, { referrals: 8 });
    assert.deepEqual(upstreamCalls.filter((what) => what.startsWith('stats')), ['stats@a', 'stats@b']);
  });

  test("a member's bucket is one bucket on both isolates", async () => {
    const answers = [];
    for (const worker of ['a', 'b', 'a', 'b'] as const) answers.push((await call(worker, '/take?member=email:bob@example.com'))!.allowed);
    assert.deepEqual(answers, [true, true, true, false]);
  });
});
