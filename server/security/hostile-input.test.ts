/**
 * Hostile input, the way an attacker would send it: each row is refused with the right status and
 * not one upstream call. Then IDOR: no query, header or body can point the backend at another
 * member than the token names.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { sign } from 'hono/jwt';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { signMemberToken } from './member-token.js';
import { createSeedState } from '../sandbox/seed.js';
import { SECRET, bearer, inMinutes, rawToken, sandboxApp } from '../test-helpers.js';
import type { ErrorBody, MeResponse } from '../../types/v1.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const hmac = (data: string, secret = SECRET, alg = 'sha256') => createHmac(alg, secret).update(data).digest('base64url');
const now = () => Math.floor(Date.now() / 1000);
const adaClaims = () => ({ email: 'ada@example.com', iat: now(), exp: inMinutes(5) });
const WEBHOOK_SECRET = 'webhook-secret-0123456789';

const ADA = { id: '0ac19b73-2dfa-41ae-b4db-78287d7be4ea', email: 'ada@example.com', referralCode: 'ADA2024', externalIdentifier: 'cust-1001', programId: 'p1' };

/**
 * A live-mode app whose upstream would answer anything (Ada, her links and stats): every call it
 * makes is counted. `links` replaces what memberaccessurls answers.
 */
function liveApp(links: Record<string, string> = { referralCode: 'ADA2024', shareUrl: 'https://x.example/r/ADA2024' }) {
  const upstreamCalls: string[] = [];
  const config = loadConfig({ REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: SECRET, WEBHOOK_SECRET });
  const app = createApp(config, {
    log: () => {},
    fetch: async (input) => {
      const url = String(input);
      upstreamCalls.push(url);
      if (url.includes('api/members?')) return Response.json({ members: [ADA], total: 1, offset: 0 });
      return Response.json(url.includes('memberaccessurls') ? links : { memberShares: 1 });
    },
  });
  return { app, upstreamCalls };
}

type Row = [name: string, request: () => Promise<[string, RequestInit?]>, status: number, code?: RegExp];

const auth = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

const rows: Row[] = [
  // Tokens
  ['alg none, no signature', async () => ['/v1/me', auth(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(adaClaims())}.`)], 401, /invalid_token/],
  ['alg none, signature kept', async () => {
    const [, , sig] = (await rawToken(adaClaims())).split('.');
    return ['/v1/me', auth(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(adaClaims())}.${sig}`)];
  }, 401, /invalid_token/],
  ['HS512 with the right secret', async () => ['/v1/me', auth(await sign(adaClaims(), SECRET, 'HS512'))], 401, /invalid_token/],
  ['RS256 header, HMAC-signed with the secret (key confusion)', async () => {
    const head = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(adaClaims())}`;
    return ['/v1/me', auth(`${head}.${hmac(head)}`)];
  }, 401, /invalid_token/],
  ['HS256 with a lower-case alg', async () => {
    const head = `${b64({ alg: 'hs256', typ: 'JWT' })}.${b64(adaClaims())}`;
    return ['/v1/me', auth(`${head}.${hmac(head)}`)];
  }, 401, /invalid_token/],
  ['a crit header', async () => {
    const head = `${b64({ alg: 'HS256', typ: 'JWT', crit: ['exp'] })}.${b64(adaClaims())}`;
    return ['/v1/me', auth(`${head}.${hmac(head)}`)];
  }, 401, /invalid_token/],
  ['wrong secret', async () => ['/v1/me', auth(await rawToken(adaClaims(), 'another-secret-another-secret-0000'))], 401, /invalid_token/],
  ['expired', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), iat: inMinutes(-20), exp: inMinutes(-10) }))], 401, /token_expired/],
  ['far-future exp (a year)', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), exp: inMinutes(60 * 24 * 365) }))], 401, /invalid_token/],
  ['exp just past the 1 h maximum', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), exp: inMinutes(62) }))], 401, /invalid_token/],
  ['iat in the future', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), iat: inMinutes(10) }))], 401, /invalid_token/],
  ['nbf in the future', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), nbf: inMinutes(10) }))], 401, /invalid_token/],
  ['exp as a string', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), exp: String(inMinutes(5)) }))], 401, /invalid_token/],
  ['oversized token (8 KB claim)', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), name: 'x'.repeat(8000) }))], 401, /invalid_token/],
  ['oversized Authorization header (6 KB)', async () => ['/v1/me', auth('a'.repeat(6 * 1024))], 401, /invalid_token/],
  ['oversized Authorization header (64 KB)', async () => ['/v1/me', auth('a'.repeat(64 * 1024))], 431, /headers_too_large/],
  ['two identities in one token', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), memberId: '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21' }))], 401, /invalid_token/],
  ['two tokens in one header', async () => {
    const token = await rawToken(adaClaims());
    return ['/v1/me', { headers: { authorization: `Bearer ${token}, Bearer ${token}` } }];
  }, 401, /missing_token/],
  ['the token in the query instead of the header', async () => [`/v1/me?token=${await rawToken(adaClaims())}`], 401, /missing_token/],
  ['an identifier of 10 000 characters', async () => ['/v1/me', auth(await rawToken({ ...adaClaims(), email: `${'a'.repeat(10_000)}@example.com` }))], 401, /invalid_token/],
  // Headers and bodies
  ['oversized headers (20 KB)', async () => ['/v1/me', { headers: { authorization: `Bearer ${await rawToken(adaClaims())}`, 'x-junk': 'j'.repeat(20 * 1024) } }], 431, /headers_too_large/],
  ['oversized webhook body (300 KB)', async () => [`/v1/hooks/referralrock?secret=${WEBHOOK_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ memberId: 'x', pad: 'p'.repeat(300 * 1024) }) }], 413, /payload_too_large/],
  ['oversized body on /v1/me', async () => ['/v1/me', { method: 'POST', body: 'b'.repeat(1024 * 1024) }], 413, /payload_too_large/],
  ['webhook body that is not JSON', async () => [`/v1/hooks/referralrock?secret=${WEBHOOK_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '<xml>nope</xml>' }], 400, /invalid_json/],
  ['webhook without its secret', async () => ['/v1/hooks/referralrock', { method: 'POST', body: '{"memberId":"x"}' }], 401, /invalid_webhook_secret/],
  ['webhook with a wrong secret', async () => ['/v1/hooks/referralrock?secret=webhook-secret-0123456780', { method: 'POST', body: '{"memberId":"x"}' }], 401, /invalid_webhook_secret/],
  ['webhook with a forged signature', async () => ['/v1/hooks/referralrock', { method: 'POST', headers: { 'x-signature': `sha256=${'0'.repeat(64)}` }, body: '{"memberId":"x"}' }], 401, /invalid_webhook_secret/],
  // Methods
  ...(['POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method): Row => [
    `${method} /v1/me`, async () => ['/v1/me', { method, headers: { authorization: `Bearer ${await rawToken(adaClaims())}`, 'content-type': 'application/json' }, body: method === 'DELETE' ? undefined : JSON.stringify({ email: 'grace@example.com' }) }], 405, /method_not_allowed/,
  ]),
  ['GET the webhook', async () => [`/v1/hooks/referralrock?secret=${WEBHOOK_SECRET}`], 405, /method_not_allowed/],
  ['DELETE /healthz', async () => ['/healthz', { method: 'DELETE' }], 405, /method_not_allowed/],
  // Paths
  ...['/v1/me/', '/v1//me', '/V1/ME', '/v1/me;x=1', '/v1/me%00', '/v1/me%2f..%2f..%2fsandbox', '/v1/me/../../sandbox/api/members', '/v1/%2e%2e/demo/token?email=grace@example.com', '/v1/me/..%2f..%2fsandbox/api/programs', '/sandbox/api/members', '/demo/token?email=ada@example.com']
    .map((path): Row => [`path ${path}`, async () => [path, auth(await rawToken(adaClaims()))], 404, /not_found/]),
];

describe('hostile input is refused with the right status and no upstream call', () => {
  for (const [name, request, status, code] of rows) {
    it(name, async () => {
      const { app, upstreamCalls } = liveApp();
      const [path, init] = await request();
      const res = await app.request(path, init);
      assert.equal(res.status, status, `${name}: ${res.status}`);
      const body = (await res.json()) as ErrorBody;
      if (code) assert.match(body.error.code, code);
      assert.ok(body.error.requestId, 'the error names its request');
      assert.doesNotMatch(JSON.stringify(body), /\n\s+at |\.ts:\d+/, 'no stack trace');
      if (status === 405) assert.ok(res.headers.get('allow'), 'a 405 says what is allowed');
      assert.deepEqual(upstreamCalls, []);
    });
  }

  it('a valid token still passes in the same app (the table refuses for its reasons, not all)', async () => {
    const { app, upstreamCalls } = liveApp();
    const res = await app.request('/v1/me', auth(await rawToken(adaClaims())));
    assert.equal(res.status, 200);
    assert.equal(upstreamCalls.length, 5, 'lookup, links, stats, and the program and its rules');
  });
});

describe('unsafe links from upstream', () => {
  it('never reach the /v1/me response: javascript:, data: and other schemes are dropped, safe ones kept', async () => {
    const { app } = liveApp({
      referralCode: 'ADA2024',
      shareUrl: 'javascript:alert(document.cookie)',
      smsShareUrl: ' JavaScript:alert(1)',
      whatsAppShareUrl: 'data:text/html,<script>alert(1)</script>',
      facebookShareUrl: 'vbscript:msgbox(1)',
      twitterShareUrl: 'not a url',
      emailShareUrl: 'mailto:?body=join%20me',
      linkedInShareUrl: 'https://www.linkedin.com/sharing/share-offsite/?url=x',
    });
    const res = await app.request('/v1/me', auth(await rawToken(adaClaims())));
    assert.equal(res.status, 200);
    const body = (await res.json()) as MeResponse;
    assert.deepEqual(body.links, { emailShareUrl: 'mailto:?body=join%20me', linkedInShareUrl: 'https://www.linkedin.com/sharing/share-offsite/?url=x' });
    assert.doesNotMatch(JSON.stringify(body), /javascript|data:|vbscript/i);
  });
});

describe('IDOR: the member comes from the token alone', () => {
  const GRACE_ID = '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21';
  const smuggled: Array<[string, string, RequestInit['headers']]> = [
    ['query', `/v1/me?memberId=${GRACE_ID}&email=grace@example.com&referralCode=GRACE42&externalId=cust-1002&query=grace@example.com`, {}],
    ['headers', '/v1/me', { 'x-member-id': GRACE_ID, 'x-email': 'grace@example.com', 'x-referral-code': 'GRACE42', 'x-forwarded-user': 'grace@example.com', cookie: 'member=grace@example.com' }],
    ['query parameter names in every case', `/v1/me?MemberId=${GRACE_ID}&EMAIL=grace@example.com&emailAddress=grace@example.com`, {}],
  ];
  for (const [where, path, headers] of smuggled) {
    it(`ignores another member's identity smuggled in the ${where}`, async () => {
      const { app } = sandboxApp();
      const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
      const res = await app.request(path, { headers: { ...headers, authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as MeResponse;
      assert.equal(body.member.referralCode, 'ADA2024');
      assert.equal(body.stats.memberShares, 8, 'Ada’s stats, not Grace’s');
    });
  }

  it('refuses a body naming another member (no route takes one)', async () => {
    const { app, apiCalls } = sandboxApp();
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const res = await app.request('/v1/me', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'grace@example.com' }) });
    assert.equal(res.status, 405);
    assert.deepEqual(apiCalls(), []);
  });

  it('never serves one member’s cached data to another whose identifier differs only in case', async () => {
    const { app } = sandboxApp();
    const first = await app.request('/v1/me', bearer(await signMemberToken({ externalId: 'cust-1001' }, SECRET)));
    assert.equal(((await first.json()) as MeResponse).member.referralCode, 'ADA2024');
    const other = await app.request('/v1/me', bearer(await signMemberToken({ externalId: 'CUST-1001' }, SECRET)));
    assert.equal(other.status, 404, 'external ids are case-sensitive upstream; the cache must not merge them');
  });

  it('never shows another member’s stats when a code or external id equals that member’s other identifier', async () => {
    // memberstats' `query` matches ids, e-mails, codes and external ids alike: Ada's external id is
    // `cust-1001`; Nina's external id differs only in case, and Cody chose `cust-1001` as his code.
    const state = createSeedState();
    const linus = state.members.find((m) => m.email === 'linus@example.com')!;
    state.members.push(
      { ...linus, id: '11111111-1111-4111-8111-111111111111', email: 'nina@example.com', externalIdentifier: 'CUST-1001', referralCode: 'NINA1' },
      { ...linus, id: '22222222-2222-4222-8222-222222222222', email: 'cody@example.com', externalIdentifier: null, referralCode: 'cust-1001' },
    );
    const { app } = sandboxApp({}, {}, { storage: { state } });
    for (const [identity, code] of [[{ externalId: 'CUST-1001' }, 'NINA1'], [{ referralCode: 'cust-1001' }, 'cust-1001']] as const) {
      const res = await app.request('/v1/me', bearer(await signMemberToken(identity, SECRET)));
      assert.equal(res.status, 200, JSON.stringify(identity));
      const body = (await res.json()) as MeResponse;
      assert.equal(body.member.referralCode, code);
      assert.equal(body.stats.memberShares, 0, `${code} sees their own stats, not Ada’s`);
      assert.equal(body.stats.rewardsIssuedAmount, 0);
      const rewards = await app.request('/v1/me/rewards', bearer(await signMemberToken(identity, SECRET)));
      assert.deepEqual(((await rewards.json()) as { rewards: unknown[] }).rewards, []);
    }
  });
});
