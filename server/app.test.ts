import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { signMemberToken } from './security/member-token.js';
import { GRACE_ID } from './sandbox/test-helpers.js';
import { SECRET, bearer, inMinutes, rawToken, sandboxApp } from './test-helpers.js';
import type { ErrorBody, MeResponse } from '../types/v1.js';

const base64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('GET /v1/me', () => {
  it("answers a valid token with the member, every share link and the stats, from the member's three upstream calls (lookup, links, stats) and the program's two (program, rules)", async () => {
    const { app, upstreamCalls } = sandboxApp();
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET, { name: 'Ada' });
    const res = await app.request('/v1/me', bearer(token));
    assert.equal(res.status, 200);
    const body = (await res.json()) as MeResponse;
    assert.deepEqual(body.member, { name: 'Ada', referralCode: 'ADA2024' });
    assert.equal(body.links.shareUrl, 'http://127.0.0.1:8787/sandbox/r/ADA2024');
    assert.equal(Object.keys(body.links).length, 10);
    assert.equal(body.stats.memberShares, 8);
    assert.equal(body.stats.referralsApproved, 2);
    assert.equal(body.stats.rewardsIssuedAmount, 50);
    assert.equal(body.timePeriod, 'All');
    assert.ok(body.offer && 'member' in body.offer && 'friend' in body.offer, 'the program\'s offer');
    assert.deepEqual(upstreamCalls.sort(), ['GET /sandbox/api/members', 'GET /sandbox/api/memberstats/getsingle', 'GET /sandbox/api/programs', 'GET /sandbox/api/rewardrules', 'POST /sandbox/api/memberaccessurls']);
  });

  it('names the member by any of the four claims', async () => {
    const { app } = sandboxApp();
    for (const identity of [
      { memberId: '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21' },
      { externalId: 'cust-1002' },
      { referralCode: 'GRACE42' },
      { email: 'grace@example.com' },
    ]) {
      const res = await app.request('/v1/me', bearer(await signMemberToken(identity as { email: string }, SECRET)));
      assert.equal(res.status, 200, JSON.stringify(identity));
      assert.equal(((await res.json()) as MeResponse).member.referralCode, 'GRACE42');
    }
  });

  it('passes timePeriod to memberstats and refuses an unknown one', async () => {
    const { app, upstreamCalls } = sandboxApp();
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    const week = (await (await app.request('/v1/me?timePeriod=Last7Days', bearer(token))).json()) as MeResponse;
    assert.equal(week.timePeriod, 'Last7Days');
    assert.ok(week.stats.memberShares! < 8 && week.stats.memberShares! > 0);
    upstreamCalls.length = 0;
    const bad = await app.request('/v1/me?timePeriod=Forever', bearer(token));
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as ErrorBody).error.code, 'invalid_time_period');
    assert.equal(upstreamCalls.length, 0);
  });

  it('shows a member with no activity as zeros, not as missing', async () => {
    const { app } = sandboxApp();
    const res = await app.request('/v1/me', bearer(await signMemberToken({ email: 'linus@example.com' }, SECRET)));
    const body = (await res.json()) as MeResponse;
    assert.equal(body.stats.memberShares, 0);
    assert.equal(body.stats.rewardsPendingAmount, 0);
  });

  it('answers 404 for a member unknown upstream', async () => {
    const { app } = sandboxApp();
    const res = await app.request('/v1/me', bearer(await signMemberToken({ email: 'nobody@example.com' }, SECRET)));
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'member_not_found');
  });

  describe('refuses bad tokens with 401 and no upstream call', () => {
    const cases: Array<[string, () => Promise<Record<string, string>>]> = [
      ['no Authorization header', async () => ({})],
      ['a Basic header', async () => ({ authorization: 'Basic YTpi' })],
      ['a malformed token', async () => ({ authorization: 'Bearer not.a.jwt' })],
      ['a token of two parts', async () => ({ authorization: 'Bearer abc.def' })],
      ['a token signed with another secret', async () => ({ authorization: `Bearer ${await rawToken({ email: 'ada@example.com', exp: inMinutes(5) }, 'another-secret-another-secret-0000')}` })],
      ['an expired token', async () => ({ authorization: `Bearer ${await rawToken({ email: 'ada@example.com', exp: inMinutes(-1) })}` })],
      ['a token without exp', async () => ({ authorization: `Bearer ${await rawToken({ email: 'ada@example.com' })}` })],
      ['a token naming two members', async () => ({ authorization: `Bearer ${await rawToken({ email: 'ada@example.com', memberId: '7c5a4e0f-83b5-4f7e-9d2c-5b1e3f8a6d21', exp: inMinutes(5) })}` })],
      ['a token naming no member', async () => ({ authorization: `Bearer ${await rawToken({ sub: 'ada', exp: inMinutes(5) })}` })],
      ['a token whose identifier is not a string', async () => ({ authorization: `Bearer ${await rawToken({ email: 42, exp: inMinutes(5) })}` })],
      ['an alg:none token', async () => ({ authorization: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ email: 'ada@example.com', exp: inMinutes(5) })}.` })],
      ['an alg:none token with a signature', async () => {
        const signed = (await rawToken({ email: 'ada@example.com', exp: inMinutes(5) })).split('.');
        return { authorization: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${signed[1]}.${signed[2]}` };
      }],
      ['a re-signed payload with the original signature', async () => {
        const signed = (await rawToken({ email: 'grace@example.com', exp: inMinutes(5) })).split('.');
        return { authorization: `Bearer ${signed[0]}.${base64url({ email: 'ada@example.com', exp: inMinutes(5) })}.${signed[2]}` };
      }],
    ];
    for (const [name, headers] of cases) {
      it(name, async () => {
        const { app, upstreamCalls } = sandboxApp();
        const res = await app.request('/v1/me', { headers: await headers() });
        assert.equal(res.status, 401);
        const body = (await res.json()) as ErrorBody;
        assert.match(body.error.code, /^(missing_token|invalid_token|token_expired)$/);
        assert.ok(body.error.message.length > 0);
        assert.deepEqual(upstreamCalls, []);
      });
    }
    it('tells an expired token apart, so the widget can say so', async () => {
      const { app } = sandboxApp();
      const res = await app.request('/v1/me', bearer(await rawToken({ email: 'ada@example.com', exp: inMinutes(-1) })));
      assert.equal(((await res.json()) as ErrorBody).error.code, 'token_expired');
    });
  });
});

describe('upstream failures', () => {
  const liveConfig = (url: string, timeout = '1000') =>
    loadConfig({
      REFERRALROCK_API_KEY: 'pub-key-1234:priv-key-5678',
      REFERRALROCK_API_URL: url,
      MEMBER_TOKEN_SECRET: SECRET,
      UPSTREAM_TIMEOUT_MS: timeout,
    });
  const adaToken = () => signMemberToken({ email: 'ada@example.com' }, SECRET);

  it('answers 502 quickly when Referral Rock cannot be reached', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const app = createApp(liveConfig(`http://127.0.0.1:${closedPort}`), { log: () => {} });
    const started = Date.now();
    const res = await app.request('/v1/me', bearer(await adaToken()));
    assert.equal(res.status, 502);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'upstream_unreachable');
    assert.ok(Date.now() - started < 1000);
  });

  it('answers 504 when Referral Rock hangs, within the timeout', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const app = createApp(liveConfig('https://rr.invalid', '200'), { log: () => {}, fetch: hanging });
    // AbortSignal.timeout does not keep Node alive; a real server would.
    const keepAlive = setTimeout(() => {}, 5000);
    const started = Date.now();
    const res = await app.request('/v1/me', bearer(await adaToken()));
    clearTimeout(keepAlive);
    assert.equal(res.status, 504);
    assert.ok(Date.now() - started < 1000);
  });

  for (const [upstreamStatus, expected, code] of [
    [500, 502, 'upstream_error'],
    [401, 502, 'upstream_auth'],
    [429, 503, 'upstream_rate_limited'],
  ] as const) {
    it(`maps an upstream ${upstreamStatus} to ${expected} without leaking the API key`, async () => {
      const seen: string[] = [];
      const failing: typeof fetch = async (input, init) => {
        seen.push(new Headers(init?.headers).get('authorization') ?? '');
        return new Response(JSON.stringify({ message: `failed for pub-key-1234 at ${String(input)}` }), {
          status: upstreamStatus,
          headers: { 'retry-after': '7' },
        });
      };
      const app = createApp(liveConfig('https://rr.invalid'), { log: () => {}, fetch: failing });
      const res = await app.request('/v1/me', bearer(await adaToken()));
      assert.equal(res.status, expected);
      const text = await res.text();
      assert.equal(JSON.parse(text).error.code, code);
      const everything = text + JSON.stringify([...res.headers]);
      for (const secret of ['pub-key-1234', 'priv-key-5678', btoa('pub-key-1234:priv-key-5678'), 'rr.invalid']) {
        assert.ok(!everything.includes(secret), `response leaks ${secret}`);
      }
      assert.equal(seen[0], `Basic ${btoa('pub-key-1234:priv-key-5678')}`);
      if (upstreamStatus === 429) assert.equal(res.headers.get('retry-after'), '7');
    });
  }

  it('answers 502 for an upstream body that is not JSON', async () => {
    const app = createApp(liveConfig('https://rr.invalid'), { log: () => {}, fetch: async () => new Response('<html>oops</html>') });
    const res = await app.request('/v1/me', bearer(await adaToken()));
    assert.equal(res.status, 502);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'upstream_bad_response');
  });

  it('ignores unknown upstream fields and tolerates missing optional ones', async () => {
    const fake: typeof fetch = async (input) =>
      String(input).includes('api/members?')
        ? Response.json({ members: [{ id: 'm1', email: 'ada@example.com', referralCode: 'X' }], total: 1 })
        : String(input).includes('memberaccessurls')
        ? Response.json({ shareUrl: 'https://example.com/r/X', referralCode: 'X', brandNewField: 'ignored', smsShareUrl: 42 })
        : Response.json({ memberShares: '3', memberViews: null, somethingElse: 1 });
    const app = createApp(liveConfig('https://rr.invalid'), { log: () => {}, fetch: fake });
    const res = await app.request('/v1/me', bearer(await adaToken()));
    assert.equal(res.status, 200);
    const body = (await res.json()) as MeResponse;
    assert.deepEqual(body.links, { shareUrl: 'https://example.com/r/X' });
    assert.deepEqual(body.stats, { memberShares: 3 });
  });
});

describe('CORS', () => {
  const env = { ALLOWED_ORIGINS: 'https://shop.example.com, https://www.example.com' };

  it('grants an allowed origin, with Authorization allowed in preflight', async () => {
    const { app } = sandboxApp(env);
    const res = await app.request('/v1/me', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example.com');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /authorization/i);
  });

  it('grants an allowed origin on errors too, so the widget can read them', async () => {
    const { app } = sandboxApp(env);
    const res = await app.request('/v1/me', { headers: { origin: 'https://www.example.com' } });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://www.example.com');
  });

  it('gives any other origin no grant', async () => {
    const { app } = sandboxApp(env);
    for (const origin of ['https://evil.example.net', 'https://shop.example.com.evil.net', 'null']) {
      const res = await app.request('/v1/me', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
      assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
    }
  });
});

describe('errors', () => {
  it('answers unknown routes with the JSON error shape', async () => {
    const { app } = sandboxApp();
    const res = await app.request('/nope');
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'not_found');
  });

  it('has no demo routes in live mode', async () => {
    const app = createApp(loadConfig({ REFERRALROCK_API_KEY: 'a:b', MEMBER_TOKEN_SECRET: SECRET }), { log: () => {} });
    assert.equal((await app.request('/demo/token?email=ada@example.com')).status, 404);
    assert.equal((await app.request('/sandbox/api/programs')).status, 404);
  });
});

describe('sandbox mode', () => {
  it('drops the cached stats of the member a sandbox change concerns, named by member id', async () => {
    const { app, parts } = sandboxApp();
    const dropped: unknown[] = [];
    const drop = parts.memberData.dropFor;
    parts.memberData.dropFor = (identifiers, scope) => {
      dropped.push(identifiers);
      return drop(identifiers, scope);
    };
    assert.equal((await app.request('/sandbox/s/GRACE42/email')).status, 200);
    assert.equal((await app.request('/sandbox/r/NOBODY')).status, 404);
    assert.equal((await app.request('/sandbox/s/GRACE42/__proto__')).status, 404);
    assert.deepEqual(dropped, [[{ claim: 'memberId', value: GRACE_ID }]], 'Grace alone, not every member');
  });

  it('keeps the sandbox fault switch for the holder of the sandbox key', async () => {
    const { app } = sandboxApp();
    for (const path of ['/sandbox/_faults', '/sandbox/r/ADA2024/_faults', '/sandbox/api/programs/_faults']) {
      const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"errorRate":1}' });
      assert.ok(res.status === 401 || res.status === 404, `${path}: ${res.status}`);
    }
    const token = await signMemberToken({ email: 'ada@example.com' }, SECRET);
    assert.equal((await app.request('/v1/me', bearer(token))).status, 200, 'no fault was switched on');
  });
});
