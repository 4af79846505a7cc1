/** The simulate panel's server steps: through the sandbox's documented endpoints, with the server's key. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemberList, Referral, ReferralList, RewardList } from '../../types/referralrock.js';
import type { ErrorBody, MeResponse } from '../../types/v1.js';
import { signMemberToken } from '../security/member-token.js';
import { SANDBOX_AUTH, SECRET, bearer, sandboxApp } from '../test-helpers.js';

describe('demo simulate routes (sandbox mode)', () => {
  const step = (app: ReturnType<typeof sandboxApp>['app'], name: string, body: unknown = { email: 'linus@example.com' }) =>
    app.request(`/demo/simulate/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('takes a member from nothing to an issued reward, with the widget’s stats following', async () => {
    const { app, upstreamCalls } = sandboxApp();
    const token = await signMemberToken({ email: 'linus@example.com' }, SECRET);
    const stats = async () => ((await (await app.request('/v1/me', bearer(token))).json()) as MeResponse).stats;
    assert.deepEqual([(await stats()).referralsPending, (await stats()).rewardsIssuedAmount], [0, 0]);

    upstreamCalls.length = 0;
    const signup = await step(app, 'signup');
    assert.equal(signup.status, 200);
    assert.match(((await signup.json()) as { message: string }).message, /signed up with Linus’s code LINUS01/);
    assert.ok(upstreamCalls.includes('POST /sandbox/api/referrals'), 'through the documented endpoint');
    assert.equal((await stats()).referralsPending, 1);

    const approve = await step(app, 'approve');
    assert.equal(approve.status, 200);
    assert.ok(upstreamCalls.includes('POST /sandbox/api/referral/update') && upstreamCalls.includes('POST /sandbox/api/rewards'));
    const approved = await stats();
    assert.deepEqual([approved.referralsPending, approved.referralsApproved, approved.rewardsPendingAmount], [0, 1, 25]);

    const issue = await step(app, 'issue');
    assert.equal(issue.status, 200);
    assert.ok(upstreamCalls.includes('POST /sandbox/api/rewards/issue'));
    const issued = await stats();
    assert.deepEqual([issued.rewardsPendingAmount, issued.rewardsIssuedAmount], [0, 25]);
  });

  it('a friend who opts out of e-mail is on the sandbox’s unsubscribe list, and the card cannot refer them', async () => {
    const { app } = sandboxApp();
    const res = await step(app, 'unsubscribe');
    assert.equal(res.status, 200);
    const { email } = (await res.json()) as { email: string };
    const listed = await app.request(`/sandbox/api/email/getunsubscribed?email=${encodeURIComponent(email)}`, { headers: SANDBOX_AUTH });
    assert.equal(((await listed.json()) as { total: number }).total, 1);
    const token = await signMemberToken({ email: 'linus@example.com' }, SECRET);
    const refer = await app.request('/v1/me/referrals', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Quiet', email }),
    });
    assert.equal(refer.status, 422);
    assert.equal(((await refer.json()) as ErrorBody).error.code, 'cannot_invite');
  });

  it('a friend who signs up has a name, is in the member’s referrals, and is named by the reward', async () => {
    const { app } = sandboxApp();
    const sandbox = (path: string) => app.request(`/sandbox/${path}`, { headers: SANDBOX_AUTH });
    const linus = ((await (await sandbox('api/members?query=LINUS01')).json()) as MemberList).members[0]!;
    const signup = (await (await step(app, 'signup')).json()) as { referral: Referral };
    const friends = ((await (await sandbox(`api/referrals?memberId=${linus.id}`)).json()) as ReferralList).referrals;
    assert.deepEqual(friends.map((r) => r.id), [signup.referral.id]);
    const [friend] = friends;
    assert.ok(friend!.firstName && friend!.lastName && friend!.lastName !== 'Friend', `${friend!.firstName} ${friend!.lastName}`);
    assert.equal(friend!.memberReferralCode, 'LINUS01');

    assert.equal((await step(app, 'approve')).status, 200);
    const rewards = ((await (await sandbox(`api/rewards?memberId=${linus.id}`)).json()) as RewardList).rewards;
    assert.deepEqual(rewards.map((r) => [r.amount, r.description]), [[25, `${friend!.firstName} ${friend!.lastName[0]}. became a customer`]]);
  });

  it('says why a step cannot run, in the backend’s error shape', async () => {
    const { app } = sandboxApp();
    const cases: Array<[string, unknown, number, string]> = [
      ['approve', { email: 'linus@example.com' }, 409, 'nothing_to_approve'],
      ['issue', { email: 'linus@example.com' }, 409, 'nothing_to_issue'],
      ['issue', { email: 'ada@example.com' }, 409, 'nothing_to_issue'], // Ada's pending reward is not eligible yet
      ['signup', { email: 'nobody@example.com' }, 404, 'member_not_found'],
      ['signup', {}, 400, 'invalid_request'],
      ['signup', 'not json', 400, 'invalid_request'],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await step(app, name, body);
      assert.equal(res.status, status, `${name} ${JSON.stringify(body)}`);
      assert.equal(((await res.json()) as ErrorBody).error.code, code);
    }
  });

  it("refuses another site's page: a text/plain or form POST, a foreign Origin, a cross-site Sec-Fetch-Site — and writes nothing", async () => {
    const { app, upstreamCalls } = sandboxApp();
    const body = JSON.stringify({ email: 'linus@example.com' });
    const attempts: Array<[Record<string, string>, number, string]> = [
      [{ 'content-type': 'text/plain' }, 415, 'unsupported_media_type'], // a "simple" request: no preflight
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
      [{}, 415, 'unsupported_media_type'],
      [{ 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 403, 'cross_origin'],
      [{ 'content-type': 'application/json', origin: 'https://evil.example' }, 403, 'cross_origin'],
      [{ 'content-type': 'application/json', origin: 'null' }, 403, 'cross_origin'], // a sandboxed iframe or a file:// page
      [{ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, 403, 'cross_origin'],
      // DNS rebinding: the page's own name now points at 127.0.0.1, so the browser calls it same-origin.
      [{ 'content-type': 'application/json', origin: 'http://rebound.example:8787', host: 'rebound.example:8787', 'sec-fetch-site': 'same-origin' }, 403, 'cross_origin'],
    ];
    for (const [headers, status, code] of attempts) {
      const res = await app.request('/demo/simulate/signup', { method: 'POST', headers, body });
      assert.equal(res.status, status, JSON.stringify(headers));
      assert.equal(((await res.json()) as ErrorBody).error.code, code);
    }
    assert.deepEqual(upstreamCalls, [], 'no step ran');
  });

  it('takes a step from its own page (same Origin, any loopback name) and from curl (no Origin)', async () => {
    const { app } = sandboxApp();
    const body = JSON.stringify({ email: 'linus@example.com' });
    for (const headers of [
      { 'content-type': 'application/json; charset=utf-8', origin: 'http://127.0.0.1:8787', 'sec-fetch-site': 'same-origin' } as Record<string, string>,
      { 'content-type': 'application/json', origin: 'http://localhost:8787' },
      { 'content-type': 'application/json' },
    ]) {
      assert.equal((await app.request('/demo/simulate/signup', { method: 'POST', headers, body })).status, 200, JSON.stringify(headers));
    }
  });

  it('does not exist in live mode', async () => {
    const { app } = sandboxApp({ REFERRALROCK_API_KEY: 'pub-key-1234:priv-key-5678' });
    assert.equal((await step(app, 'signup')).status, 404);
  });
});
