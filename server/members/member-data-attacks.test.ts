/**
 * Attacks on whose data a token reaches: a look-alike member (another member's field equals the
 * token's value), Unicode case folding (the Kelvin sign), one e-mail in two programs, and case
 * spellings that multiply the member's rate limit. Each would have worked before; each fails now.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Member, Program } from '../../types/referralrock.js';
import type { ErrorBody, MeResponse, RewardsResponse } from '../../types/v1.js';
import { signMemberToken, type MemberIdentity } from '../security/member-token.js';
import { createSeedState } from '../sandbox/seed.js';
import { SECRET, bearer, sandboxApp } from '../test-helpers.js';

const ADA_SHARES = 8;

/** The seed, plus members made from a copy of Linus (no activity: all their stats are 0). */
function stateWith(...members: Array<Partial<Member> & Pick<Member, 'id' | 'email' | 'referralCode'>>) {
  const state = createSeedState();
  const linus = state.members.find((m) => m.email === 'linus@example.com')!;
  for (const member of members) state.members.push({ ...linus, externalIdentifier: null, ...member });
  return state;
}

async function load(app: ReturnType<typeof sandboxApp>['app'], identity: MemberIdentity, path = '/v1/me') {
  const res = await app.request(path, bearer(await signMemberToken(identity, SECRET)));
  return { status: res.status, body: (await res.json()) as MeResponse & RewardsResponse & ErrorBody };
}

describe('a look-alike member: another member’s field equals the token’s value', () => {
  it('an e-mail token gets its own member’s stats, not those of the member whose external id is that e-mail', async () => {
    // Ada (listed first) sets her external id to Kim's e-mail: memberstats' free-text query matched her.
    const state = stateWith({ id: '33333333-3333-4333-8333-333333333333', email: 'kim@example.com', referralCode: 'KIM1' });
    state.members[0]!.externalIdentifier = 'kim@example.com';
    const { app } = sandboxApp({}, {}, { storage: { state } });
    const { status, body } = await load(app, { email: 'kim@example.com' });
    assert.equal(status, 200);
    assert.equal(body.member.referralCode, 'KIM1');
    assert.equal(body.stats.memberShares, 0, 'Kim’s stats, not Ada’s');
  });
});

describe('Unicode case folding', () => {
  const KATE = { id: '44444444-4444-4444-8444-444444444444', email: 'kate@example.com', referralCode: 'KATE1' };

  it('a token for \\u212Aate@example.com (Kelvin sign) reaches neither Kate’s cached data nor her rewards', async () => {
    const { app } = sandboxApp({}, {}, { storage: { state: stateWith(KATE) } });
    assert.equal((await load(app, { email: 'kate@example.com' })).body.member.referralCode, 'KATE1');
    assert.equal((await load(app, { email: 'kate@example.com' }, '/v1/me/rewards')).status, 200);

    const kelvin = { email: '\u212Aate@example.com' };
    const me = await load(app, kelvin);
    assert.equal(me.status, 404, JSON.stringify(me.body));
    assert.equal(me.body.error.code, 'member_not_found');
    const rewards = await load(app, kelvin, '/v1/me/rewards');
    assert.equal(rewards.status, 404);
  });

  it('ASCII case still does not matter: ADA@EXAMPLE.COM is Ada, from the same cache entries', async () => {
    const { app, apiCalls } = sandboxApp();
    await load(app, { email: 'ada@example.com' });
    const calls = apiCalls().length;
    const { body } = await load(app, { referralCode: 'ada2024' });
    assert.equal(body.stats.memberShares, ADA_SHARES);
    assert.deepEqual(apiCalls().slice(calls), ['GET /sandbox/api/members'], 'a new spelling costs a lookup, and shares Ada’s links and stats');
  });

  it('four spellings of one e-mail share one member rate limit', async () => {
    const { app } = sandboxApp({ RATE_LIMIT_MEMBER_PER_MIN: '3' });
    const statuses = [];
    for (const email of ['ada@example.com', 'ADA@example.com', 'Ada@Example.com', 'aDa@EXAMPLE.com']) statuses.push((await load(app, { email })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  });
});

describe('one e-mail in two programs', () => {
  const SECOND: Program = { id: '55555555-5555-4555-8555-555555555555', name: 'partners', title: 'Partners', status: 'Active' };
  const twin = { id: '66666666-6666-4666-8666-666666666666', email: 'ada@example.com', referralCode: 'ADAPARTNER', programId: SECOND.id };
  const app = () => {
    const state = stateWith(twin);
    state.programs.push(SECOND);
    return sandboxApp({}, {}, { storage: { state } });
  };

  it('is a clear 409 member_ambiguous, not a guess, and costs no call past the lookup', async () => {
    const { app: server, apiCalls } = app();
    const { status, body } = await load(server, { email: 'ada@example.com' });
    assert.equal(status, 409);
    assert.equal(body.error.code, 'member_ambiguous');
    assert.match(body.error.message, /programId/);
    assert.deepEqual(apiCalls(), ['GET /sandbox/api/members']);
  });

  it('a programId claim picks one: each program’s member gets their own links and stats', async () => {
    const { app: server } = app();
    const ada = await load(server, { email: 'ada@example.com', programId: createSeedState().programs[0]!.id });
    assert.equal(ada.status, 200);
    assert.equal(ada.body.member.referralCode, 'ADA2024');
    assert.equal(ada.body.stats.memberShares, ADA_SHARES);
    const partner = await load(server, { email: 'ada@example.com', programId: SECOND.id });
    assert.equal(partner.body.member.referralCode, 'ADAPARTNER');
    assert.equal(partner.body.stats.memberShares, 0);
  });
});

describe('cold-load cost', () => {
  it("a widget load on a cold cache makes the member's three upstream calls (lookup, links, stats), once the program's offer is cached", async () => {
    const { app, apiCalls } = sandboxApp();
    assert.equal((await load(app, { email: 'grace@example.com' })).status, 200);
    assert.deepEqual(apiCalls().filter((call) => /programs|rewardrules/.test(call)).sort(), ['GET /sandbox/api/programs', 'GET /sandbox/api/rewardrules'], 'the first member of a program loads its offer');
    const before = apiCalls().length;
    assert.equal((await load(app, { externalId: 'cust-1001' })).status, 200);
    assert.deepEqual(apiCalls().slice(before).sort(), ['GET /sandbox/api/members', 'GET /sandbox/api/memberstats/getsingle', 'POST /sandbox/api/memberaccessurls']);
    const warm = apiCalls().length;
    assert.equal((await load(app, { externalId: 'cust-1001' })).status, 200);
    assert.equal(apiCalls().length, warm, 'none when warm');
  });
});
