import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { signMemberToken } from '../security/member-token.js';
import { UpstreamCache } from './upstream-cache.js';
import { SECRET, bearer, sandboxApp } from '../test-helpers.js';
import type { MeResponse } from '../../types/v1.js';

const ada = () => signMemberToken({ email: 'ada@example.com' }, SECRET);
const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';

describe('upstream cache behind /v1/me', () => {
  it('shares one upstream call per endpoint among concurrent loads of one member', async () => {
    const { app, apiCalls } = sandboxApp();
    const token = await ada();
    const responses = await Promise.all(Array.from({ length: 25 }, () => app.request('/v1/me', bearer(token))));
    assert.ok(responses.every((r) => r.status === 200));
    assert.deepEqual(apiCalls().sort(), ['GET /sandbox/api/members', 'GET /sandbox/api/memberstats/getsingle', 'GET /sandbox/api/programs', 'GET /sandbox/api/rewardrules', 'POST /sandbox/api/memberaccessurls']);
  });

  it('answers again from the cache; another time period costs one stats call', async () => {
    const { app, apiCalls } = sandboxApp();
    const token = await ada();
    await app.request('/v1/me', bearer(token));
    await app.request('/v1/me', bearer(token));
    assert.equal(apiCalls().length, 5, 'lookup, links, stats, program, rules');
    await app.request('/v1/me?timePeriod=Last7Days', bearer(token));
    assert.deepEqual(apiCalls().slice(5), ['GET /sandbox/api/memberstats/getsingle']);
  });

  it('asks memberaccessurls for long-lived links (ACCESS_URL_EXPIRE_MINUTES)', async () => {
    const bodies: unknown[] = [];
    const app = createApp(loadConfig({ REFERRALROCK_API_KEY: 'p:q', MEMBER_TOKEN_SECRET: SECRET, ACCESS_URL_EXPIRE_MINUTES: '2880' }), {
      log: () => {},
      fetch: async (input, init) => {
        if (String(input).includes('api/members?')) return Response.json({ members: [{ id: ADA_ID, email: 'ada@example.com' }], total: 1 });
        if (String(input).includes('memberaccessurls')) bodies.push(JSON.parse(String(init?.body)));
        return Response.json({ referralCode: 'ADA2024' });
      },
    });
    assert.equal((await app.request('/v1/me', bearer(await ada()))).status, 200);
    assert.deepEqual(bodies, [{ memberId: ADA_ID, expireInMinutes: 2880 }], 'asked by the id the exact lookup found');
  });

  it('does not cache failures: a member unknown upstream is asked again', async () => {
    const { app, apiCalls } = sandboxApp();
    const token = await signMemberToken({ email: 'nobody@example.com' }, SECRET);
    assert.equal((await app.request('/v1/me', bearer(token))).status, 404);
    const calls = apiCalls().length;
    assert.equal((await app.request('/v1/me', bearer(token))).status, 404);
    assert.ok(apiCalls().length > calls);
  });
});

describe('UpstreamCache', () => {
  const lifetimes = { freshMs: 30, staleWhileRevalidateMs: 1000, keepMs: 5000 };
  // The clock is Node's fake one: `mock.timers.tick(ms)` is time passing.
  beforeEach(() => mock.timers.enable({ apis: ['Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('serves a just-expired value at once while one background load refreshes it', async () => {
    const cache = new UpstreamCache<number>(10);
    let loads = 0;
    const load = async () => ++loads;
    const background: Promise<unknown>[] = [];
    const defer = (work: Promise<unknown>) => void background.push(work);
    assert.deepEqual(await cache.get('k', load, lifetimes, defer), { value: 1, stale: false });
    mock.timers.tick(40);
    assert.deepEqual(await cache.get('k', load, lifetimes, defer), { value: 1, stale: false }, 'the old value, at once');
    assert.equal(background.length, 1, 'one background refresh');
    await Promise.all(background);
    assert.deepEqual(await cache.get('k', load, lifetimes, defer), { value: 2, stale: false }, 'then the refreshed one');
    assert.equal(loads, 2);
  });

  it('answers a fresh value at once, and nothing once it is no longer fresh or was dropped', async () => {
    const cache = new UpstreamCache<number>(10);
    assert.equal(cache.fresh('k'), undefined, 'nothing loaded yet');
    await cache.get('k', async () => 7, lifetimes);
    assert.deepEqual(cache.fresh('k'), { value: 7, stale: false });
    mock.timers.tick(29);
    assert.deepEqual(cache.fresh('k'), { value: 7, stale: false }, 'still within freshMs');
    mock.timers.tick(1);
    assert.equal(cache.fresh('k'), undefined, 'past freshMs: `get` revalidates it');
    await cache.get('k', async () => 8, { ...lifetimes, staleWhileRevalidateMs: 0 });
    assert.deepEqual(cache.fresh('k'), { value: 8, stale: false });
    cache.drop('k');
    assert.equal(cache.fresh('k'), undefined, 'dropped');
  });

  it('stays bounded (least recently used first)', async () => {
    const cache = new UpstreamCache<string>(2);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key, lifetimes);
    assert.equal(cache.size, 2);
    let reloaded = false;
    await cache.get('a', async () => ((reloaded = true), 'a'), lifetimes);
    assert.ok(reloaded, 'a was forgotten');
  });

  it('does not store a load that started before a drop as fresh', async () => {
    const cache = new UpstreamCache<string>(10);
    let release!: (v: string) => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)), lifetimes);
    cache.drop('k');
    release('old');
    await slow;
    let reloaded = false;
    await cache.get('k', async () => ((reloaded = true), 'new'), lifetimes);
    assert.ok(reloaded);
  });

  it('stores a load that started after a drop as fresh, even within the same millisecond', async () => {
    const cache = new UpstreamCache<string>(10);
    await cache.get('k', async () => 'old', lifetimes);
    cache.drop('k');
    await cache.get('k', async () => 'new', lifetimes);
    assert.deepEqual(cache.fresh('k'), { value: 'new', stale: false }, 'the clock did not move, the drop came first');
  });
});

describe('sandbox mode: changes show on the next load', () => {
  it('drops cached stats when a friend follows a member’s link', async () => {
    const { app } = sandboxApp();
    const token = await signMemberToken({ email: 'linus@example.com' }, SECRET);
    const before = (await (await app.request('/v1/me', bearer(token))).json()) as MeResponse;
    assert.equal((await app.request('/sandbox/r/LINUS01')).status, 200);
    const after = (await (await app.request('/v1/me', bearer(token))).json()) as MeResponse;
    assert.equal(after.stats.memberViews, before.stats.memberViews! + 1);
  });
});
