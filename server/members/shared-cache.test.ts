/**
 * Two instances of the app sharing one real redis-server (no mock): the upstream cache, member
 * aliases, invalidations and rate limits are one for both; `/readyz` names the shared state.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../app.js';
import { DEFAULT_SANDBOX_API_KEY, loadConfig } from '../config.js';
import { createSandbox } from '../sandbox/app.js';
import { createSeedState } from '../sandbox/seed.js';
import { signMemberToken } from '../security/member-token.js';
import { createSharedState, readSharedStateConfig, type SharedState } from '../state/index.js';
import { haveRedisServer, suiteRedisServer } from '../state/redis-test-helpers.js';
import { SECRET, bearer, until } from '../test-helpers.js';
import type { MeResponse } from '../../types/v1.js';

const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';

describe('two instances sharing one Redis', { skip: !haveRedisServer() && 'no redis-server' }, () => {
  const states: SharedState[] = [];
  const redis = suiteRedisServer(states);

  /** `count` apps in live mode against one sandbox, each with its own Redis connection; upstream calls counted. */
  async function cluster(count: number, env: Record<string, string> = {}) {
    const sandbox = createSandbox({ basicAuth: btoa(DEFAULT_SANDBOX_API_KEY), state: createSeedState() });
    const calls: string[] = [];
    const prefix = `t${states.length}:`;
    const config = loadConfig({ REFERRALROCK_API_KEY: DEFAULT_SANDBOX_API_KEY, REFERRALROCK_API_URL: 'https://upstream.test', MEMBER_TOKEN_SECRET: SECRET, WEBHOOK_SECRET: 'hook-secret-0123456789', REDIS_URL: redis.url, REDIS_PREFIX: prefix, REDIS_TIMEOUT_MS: '1000', ...env });
    const apps = [];
    for (let i = 0; i < count; i++) {
      const logs: string[] = [];
      const sharedState = await createSharedState({ config: readSharedStateConfig({ REDIS_URL: redis.url, REDIS_PREFIX: prefix, REDIS_TIMEOUT_MS: '1000' }).config, log: (entry) => logs.push(entry.msg as string), probeEveryMs: 100 });
      states.push(sharedState);
      const app = createApp(config, {
        log: () => {},
        sharedState,
        fetch: async (input, init) => {
          const request = new Request(input, init);
          const url = new URL(request.url);
          if (url.pathname.startsWith('/api/')) calls.push(`${request.method} ${url.pathname}`);
          return sandbox.fetch(new Request(`http://sandbox.local${url.pathname}${url.search}`, request));
        },
      });
      apps.push(Object.assign(app, { logs }));
    }
    return { apps, calls, sandbox };
  }

  it('a member loaded on one instance costs the other no upstream call', async () => {
    const { apps: [a, b], calls } = await cluster(2);
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    assert.equal((await a!.request('/v1/me', bearer(token))).status, 200);
    const one = calls.length;
    assert.equal((await b!.request('/v1/me', bearer(token))).status, 200);
    assert.equal(calls.length, one, `instance 2 called ${calls.slice(one).join(', ')}`);
  });

  it('a webhook received by one instance drops the member’s stats on the other (not left until the TTL)', async () => {
    const { apps: [a, b], sandbox } = await cluster(2);
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const views = async () => ((await (await b!.request('/v1/me', bearer(token))).json()) as MeResponse).stats.memberViews!;
    const before = await views();
    assert.equal((await sandbox.request('/r/ADA2024')).status, 200, 'a view counted upstream');
    assert.equal(await views(), before, 'instance 2 serves its fresh copy');
    const hook = await a!.request('/v1/hooks/referralrock?secret=hook-secret-0123456789', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ memberId: ADA_ID }) });
    assert.equal(hook.status, 200);
    // The announcement travels over pub/sub: asked again within a bounded second.
    let seen = before;
    await until(async () => (seen = await views()) !== before, { what: 'b serves the new views', timeout: 1000 });
    assert.equal(seen, before + 1);
  });

  it('one member limit for both instances, not one each', async () => {
    const { apps } = await cluster(2, { RATE_LIMIT_MEMBER_PER_MIN: '6' });
    const token = await signMemberToken({ email: 'grace@example.com' }, SECRET);
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await apps[i % 2]!.request('/v1/me', bearer(token))).status);
    assert.equal(statuses.filter((s) => s === 200).length, 6, statuses.join(' '));
  });

  it('Redis killed: requests still answered, /readyz says memory-fallback (still ready), logged once; back to redis by itself', async () => {
    const { apps: [a] } = await cluster(1);
    const token = await signMemberToken({ email: 'linus@example.com' }, SECRET);
    assert.equal((await a!.request('/v1/me', bearer(token))).status, 200);
    assert.equal(((await (await a!.request('/readyz')).json()) as { sharedState: string }).sharedState, 'redis');
    await redis.kill();
    for (let i = 0; i < 3; i++) assert.equal((await a!.request('/v1/me', bearer(token))).status, 200);
    const ready = await a!.request('/readyz');
    assert.equal(ready.status, 200);
    assert.equal(((await ready.json()) as { sharedState: string }).sharedState, 'memory-fallback');
    assert.deepEqual(a!.logs.filter((msg) => msg.includes('unavailable')), ['shared state unavailable, using memory']);
    await redis.restart();
    const readiness = async () => ((await (await a!.request('/readyz')).json()) as { sharedState: string }).sharedState;
    await until(async () => (await readiness()) === 'redis', { what: '/readyz says redis', timeout: 5000 });
  });
});
