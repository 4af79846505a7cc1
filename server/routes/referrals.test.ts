import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Referral } from '../../types/referralrock.js';
import type { ErrorBody, ReferralsResponse } from '../../types/v1.js';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { signMemberToken, type MemberIdentity } from '../security/member-token.js';
import { SECRET, bearer, sandboxApp } from '../test-helpers.js';

const SHOWN_FIELDS = ['approvedDate', 'createDate', 'name', 'qualifiedDate', 'status'];
const SANDBOX_AUTH = { authorization: `Basic ${Buffer.from('sandbox-public:sandbox-private').toString('base64')}` };

async function referralsFor(identity: MemberIdentity, query = '') {
  const { app, apiCalls } = sandboxApp();
  const res = await app.request(`/v1/me/referrals${query}`, bearer(await signMemberToken(identity, SECRET)));
  return { app, res, apiCalls, body: (await res.json()) as ReferralsResponse & ErrorBody };
}

/** A live-mode app whose upstream answers `referrals` for any member list, as an attacker controlling it would. */
function hostileUpstream(referrals: unknown[]) {
  const config = loadConfig({ REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: SECRET });
  return createApp(config, {
    log: () => {},
    fetch: async (input) => {
      const url = String(input);
      if (url.includes('api/members')) return Response.json({ members: [{ id: 'member-ada', email: 'ada@example.com', referralCode: 'ADA2024' }], offset: 0, total: 1 });
      return Response.json({ referrals, offset: 0, total: referrals.length });
    },
  });
}

describe('GET /v1/me/referrals', () => {
  it("lists the token's member's friends, newest first, as a first name and an initial with their status", async () => {
    const { res, body, app } = await referralsFor({ email: 'ada@example.com' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.ok(body.referrals.length > 0);
    assert.equal(body.offset, 0);
    const upstream = await app.request('/sandbox/api/referrals?count=100', { headers: SANDBOX_AUTH });
    const all = ((await upstream.json()) as { referrals: Referral[] }).referrals;
    const adaId = all.find((r) => r.referringMemberName?.startsWith('Ada'))!.referringMemberId;
    const adas = all.filter((r) => r.referringMemberId === adaId);
    assert.equal(body.total, adas.length);
    for (const shown of body.referrals) {
      assert.match(shown.name, /^\S+ \S\.$/, 'first name and initial');
      assert.ok(Object.keys(shown).every((key) => SHOWN_FIELDS.includes(key)), Object.keys(shown).join());
    }
    const dates = body.referrals.map((r) => Date.parse(r.createDate));
    assert.deepEqual(dates, [...dates].sort((a, b) => b - a), 'newest first');
    const text = JSON.stringify(body);
    for (const friend of adas) {
      assert.ok(!text.includes(friend.email!), 'no friend e-mail leaves the backend');
      assert.ok(!text.includes(friend.lastName!), 'no last name beyond its initial');
    }
  });

  it('pages with offset and count, and refuses bad paging with 400 before any upstream call', async () => {
    const { body } = await referralsFor({ email: 'ada@example.com' }, '?offset=1&count=1');
    assert.equal(body.offset, 1);
    assert.equal(body.referrals.length, 1);
    for (const query of ['?count=0', '?count=51', '?offset=-1', '?offset=x']) {
      const { res, body: refused, apiCalls } = await referralsFor({ email: 'ada@example.com' }, query);
      assert.equal(res.status, 400, query);
      assert.equal(refused.error.code, 'invalid_paging');
      assert.deepEqual(apiCalls(), []);
    }
  });

  it('answers 401 without a token, and a member no one matches gets 404 before any referral is read', async () => {
    const { app, apiCalls } = sandboxApp();
    assert.equal((await app.request('/v1/me/referrals')).status, 401);
    const { res, apiCalls: calls } = await referralsFor({ email: 'a@example.com' });
    assert.equal(res.status, 404);
    assert.ok(!calls().some((call) => call.includes('/api/referrals')));
    assert.deepEqual(apiCalls(), []);
  });

  it('passes on nothing of a friend but the shown fields, whatever upstream sends', async () => {
    const hostile = {
      id: 'r1',
      referringMemberId: 'MEMBER-ADA',
      firstName: '<img src=x onerror=alert(1)>',
      lastName: 'lovelace\u0000',
      email: 'secret.friend@example.net',
      phoneNumber: '+1 555 0100',
      externalIdentifier: 'crm-7',
      companyName: 'Initech',
      note: 'VIP, call back',
      amount: 1200,
      status: 'APPROVED',
      createDate: '2026-11-01T10:00:00Z',
      approvedDate: 'javascript:alert(1)',
      qualifiedDate: '2026-11-02T10:00:00Z',
    };
    const app = hostileUpstream([
      hostile,
      { referringMemberId: 'member-grace', firstName: 'Other', lastName: 'Member', status: 'Pending', createDate: '2026-11-05T00:00:00Z' },
      { referringMemberId: 'member-ada', displayName: 'Sam Fisher sam@example.net', status: 'In review', createDate: '2026-11-03T00:00:00Z' },
      { firstName: 'No', lastName: 'Referrer', status: 'Pending', createDate: '2026-11-04T00:00:00Z' },
      'not a referral',
    ]);
    const res = await app.request('/v1/me/referrals', bearer(await signMemberToken({ email: 'ada@example.com' }, SECRET)));
    assert.equal(res.status, 200);
    const text = await res.text();
    for (const secret of ['secret.friend', '555', 'crm-7', 'Initech', 'VIP', '1200', 'Other', 'Referrer', 'sam@example.net', 'javascript']) {
      assert.ok(!text.includes(secret), `${secret} must not leave the backend`);
    }
    const body = JSON.parse(text) as ReferralsResponse;
    assert.deepEqual(body.referrals, [
      { name: 'Sam F.', status: 'Pending', createDate: '2026-11-03T00:00:00Z' },
      { name: '<img src=x onerror=alert(1)> L.', status: 'Approved', createDate: '2026-11-01T10:00:00Z', qualifiedDate: '2026-11-02T10:00:00Z' },
    ]);
  });

  it("never shows a friend's e-mail address or phone number as a name, in any look-alike form, nor invisible characters", async () => {
    const friend = (id: string, fields: Record<string, unknown>) => ({ id, referringMemberId: 'member-ada', status: 'Pending', createDate: `2026-11-${id}T00:00:00Z`, ...fields });
    const app = hostileUpstream([
      friend('01', { firstName: 'sam.friend@example.net F.', lastName: 'Friend' }),
      friend('02', { firstName: '+15550001111 X.', lastName: 'Xu' }),
      friend('03', { firstName: 'sam＠example.net', lastName: '﹫' }),
      friend('04', { firstName: 'ｎｏｏｒ﹫example.net', lastName: 'Okafor', displayName: 'Noor Okafor ｎｏｏｒ﹫example.net' }),
      friend('05', { firstName: '＋１ ５５５ ０００ １１１１', lastName: '' }),
      friend('06', { firstName: 'Kai\u202E\u200Bnet.elpmaxe\u2066', lastName: '\uD800Tanaka' }),
      friend('07', { displayName: 'Iris Novak <iris@example.net> +1 555 000 2222' }),
      friend('08', { firstName: 'theo (at) example.net', lastName: '555-000-3333' }),
    ]);
    const res = await app.request('/v1/me/referrals', bearer(await signMemberToken({ email: 'ada@example.com' }, SECRET)));
    const text = await res.text();
    for (const secret of ['@', '＠', '﹫', 'sam', 'ｎｏｏｒ', 'theo', '555', '５５５', '1111', '\\u202e', '\\u200b', '\\u2066', '\\ud800']) {
      assert.ok(!text.toLowerCase().includes(secret), `${secret} must not leave the backend`);
    }
    // Newest first; a name field holding contact details gives way to the display name's words, or to nothing.
    assert.deepEqual((JSON.parse(text) as ReferralsResponse).referrals.map((r) => r.name), ['', 'Iris N.', 'Kainet.elpmaxe T.', '', 'Noor O.', '', 'X.', 'F.']);
  });

  it('drops a referral whose referringMemberId is not a string, even one that prints as the member\'s id', async () => {
    const app = hostileUpstream([
      { referringMemberId: ['member-ada'], firstName: 'Array', lastName: 'Trick', status: 'Pending', createDate: '2026-11-01T00:00:00Z' },
      { referringMemberId: { toString: 'member-ada' }, firstName: 'Object', lastName: 'Trick', status: 'Pending', createDate: '2026-11-01T00:00:00Z' },
      { referringMemberId: 'member-ada', firstName: 'Own', lastName: 'Friend', status: 'Pending', createDate: '2026-11-01T00:00:00Z' },
    ]);
    const res = await app.request('/v1/me/referrals', bearer(await signMemberToken({ email: 'ada@example.com' }, SECRET)));
    assert.deepEqual(((await res.json()) as ReferralsResponse).referrals.map((r) => r.name), ['Own F.']);
  });
});
