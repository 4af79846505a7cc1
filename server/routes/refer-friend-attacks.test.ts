/**
 * `POST /v1/me/referrals` tried the way an attacker would: every field a member must not control
 * sent straight to the API, self-referral, an unsubscribed address, duplicates, malformed and
 * overlong fields, double submits and the 21st referral of the day. Each refusal is checked for
 * what reached Referral Rock (no write) and for what reached the log (never the friend).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Referral } from '../../types/referralrock.js';
import type { ErrorBody, FriendReferralResponse } from '../../types/v1.js';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { signMemberToken } from '../security/member-token.js';
import { SANDBOX_AUTH, SECRET, sandboxApp } from '../test-helpers.js';

type Body = FriendReferralResponse & ErrorBody;

/** Ada's app in sandbox mode, and a way to POST a friend as her (any body, any headers). */
async function asAda(env: Record<string, string> = {}) {
  const sandbox = sandboxApp(env);
  const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
  const refer = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await sandbox.app.request('/v1/me/referrals', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { res, body: (await res.json()) as Body };
  };
  /** Every referral of `email` Referral Rock (the sandbox) holds. */
  const stored = async (email: string) => {
    const res = await sandbox.app.request(`/sandbox/api/referrals?${new URLSearchParams({ query: email, count: '100' })}`, { headers: SANDBOX_AUTH });
    return ((await res.json()) as { referrals: Referral[] }).referrals.filter((r) => r.email === email);
  };
  const writes = () => sandbox.apiCalls().filter((call) => call === 'POST /sandbox/api/referrals');
  return { ...sandbox, refer, stored, writes };
}

const ADA_ID = '0ac19b73-2dfa-41ae-b4db-78287d7be4ea';

describe('POST /v1/me/referrals › fields a member must not control', () => {
  it('ignores a status, an amount, another member’s code and id, and every other field: the referral is Ada’s, pending, with no amount', async () => {
    const ada = await asAda();
    const { body: bobs } = await ada.refer({ firstName: 'Probe', email: 'probe@example.org' });
    assert.equal(bobs.referral.status, 'Pending');
    const grace = (await (await ada.app.request('/sandbox/api/members?query=grace@example.com', { headers: SANDBOX_AUTH })).json()) as { members: Array<{ id: string; referralCode: string }> };
    const graceId = grace.members[0]!.id;
    const { res, body } = await ada.refer({
      firstName: 'Mallory',
      email: 'mallory@example.org',
      status: 'approved',
      Status: 'Qualified',
      amount: 5000,
      referralCode: 'GRACE42',
      memberReferralCode: 'GRACE42',
      memberId: graceId,
      referringMemberId: graceId,
      programId: 'another-program',
      externalIdentifier: 'ext-1',
      companyName: 'Evil Corp',
      publicNote: 'shown to the member',
      id: 'chosen-id',
      createDate: '2001-01-01T00:00:00Z',
      approvedDate: '2001-01-01T00:00:00Z',
    });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(body.referral).sort(), ['createDate', 'name', 'status']);
    assert.equal(body.referral.status, 'Pending');
    assert.notEqual(body.referral.createDate, '2001-01-01T00:00:00Z');
    const [made, ...more] = await ada.stored('mallory@example.org');
    assert.equal(more.length, 0);
    assert.equal(made!.status, 'Pending');
    assert.equal(made!.amount, null);
    assert.equal(made!.referringMemberId, ADA_ID);
    assert.equal(made!.memberReferralCode, 'ADA2024');
    assert.notEqual(made!.id, 'chosen-id');
    assert.equal(made!.externalIdentifier, null);
    assert.equal(made!.companyName, null);
    assert.equal(made!.publicNote, null);
    assert.equal(made!.approvedDate, null);
    assert.equal(made!.qualifiedDate, null);
  });
});

describe('POST /v1/me/referrals › refusals before any write', () => {
  it('refuses the member’s own e-mail, in any case of letters, with 422 self_referral', async () => {
    const ada = await asAda();
    const { res, body } = await ada.refer({ firstName: 'Me', email: 'ADA@Example.com' });
    assert.equal(res.status, 422);
    assert.equal(body.error.code, 'self_referral');
    assert.deepEqual(ada.writes(), []);
  });

  it('refuses the member’s own phone number however it is written', async () => {
    const ada = await asAda();
    const update = await ada.app.request('/sandbox/api/members/update', {
      method: 'POST',
      headers: { ...SANDBOX_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify([{ query: { primaryInfo: { referralCode: 'ADA2024' } }, member: { phone: '+1 (555) 010-9999' } }]),
    });
    assert.equal(update.status, 200);
    const { res, body } = await ada.refer({ firstName: 'Me', email: 'another-me@example.org', phone: '555.010.9999' });
    assert.equal(res.status, 422);
    assert.equal(body.error.code, 'self_referral');
    assert.deepEqual(ada.writes(), []);
  });

  it('refuses an address on the unsubscribe list with 422 cannot_invite, saying only that the friend cannot be invited', async () => {
    const ada = await asAda();
    const { res, body } = await ada.refer({ firstName: 'Quiet', email: 'No-Mail@example.net' });
    assert.equal(res.status, 422);
    assert.equal(body.error.code, 'cannot_invite');
    assert.doesNotMatch(body.error.message, /unsubscri|e-?mail|list/i);
    assert.deepEqual(ada.writes(), []);
    assert.deepEqual(await ada.stored('no-mail@example.net'), []);
  });

  it('refuses a friend another member already referred with 409 already_referred, found by our own check', async () => {
    const ada = await asAda();
    const all = (await (await ada.app.request('/sandbox/api/referrals?count=100', { headers: SANDBOX_AUTH })).json()) as { referrals: Referral[] };
    const gracesFriend = all.referrals.find((r) => r.referringMemberId !== ADA_ID && r.email)!;
    const { res, body } = await ada.refer({ firstName: 'Again', email: gracesFriend.email!.toUpperCase() });
    assert.equal(res.status, 409);
    assert.equal(body.error.code, 'already_referred');
    assert.deepEqual(ada.writes(), []);
  });

  it('answers 409 already_referred when upstream refuses a duplicate itself, as a 400 or as { referral: null }', async () => {
    for (const refusal of [
      () => Response.json({ message: 'This email has already been referred in the program.' }, { status: 400 }),
      () => Response.json({ message: 'Duplicate referral.', referral: null }),
    ]) {
      const posts: string[] = [];
      const app = createApp(loadConfig({ REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: SECRET }), {
        log: () => {},
        fetch: async (input, init) => {
          const url = new URL(String(input));
          if (url.pathname.endsWith('/api/members')) return Response.json({ members: [{ id: ADA_ID, email: 'ada@example.com', referralCode: 'ADA2024', programId: 'p-1' }], offset: 0, total: 1 });
          if (url.pathname.endsWith('/api/email/getunsubscribed')) return Response.json([]);
          if (url.pathname.endsWith('/api/referrals') && init?.method === 'GET') return Response.json({ referrals: [], offset: 0, total: 0 });
          posts.push(url.pathname);
          return refusal();
        },
      });
      const res = await app.request('/v1/me/referrals', {
        method: 'POST',
        headers: { authorization: `Bearer ${await signMemberToken({ email: 'ada@example.com' }, SECRET)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ firstName: 'Twice', email: 'twice@example.org' }),
      });
      assert.equal(res.status, 409);
      assert.equal(((await res.json()) as ErrorBody).error.code, 'already_referred');
      assert.equal(posts.length, 1, 'sent once: a refused write is not retried');
    }
  });

  it('refuses a malformed e-mail with 400 invalid_field naming email, before any upstream call', async () => {
    const ada = await asAda();
    for (const email of ['sam', 'sam@', '@example.org', 'sam@example', 'sam example@example.org', 'sam@@example.org', 'sam@example..org', '<sam@example.org>', 42]) {
      const { res, body } = await ada.refer({ firstName: 'Sam', email });
      assert.equal(res.status, 400, String(email));
      assert.equal(body.error.code, 'invalid_field');
      assert.equal(body.error.field, 'email');
      assert.match(body.error.message, /email/);
    }
    assert.deepEqual(ada.apiCalls(), []);
  });

  it('refuses a 5,000-character name with 400 naming firstName, and every other overlong or wrong field by its name', async () => {
    const ada = await asAda();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ firstName: 'S'.repeat(5000), email: 'sam@example.org' }, 'firstName'],
      [{ firstName: 'Sam', lastName: 'F'.repeat(51), email: 'sam@example.org' }, 'lastName'],
      [{ firstName: 'Sam', email: `${'s'.repeat(95)}@example.org` }, 'email'],
      [{ firstName: 'Sam', email: 'sam@example.org', phone: '1'.repeat(31) }, 'phone'],
      [{ firstName: 'Sam', email: 'sam@example.org', phone: 'call me' }, 'phone'],
      [{ firstName: 'Sam', email: 'sam@example.org', note: 'n'.repeat(501) }, 'note'],
      [{ firstName: 'sam@example.org', email: 'sam@example.org' }, 'firstName'],
      [{ firstName: 'Sam\u202Emas', email: 'sam@example.org' }, 'firstName'],
      [{ firstName: ['Sam'], email: 'sam@example.org' }, 'firstName'],
      [{ firstName: '   ', email: 'sam@example.org' }, 'firstName'],
      [{ email: 'sam@example.org' }, 'firstName'],
      [{ firstName: 'Sam' }, 'email'],
    ];
    for (const [friend, field] of cases) {
      const { res, body } = await ada.refer(friend);
      assert.equal(res.status, 400, JSON.stringify(friend).slice(0, 80));
      assert.equal(body.error.field, field, JSON.stringify(friend).slice(0, 80));
      assert.ok(body.error.message.startsWith(field), body.error.message);
    }
    for (const [raw, code] of [['[]', 'invalid_body'], ['"sam"', 'invalid_body'], ['{"firstName":', 'invalid_body']] as const) {
      const { res, body } = await ada.refer(raw);
      assert.equal(res.status, 400);
      assert.equal(body.error.code, code);
    }
    const form = await ada.refer('firstName=Sam&email=sam%40example.org', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(form.res.status, 415);
    assert.deepEqual(ada.apiCalls(), [], 'no upstream call for any of them');
  });

  it('refuses a request without a member token with 401, before any upstream call', async () => {
    const ada = await asAda();
    const res = await ada.app.request('/v1/me/referrals', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ firstName: 'Sam', email: 'sam@example.org' }) });
    assert.equal(res.status, 401);
    assert.deepEqual(ada.apiCalls(), []);
  });
});

describe('POST /v1/me/referrals › double submits', () => {
  it('makes one referral of two requests sent at once with one Idempotency-Key, and gives both the same answer', async () => {
    const ada = await asAda();
    const friend = { firstName: 'Twin', lastName: 'Once', email: 'twin@example.org' };
    const [a, b] = await Promise.all([ada.refer(friend, { 'idempotency-key': 'submit-1' }), ada.refer(friend, { 'idempotency-key': 'submit-1' })]);
    assert.deepEqual([a.res.status, b.res.status], [201, 201]);
    assert.deepEqual(a.body, b.body);
    const later = await ada.refer(friend, { 'idempotency-key': 'submit-1' });
    assert.equal(later.res.status, 201);
    assert.equal(later.res.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(later.body, a.body);
    assert.equal((await ada.stored('twin@example.org')).length, 1);
    assert.equal(ada.writes().length, 1);
  });

  it('makes one referral of two requests sent at once without a key: the second is 409 already_referred', async () => {
    const ada = await asAda();
    const friend = { firstName: 'Rush', email: 'rush@example.org' };
    const statuses = (await Promise.all([ada.refer(friend), ada.refer(friend)])).map(({ res }) => res.status).sort();
    assert.deepEqual(statuses, [201, 409]);
    assert.equal((await ada.stored('rush@example.org')).length, 1);
  });

  it('refuses one Idempotency-Key used for another friend (422), and a malformed key (400)', async () => {
    const ada = await asAda();
    assert.equal((await ada.refer({ firstName: 'One', email: 'one@example.org' }, { 'idempotency-key': 'k' })).res.status, 201);
    const reused = await ada.refer({ firstName: 'Two', email: 'two@example.org' }, { 'idempotency-key': 'k' });
    assert.equal(reused.res.status, 422);
    assert.equal(reused.body.error.code, 'idempotency_key_reused');
    assert.deepEqual(await ada.stored('two@example.org'), []);
    const bad = await ada.refer({ firstName: 'Two', email: 'two@example.org' }, { 'idempotency-key': 'k'.repeat(256) });
    assert.equal(bad.body.error.code, 'invalid_idempotency_key');
  });
});

describe('POST /v1/me/referrals › the daily cap', () => {
  it('refuses the 21st referral of the day with 429 daily_referral_limit and a Retry-After, without writing it', async () => {
    const ada = await asAda({ RATE_LIMIT_MEMBER_PER_MIN: '0' });
    for (let i = 1; i <= 20; i++) {
      const { res } = await ada.refer({ firstName: `Friend${i}`, email: `friend-${i}@example.org` });
      assert.equal(res.status, 201, `referral ${i}`);
    }
    const { res, body } = await ada.refer({ firstName: 'Friend21', email: 'friend-21@example.org' });
    assert.equal(res.status, 429);
    assert.equal(body.error.code, 'daily_referral_limit');
    const seconds = Number(res.headers.get('retry-after'));
    assert.ok(seconds >= 1 && seconds <= 86_400, String(seconds));
    assert.equal(ada.writes().length, 20);
    assert.deepEqual(await ada.stored('friend-21@example.org'), []);
  });

  it('takes the cap from REFERRALS_PER_MEMBER_PER_DAY, and counts refused attempts too (no unbounded probing of addresses)', async () => {
    const ada = await asAda({ REFERRALS_PER_MEMBER_PER_DAY: '2' });
    assert.equal((await ada.refer({ firstName: 'Quiet', email: 'no-mail@example.net' })).res.status, 422);
    assert.equal((await ada.refer({ firstName: 'Ok', email: 'ok@example.org' })).res.status, 201);
    assert.equal((await ada.refer({ firstName: 'Probe', email: 'probe@example.org' })).res.status, 429);
  });
});

describe('POST /v1/me/referrals › what the log keeps', () => {
  it('logs no friend’s e-mail, phone or note, whatever the request ends in', async () => {
    const ada = await asAda({ REFERRALS_PER_MEMBER_PER_DAY: '3' });
    const friend = { firstName: 'Secret', lastName: 'Person', email: 'secret.person@example.org', phone: '+44 20 7946 0958', note: 'met at the climbing wall' };
    await ada.refer(friend, { 'idempotency-key': 'log-1' });
    await ada.refer(friend, { 'idempotency-key': 'log-1' });
    await ada.refer(friend);
    await ada.refer({ ...friend, email: 'secret.person@' });
    await ada.refer({ ...friend, email: 'no-mail@example.net' });
    await ada.refer({ ...friend, email: 'other.secret@example.org' });
    const log = ada.logs.join('\n');
    assert.ok(ada.logs.length >= 6, 'each request logged a line');
    for (const secret of ['secret.person', 'other.secret', 'no-mail', '7946', 'climbing', 'Person']) assert.ok(!log.includes(secret), `${secret} is not in the log`);
  });
});

describe('POST /v1/me/referrals › CORS', () => {
  it('grants the preflight of an allowed origin: POST with authorization, content-type and idempotency-key; another origin gets no grant', async () => {
    const app = createApp(loadConfig({ REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: SECRET, ALLOWED_ORIGINS: 'https://shop.example' }), { log: () => {} });
    const preflight = (origin: string) =>
      app.request('/v1/me/referrals', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
      });
    const allowed = await preflight('https://shop.example');
    assert.ok(allowed.status === 204 || allowed.status === 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
    const headers = (allowed.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const name of ['authorization', 'content-type', 'idempotency-key']) assert.ok(headers.includes(name), name);
    const other = await preflight('https://evil.example');
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});
