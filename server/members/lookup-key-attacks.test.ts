/**
 * Two tokens that once shared one cached lookup: the lookup was keyed by claim and value with the
 * program glued on (`email:ada@example.com` + `@<program>`), so `{ email: 'ada@example.com',
 * programId: P }` and `{ email: 'ada@example.com@P' }` were one entry — whoever loaded first decided
 * whose links, stats, friends and rewards the other saw. Tried both ways round, in one process's
 * memory and across two instances on a real Redis.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Member } from '../../types/referralrock.js';
import type { MeResponse, ReferralsResponse, RewardsResponse } from '../../types/v1.js';
import { createSeedState } from '../sandbox/seed.js';
import { signMemberToken, type MemberIdentity } from '../security/member-token.js';
import { liveApps } from '../state/app-cluster-test-helpers.js';
import { haveRedisServer, suiteRedisServer } from '../state/redis-test-helpers.js';
import type { SharedState } from '../state/types.js';
import { SECRET, bearer, sandboxApp } from '../test-helpers.js';

const PROGRAM_ID = createSeedState().programs[0]!.id;
const ADA_WITH_PROGRAM: MemberIdentity = { email: 'ada@example.com', programId: PROGRAM_ID };
/** Ada's e-mail with her program glued on, in other ASCII cases: the old key of Ada's token, exactly. */
const MALLORY_TOKEN: MemberIdentity = { email: `ADA@example.com@${PROGRAM_ID.toUpperCase()}` };
const GRACE_WITH_PROGRAM: MemberIdentity = { email: 'grace@example.com', programId: PROGRAM_ID };
const GRACE_LOOK_ALIKE_TOKEN: MemberIdentity = { email: `grace@example.com@${PROGRAM_ID}` };

/** The seed, plus two members whose e-mails are a victim's e-mail and program, glued (no activity at all). */
function stateWithLookAlikes() {
  const state = createSeedState();
  const linus = state.members.find((m) => m.email === 'linus@example.com')!;
  const lookAlike = (id: string, email: string, referralCode: string): Member => ({ ...linus, id, email, referralCode, externalIdentifier: null, firstName: 'Mallory' });
  state.members.push(
    lookAlike('99999999-9999-4999-8999-999999999991', `ada@example.com@${PROGRAM_ID}`, 'MALLORY1'),
    lookAlike('99999999-9999-4999-8999-999999999992', `grace@example.com@${PROGRAM_ID}`, 'MALLORY2'),
  );
  return state;
}

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

async function read<T>(app: Requester, identity: MemberIdentity, path: string): Promise<T> {
  const res = await app.request(path, bearer(await signMemberToken(identity, SECRET)));
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

/** Both attacks, with the first token's loads on `first` and the second's on `second` (one app, or two instances). */
function triesTheAttack(instances: () => Promise<[Requester, Requester]>) {
  it('Ada (token with her program) loads first; a token whose e-mail is hers with "@<program>" gets his own links, stats, friends and rewards', async () => {
    const [first, second] = await instances();
    const ada = await read<MeResponse>(first, ADA_WITH_PROGRAM, '/v1/me');
    assert.equal(ada.member.referralCode, 'ADA2024');
    assert.ok((await read<ReferralsResponse>(first, ADA_WITH_PROGRAM, '/v1/me/referrals')).referrals.length > 0, 'Ada has friends');
    assert.ok((await read<RewardsResponse>(first, ADA_WITH_PROGRAM, '/v1/me/rewards')).rewards.length > 0, 'Ada has rewards');

    const mallory = await read<MeResponse>(second, MALLORY_TOKEN, '/v1/me');
    assert.equal(mallory.member.referralCode, 'MALLORY1', 'his own code, not Ada’s');
    assert.equal(mallory.stats.memberShares, 0, 'his own stats, not Ada’s');
    assert.ok(!JSON.stringify(mallory.links).includes('ADA2024'), 'none of Ada’s links');
    assert.deepEqual((await read<ReferralsResponse>(second, MALLORY_TOKEN, '/v1/me/referrals')).referrals, [], 'none of Ada’s friends');
    assert.deepEqual((await read<RewardsResponse>(second, MALLORY_TOKEN, '/v1/me/rewards')).rewards, [], 'none of Ada’s rewards');
  });

  it('the member whose e-mail is Grace’s with "@<program>" loads first: Grace’s card still shows her code and links, not his', async () => {
    const [first, second] = await instances();
    assert.equal((await read<MeResponse>(first, GRACE_LOOK_ALIKE_TOKEN, '/v1/me')).member.referralCode, 'MALLORY2');
    const grace = await read<MeResponse>(second, GRACE_WITH_PROGRAM, '/v1/me');
    assert.equal(grace.member.referralCode, 'GRACE42', 'Grace shares her own code: he does not earn from it');
    assert.ok(!JSON.stringify(grace.links).includes('MALLORY2'), 'none of his links on her card');
    assert.equal((await read<ReferralsResponse>(second, GRACE_WITH_PROGRAM, '/v1/me/referrals')).referrals.length, 1, 'her one friend');
  });
}

describe('a token’s e-mail with the program glued on, in this process’s memory', () => {
  triesTheAttack(async () => {
    const { app } = sandboxApp({}, {}, { storage: { state: stateWithLookAlikes() } });
    return [app, app];
  });
});

describe('a token’s e-mail with the program glued on, across two instances on one Redis', { skip: !haveRedisServer() && 'no redis-server' }, () => {
  const states: SharedState[] = [];
  const redis = suiteRedisServer(states);

  triesTheAttack(async () => {
    const cluster = await liveApps({ redis, count: 2, state: stateWithLookAlikes() });
    states.push(...cluster.states);
    return [cluster.apps[0]!, cluster.apps[1]!];
  });
});
