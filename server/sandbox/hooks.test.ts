/** Webhooks, delivered over real HTTP to a receiver on 127.0.0.1 (a port chosen at run time). */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { HookHistoryList, HookSubscriptionAnswer, NewReferralResult, NewRewardResult, Referral, ReferralResult } from '../../types/referralrock.js';
import { MAX_HOOKS } from './hooks.js';
import { GRACE_ID, testSandbox } from './test-helpers.js';

interface Received {
  path: string;
  /** The body's EventType. */
  event: string | undefined;
  signature: string | undefined;
  text: string;
  body: Record<string, unknown>;
}

/** A receiver that answers 500 to the first `failFirst` requests of each path, then 200. */
function startReceiver(failFirst: Record<string, number>): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '';
      const count = (seen.get(path) ?? 0) + 1;
      seen.set(path, count);
      const body = JSON.parse(text) as Record<string, unknown>;
      received.push({ path, event: body.EventType as string | undefined, signature: req.headers['rr-signature'] as string | undefined, text, body });
      res.statusCode = count <= (failFirst[path] ?? 0) ? 500 : 200;
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received })),
  );
}

describe('webhooks', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    receiver = await startReceiver({ '/flaky': 2, '/down': 99 });
  });
  after(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())));

  it('POSTs each event’s element to its subscribers as Referral Rock does (PascalCase, EventType, Timestamp, RR-Signature with the hook’s key), retries a failing receiver, and records the history', async () => {
    const { post, get, del, app } = testSandbox({ hookRetryDelaysMs: [20, 20] });
    const keys = new Map<string, string>();
    const subscribe = async (path: string, event: string) => {
      const res = await post<HookSubscriptionAnswer>('/api/hooks', { target_url: `${receiver.url}${path}`, event });
      assert.equal(res.status, 201);
      assert.match(res.body.web_hook_id, /^[0-9a-f-]{36}$/);
      assert.match(res.body.signature_key ?? '', /^rr_[0-9a-f]{32}$/);
      keys.set(path, res.body.signature_key!);
      return res.body.web_hook_id;
    };
    await subscribe('/referrals', 'ReferralAdd');
    await subscribe('/status', 'ReferralStatusChange');
    await subscribe('/flaky', 'RewardAdd');
    await subscribe('/down', 'RewardIssue');

    const referral = (await post<NewReferralResult>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Hal', email: 'hal@example.net' })).body.referral!;
    await post<ReferralResult[]>('/api/referral/update', [{ query: { primaryInfo: { referralId: referral.id } }, referral: { status: 'Approved' } }]);
    const created = await post<NewRewardResult[]>('/api/rewards', [
      { memberQuery: { primaryInfo: { memberId: GRACE_ID } }, referralQuery: { primaryInfo: { referralId: referral.id } }, newReward: { amount: 25 } },
    ]);
    const reward = created.body[0]!.reward!;
    await post('/api/rewards/issue', { rewardId: reward.id });
    await app.hooksIdle();

    const at = (path: string) => receiver.received.filter((r) => r.path === path);
    // Each delivery is signed with its hook's key: base64(HMAC-SHA512(key, body + "." + EventType)).
    for (const item of receiver.received) {
      assert.equal(item.signature, createHmac('sha512', keys.get(item.path)!).update(`${item.text}.${item.event}`).digest('base64'), item.path);
      assert.equal(typeof item.body.Timestamp, 'number');
    }
    // A Referral names its member by ReferringMemberId and MemberReferralCode.
    const added = at('/referrals');
    assert.equal(added.length, 1);
    assert.equal(added[0]!.event, 'ReferralAdd');
    assert.equal(added[0]!.body.Id, referral.id);
    assert.equal(added[0]!.body.ReferringMemberId, GRACE_ID);
    assert.equal(added[0]!.body.id, undefined, 'PascalCase, not the GET shape');
    assert.equal(added[0]!.body.Status, 'Pending', 'the element as it was when the event happened');
    assert.equal(at('/status')[0]!.body.Status, 'Approved');
    // A Reward names its member by MemberId; the receiver failed twice, the third attempt landed.
    assert.equal(at('/flaky').length, 3);
    assert.ok(at('/flaky').every((r) => r.body.MemberId === GRACE_ID && r.body.Id === reward.id && r.text === at('/flaky')[0]!.text));
    // The reward was issued before the retries ran; a retry still carries it as it was when added.
    assert.deepEqual(at('/flaky').map((r) => r.body.Status), ['Pending', 'Pending', 'Pending']);
    assert.equal(at('/down').length, 3, 'one attempt and two retries, then it gives up');

    const history = async (event: string) => (await get<HookHistoryList>(`/api/hooks/history/${event}`)).body.history;
    const [flaky] = await history('RewardAdd');
    assert.deepEqual([flaky!.status, flaky!.attempts, flaky!.lastResponseStatus], ['Delivered', 3, 200]);
    assert.deepEqual((flaky!.payload as { Id: string }).Id, reward.id);
    const [down] = await history('rewardissue');
    assert.deepEqual([down!.status, down!.attempts, down!.lastResponseStatus], ['Failed', 3, 500]);
    assert.deepEqual((await history('MemberAdd')).length, 0);

    // Unsubscribed: the next event goes nowhere.
    const webHookId = (await history('ReferralAdd'))[0]!.web_hook_id;
    assert.equal((await del('/api/hooks', { web_hook_id: webHookId })).status, 200);
    assert.equal((await del('/api/hooks', { web_hook_id: webHookId })).status, 404);
    await post('/api/referrals', { referralCode: 'GRACE42', firstName: 'Ivy' });
    await app.hooksIdle();
    assert.equal(at('/referrals').length, 1);
  });

  it('records an unreachable receiver as failed, without holding up the API', async () => {
    const { post, get, app } = testSandbox({ hookRetryDelaysMs: [10] });
    // A port nothing listens on: the receiver's own, closed.
    const closed = await startReceiver({});
    const url = closed.url;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    await post('/api/hooks', { target_url: `${url}/gone`, event: 'MemberAdd' });
    const res = await post('/api/members', { firstName: 'Jo', email: 'jo@example.com' });
    assert.equal(res.status, 200);
    await app.hooksIdle();
    const [item] = (await get<HookHistoryList>('/api/hooks/history/MemberAdd')).body.history;
    assert.deepEqual([item!.status, item!.attempts, item!.lastResponseStatus], ['Failed', 2, null]);
  });

  it('refuses a malformed subscription', async () => {
    const { post, get, state } = testSandbox();
    for (const body of [{ target_url: 'ftp://example.com/x', event: 'MemberAdd' }, { target_url: 'not a url', event: 'MemberAdd' }, { target_url: 'http://127.0.0.1:1/x', event: 'MemberDance' }, { event: 'MemberAdd' }, { target_url: 'http://127.0.0.1:1/x' }, []]) {
      const res = await post<{ message: string }>('/api/hooks', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(res.body.message);
    }
    assert.equal(state.hooks.length, 0);
    assert.equal((await get('/api/hooks/history/NotAnEvent')).status, 400);
  });

  it('keeps at most MAX_HOOKS subscriptions, so one caller cannot fan every change out to thousands of URLs', async () => {
    const sandbox = testSandbox();
    for (let i = 0; i < MAX_HOOKS; i++) {
      assert.equal((await sandbox.post('/api/hooks', { target_url: `http://127.0.0.1:9/hook/${i}`, event: 'MemberAdd' })).status, 201);
    }
    const over = await sandbox.post<{ message: string }>('/api/hooks', { target_url: 'http://127.0.0.1:9/one-more', event: 'MemberAdd' });
    assert.equal(over.status, 409);
    assert.match(over.body.message, /At most 50 webhook subscriptions/);
    assert.equal(sandbox.state.hooks.length, MAX_HOOKS);
    assert.equal((await sandbox.post('/api/hooks', { target_url: 'http://127.0.0.1:9/hook/0', event: 'MemberAdd' })).status, 201, 'an existing subscription is still answered');
    const first = sandbox.state.hooks[0]!.web_hook_id;
    assert.equal((await sandbox.del('/api/hooks', { web_hook_id: first })).status, 200);
    assert.equal((await sandbox.post('/api/hooks', { target_url: 'http://127.0.0.1:9/one-more', event: 'MemberAdd' })).status, 201, 'room again after a removal');
  });

  it('sends webhooks to http(s) URLs only', async () => {
    const sandbox = testSandbox();
    for (const target_url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x', 'ftp://example.com/x', 'ws://127.0.0.1/x', '//example.com/x', '/relative']) {
      const res = await sandbox.post<{ message: string }>('/api/hooks', { target_url, event: 'MemberAdd' });
      assert.equal(res.status, 400, target_url);
      assert.match(res.body.message, /http\(s\) URL/);
    }
    assert.equal(sandbox.state.hooks.length, 0);
  });
});
