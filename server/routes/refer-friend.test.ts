/** `POST /v1/me/referrals` as a member uses it: the friend is made, listed and counted at once, on every instance. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HookHistoryList } from '../../types/referralrock.js';
import type { FriendReferralResponse, MeResponse, ReferralsResponse } from '../../types/v1.js';
import { signMemberToken } from '../security/member-token.js';
import { liveApps } from '../state/app-cluster-test-helpers.js';
import type { SharedState } from '../state/index.js';
import { haveRedisServer, suiteRedisServer } from '../state/redis-test-helpers.js';
import { SANDBOX_AUTH, SECRET, bearer, sandboxApp } from '../test-helpers.js';

const referInit = (token: string, friend: unknown): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
  body: JSON.stringify(friend),
});

describe('POST /v1/me/referrals', () => {
  it('answers 201 { referral } as the friends list shows friends, puts the friend at the top of that list, and fires ReferralAdd', async () => {
    const { app } = sandboxApp();
    const hook = await app.request('/sandbox/api/hooks', {
      method: 'POST',
      headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ target_url: 'http://127.0.0.1:9/hook', event: 'ReferralAdd' }),
    });
    assert.equal(hook.status, 201);
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const before = (await (await app.request('/v1/me/referrals', bearer(token))).json()) as ReferralsResponse;

    const res = await app.request('/v1/me/referrals', referInit(token, { firstName: 'Sam', lastName: 'Fisher', email: 'sam.fisher@example.org', phone: '+1 555 010 2222', note: 'from the gym' }));
    assert.equal(res.status, 201);
    const { referral } = (await res.json()) as FriendReferralResponse;
    assert.deepEqual({ name: referral.name, status: referral.status }, { name: 'Sam F.', status: 'Pending' });
    assert.ok(Math.abs(Date.parse(referral.createDate) - Date.now()) < 60_000);

    const list = (await (await app.request('/v1/me/referrals', bearer(token))).json()) as ReferralsResponse;
    assert.deepEqual(list.referrals[0], referral, 'the same shape, at the top');
    assert.equal(list.total, before.total + 1);
    const history = (await (await app.request('/sandbox/api/hooks/history/ReferralAdd', { headers: SANDBOX_AUTH })).json()) as HookHistoryList;
    assert.equal(history.total, 1, 'ReferralAdd fired once');
  });
});

describe('POST /v1/me/referrals › two instances sharing one Redis', { skip: !haveRedisServer() && 'no redis-server' }, () => {
  const states: SharedState[] = [];
  const redis = suiteRedisServer(states);

  it('a referral made on one instance shows in the other instance’s cached stats and friends list at once', async () => {
    const { apps: [a, b], states: opened } = await liveApps({ redis, count: 2, env: { STATS_TTL_SECONDS: '3600' } });
    states.push(...opened);
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const pending = async () => ((await (await b!.request('/v1/me', bearer(token))).json()) as MeResponse).stats.referralsPending ?? 0;
    const before = await pending();
    const friends = async () => ((await (await b!.request('/v1/me/referrals', bearer(token))).json()) as ReferralsResponse).referrals;
    await friends();

    assert.equal((await a!.request('/v1/me/referrals', referInit(token, { firstName: 'Noor', email: 'noor@example.org' }))).status, 201);
    assert.equal(await pending(), before + 1, 'instance 2 does not serve its cached stats');
    assert.equal((await friends())[0]!.name, 'Noor');
  });
});
