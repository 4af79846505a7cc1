/**
 * `/v1/me/referrals` and `/v1/me/rewards` called upstream on every request (one member reloading:
 * 120 upstream calls a minute). Each page is now cached per member for the stats TTL, and dropped
 * by any event naming her — on every instance.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Referral } from '../../types/referralrock.js';
import type { ReferralsResponse } from '../../types/v1.js';
import { signMemberToken } from '../security/member-token.js';
import { liveApps, CLUSTER_WEBHOOK_SECRET } from '../state/app-cluster-test-helpers.js';
import { haveRedisServer, suiteRedisServer } from '../state/redis-test-helpers.js';
import type { SharedState } from '../state/types.js';
import { SANDBOX_AUTH, SECRET, bearer, until } from '../test-helpers.js';

const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';
const GRACE_ID = '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21';
const STATS_TTL_SECONDS = 30;

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

const ada = () => signMemberToken({ email: 'ada@example.com' }, SECRET);
const hook = (app: Requester, event: string, payload: unknown) =>
  app.request(`/v1/hooks/referralrock?secret=${CLUSTER_WEBHOOK_SECRET}&event=${event}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
const friendsOf = async (app: Requester, token: string, query = '') => {
  const res = await app.request(`/v1/me/referrals${query}`, bearer(token));
  assert.equal(res.status, 200);
  return ((await res.json()) as ReferralsResponse).referrals.map((r) => r.name);
};
const pageCalls = (calls: string[]) => calls.filter((call) => call === 'GET /api/referrals' || call === 'GET /api/rewards').length;

describe('friends’ and rewards’ pages, cached for the stats TTL', () => {
  it('one member reloading both lists 60 times in a minute costs one upstream call each per TTL (2 × 2), not 120', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const { apps: [app], calls } = await liveApps({ env: { STATS_TTL_SECONDS: String(STATS_TTL_SECONDS) } });
    const token = await ada();
    for (let i = 0; i < 60; i++) {
      assert.equal((await app!.request('/v1/me/referrals', bearer(token))).status, 200);
      assert.equal((await app!.request('/v1/me/rewards', bearer(token))).status, 200);
      t.mock.timers.tick(1000);
    }
    assert.equal(pageCalls(calls), 2 * 2, 'each list loaded once per TTL: a minute is two TTLs');
    await app!.request('/v1/me/referrals', bearer(token));
    assert.equal(pageCalls(calls), 5);
  });

  it('each page is its own entry: page two is not page one', async () => {
    const { apps: [app] } = await liveApps();
    const token = await ada();
    const first = await friendsOf(app!, token, '?offset=0&count=3');
    const second = await friendsOf(app!, token, '?offset=3&count=3');
    assert.equal(first.length, 3);
    assert.equal(second.length, 3);
    assert.notDeepEqual(first, second);
    assert.deepEqual(await friendsOf(app!, token, '?offset=0&count=3'), first);
  });
});

function dropsOnHerEvents(instances: () => Promise<{ server: Requester; receiver: Requester; calls: string[]; sandbox: Requester }>) {
  it('a ReferralAdd naming her drops her friends’ pages (the new friend shows at once); one naming Grace keeps them', async () => {
    const { server, receiver, calls, sandbox } = await instances();
    const token = await ada();
    const before = await friendsOf(server, token, '?count=20');
    const added = await sandbox.request('/api/referrals', {
      method: 'POST',
      headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ referralCode: 'ADA2024', firstName: 'Bea', lastName: 'Newfriend', email: 'bea@example.net' }),
    });
    assert.equal(added.status, 200);
    assert.deepEqual(await friendsOf(server, token, '?count=20'), before, 'cached until told');

    assert.equal((await hook(receiver, 'ReferralAdd', { referringMemberId: GRACE_ID })).status, 200);
    const callsBefore = pageCalls(calls);
    assert.deepEqual(await friendsOf(server, token, '?count=20'), before, 'Grace’s event keeps Ada’s pages');
    assert.equal(pageCalls(calls), callsBefore);

    assert.equal((await hook(receiver, 'ReferralAdd', (await added.json()) as Referral)).status, 200);
    let after = before;
    await until(async () => (after = await friendsOf(server, token, '?count=20')).length !== before.length, { what: 'her friends’ page reloaded', timeout: 1000 });
    assert.equal(after.length, before.length + 1);
    assert.ok(after.includes('Bea N.'), after.join(', '));
  });

  it('a RewardAdd naming her drops her rewards’ pages', async () => {
    const { server, receiver, calls } = await instances();
    const token = await ada();
    assert.equal((await server.request('/v1/me/rewards', bearer(token))).status, 200);
    const loaded = pageCalls(calls);
    await server.request('/v1/me/rewards', bearer(token));
    assert.equal(pageCalls(calls), loaded, 'cached');
    assert.equal((await hook(receiver, 'RewardAdd', { id: 'w9', memberId: ADA_ID, type: 'Member', recipientId: 'x' })).status, 200);
    let reloaded = loaded;
    await until(async () => {
      await server.request('/v1/me/rewards', bearer(token));
      return (reloaded = pageCalls(calls)) !== loaded;
    }, { what: 'her rewards’ pages reloaded', timeout: 1000 });
    assert.equal(reloaded, loaded + 1);
  });
}

describe('her pages dropped by her events, in one process’s memory', () => {
  dropsOnHerEvents(async () => {
    const { apps: [app], calls, sandbox } = await liveApps();
    return { server: app!, receiver: app!, calls, sandbox };
  });
});

describe('her pages dropped by her events on every instance (two on one Redis)', { skip: !haveRedisServer() && 'no redis-server' }, () => {
  const states: SharedState[] = [];
  const redis = suiteRedisServer(states);

  dropsOnHerEvents(async () => {
    const { apps: [a, b], calls, sandbox, states: opened } = await liveApps({ redis, count: 2 });
    states.push(...opened);
    return { server: a!, receiver: b!, calls, sandbox };
  });
});
