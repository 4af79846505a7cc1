/**
 * An e-mail that moves to another member. A lookup is cached for a day: after Olivia (here: Ada)
 * changes her e-mail and Oscar signs up with her old one, a token for that e-mail must not show
 * Ada's code, links, friends or rewards to Oscar. Member events (`MemberUpdate`, `MemberAdd`) drop
 * the member's lookups, links and aliases on every instance: tried in one process's memory and with
 * two instances on one real Redis, the events delivered to the instance that did not serve the token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Member, MemberResult } from '../../types/referralrock.js';
import type { ErrorBody, MeResponse, ReferralsResponse, RewardsResponse } from '../../types/v1.js';
import { createSeedState } from '../sandbox/seed.js';
import { signMemberToken, type MemberIdentity } from '../security/member-token.js';
import { liveApps, CLUSTER_WEBHOOK_SECRET } from '../state/app-cluster-test-helpers.js';
import { haveRedisServer, suiteRedisServer } from '../state/redis-test-helpers.js';
import type { SharedState } from '../state/types.js';
import { SANDBOX_AUTH, SECRET, bearer, sandboxApp, setFaults, until } from '../test-helpers.js';

const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';
const PROGRAM_ID = createSeedState().programs[0]!.id;
const OLD_EMAIL: MemberIdentity = { email: 'ada@example.com' };
const OLD_EMAIL_WITH_PROGRAM: MemberIdentity = { email: 'ada@example.com', programId: PROGRAM_ID };

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

/** Two instances (or one app twice), the sandbox's API, and the webhook secret. */
interface World {
  server: Requester;
  receiver: Requester;
  sandboxApi(path: string, body: unknown): Promise<unknown>;
  /** Every upstream call answered 500 from now on (an outage: cached entries stand in). */
  upstreamDown(): Promise<void>;
  secret: string;
}

async function card(app: Requester, identity: MemberIdentity) {
  const token = await signMemberToken(identity, SECRET);
  const me = await app.request('/v1/me', bearer(token));
  if (me.status !== 200) return { status: me.status, code: ((await me.json()) as ErrorBody).error.code };
  const rewards = (await (await app.request('/v1/me/rewards', bearer(token))).json()) as RewardsResponse;
  const friends = (await (await app.request('/v1/me/referrals', bearer(token))).json()) as ReferralsResponse;
  return { status: 200, code: ((await me.json()) as MeResponse).member.referralCode, rewards: rewards.rewards.length, friends: friends.referrals.length };
}

/** The card, asked again for at most a second while it still shows `stale` (pub/sub is asynchronous). */
async function cardOnceChanged(app: Requester, identity: MemberIdentity, stale: string | null) {
  let seen = await card(app, identity);
  await until(async () => (seen = await card(app, identity)).code !== stale, { what: 'the card changed', timeout: 1000 }).catch(() => {});
  return seen;
}

async function deliver(world: World, event: string, member: Member) {
  const res = await world.receiver.request(`/v1/hooks/referralrock?secret=${world.secret}&event=${event}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(member),
  });
  assert.equal(res.status, 200);
}

const changeAdasEmail = async (world: World) =>
  ((await world.sandboxApi('members/update', [{ query: { primaryInfo: { memberId: ADA_ID } }, member: { email: 'ada.new@example.com' } }])) as MemberResult[])[0]!.member!;
const oscarSignsUp = async (world: World) =>
  (await world.sandboxApi('members', { firstName: 'Oscar', email: 'ada@example.com', programId: PROGRAM_ID, referralCode: 'OSCAR1' })) as Member;

function triesTheAttack(makeWorld: () => Promise<World>) {
  it('Ada changes her e-mail and Oscar signs up with the old one (MemberUpdate, MemberAdd delivered): the old e-mail’s token shows Oscar’s card, not Ada’s', async () => {
    const world = await makeWorld();
    const adas = await card(world.server, OLD_EMAIL);
    assert.deepEqual(adas, { status: 200, code: 'ADA2024', rewards: 3, friends: 6 });
    assert.equal((await card(world.server, OLD_EMAIL_WITH_PROGRAM)).code, 'ADA2024');

    const updated = await changeAdasEmail(world);
    const oscar = await oscarSignsUp(world);
    assert.equal((await card(world.server, OLD_EMAIL)).code, 'ADA2024', 'until told, the day-long lookup stands');
    await deliver(world, 'MemberUpdate', updated);
    await deliver(world, 'MemberAdd', oscar);

    assert.deepEqual(await cardOnceChanged(world.server, OLD_EMAIL, 'ADA2024'), { status: 200, code: 'OSCAR1', rewards: 0, friends: 0 });
    assert.equal((await cardOnceChanged(world.server, OLD_EMAIL_WITH_PROGRAM, 'ADA2024')).code, 'OSCAR1', 'the spelling with her program too');
    assert.equal((await card(world.server, { email: 'ada.new@example.com' })).code, 'ADA2024', 'Ada, under her new e-mail');
  });

  it('MemberUpdate alone: the old e-mail’s token no longer reaches Ada (404 member_not_found)', async () => {
    const world = await makeWorld();
    assert.equal((await card(world.server, OLD_EMAIL)).code, 'ADA2024');
    await deliver(world, 'MemberUpdate', await changeAdasEmail(world));
    assert.deepEqual(await cardOnceChanged(world.server, OLD_EMAIL, 'ADA2024'), { status: 404, code: 'member_not_found' });
  });

  it('MemberAdd alone (the update never delivered): the e-mail it names is looked up again, with or without the program', async () => {
    const world = await makeWorld();
    assert.equal((await card(world.server, OLD_EMAIL)).code, 'ADA2024');
    assert.equal((await card(world.server, OLD_EMAIL_WITH_PROGRAM)).code, 'ADA2024');
    await changeAdasEmail(world);
    await deliver(world, 'MemberAdd', await oscarSignsUp(world));
    assert.equal((await cardOnceChanged(world.server, OLD_EMAIL, 'ADA2024')).code, 'OSCAR1');
    assert.equal((await cardOnceChanged(world.server, OLD_EMAIL_WITH_PROGRAM, 'ADA2024')).code, 'OSCAR1');
  });

  it('Referral Rock down right after the events: the old e-mail’s token gets an error, never Ada’s card, friends or rewards as a stand-in', async () => {
    const world = await makeWorld();
    assert.deepEqual(await card(world.server, OLD_EMAIL), { status: 200, code: 'ADA2024', rewards: 3, friends: 6 });
    await deliver(world, 'MemberUpdate', await changeAdasEmail(world));
    await deliver(world, 'MemberAdd', await oscarSignsUp(world));
    await world.upstreamDown();
    const token = await signMemberToken(OLD_EMAIL, SECRET);
    for (const path of ['/v1/me', '/v1/me/referrals', '/v1/me/rewards']) {
      let res = await world.server.request(path, bearer(token));
      // Pub/sub is asynchronous: until the drop arrives the day-long lookup stands.
      await until(async () => (res = await world.server.request(path, bearer(token))).status !== 200, { timeout: 1000 }).catch(() => {});
      const body = await res.text();
      assert.notEqual(res.status, 200, `${path} answered from Ada's cached data: ${body.slice(0, 200)}`);
      assert.ok(!body.includes('ADA2024') && !body.includes('Charles'), `${path}: nothing of Ada's`);
    }
  });
}

describe('an e-mail that moves to a new member, in one process’s memory', () => {
  triesTheAttack(async () => {
    const { app, config } = sandboxApp();
    return {
      server: app,
      receiver: app,
      secret: config.webhookSecret,
      upstreamDown: () => setFaults(app, { errorRate: 1 }),
      sandboxApi: async (path, body) => {
        const res = await app.request(`/sandbox/api/${path}`, { method: 'POST', headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        assert.equal(res.status, 200, await res.clone().text());
        return res.json();
      },
    };
  });
});

describe('an e-mail that moves to a new member, two instances on one Redis', { skip: !haveRedisServer() && 'no redis-server' }, () => {
  const states: SharedState[] = [];
  const redis = suiteRedisServer(states);

  triesTheAttack(async () => {
    const { apps, sandbox, states: opened } = await liveApps({ redis, count: 2 });
    states.push(...opened);
    return {
      server: apps[0]!,
      receiver: apps[1]!,
      secret: CLUSTER_WEBHOOK_SECRET,
      upstreamDown: () => setFaults({ request: (path, init) => sandbox.request(path.replace(/^\/sandbox/, ''), init) }, { errorRate: 1 }),
      sandboxApi: async (path, body) => {
        const res = await sandbox.request(`/api/${path}`, { method: 'POST', headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        assert.equal(res.status, 200, await res.clone().text());
        return res.json();
      },
    };
  });
});
