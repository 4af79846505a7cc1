import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { ApiError } from '../http/errors.js';
import { LearnedSigningKeys } from '../upstream/webhook-keys.js';
import { MemorySharedState } from '../state/memory-state.js';
import { createReferralRockClient, type ReferralRockClient } from '../upstream/client.js';
import { hookTargetUrl, subscribeToWebhooks } from './webhook-subscriptions.js';
import { WEBHOOK_EVENTS } from '../routes/webhooks.js';

/**
 * Referral Rock's hooks as its documents describe them: every `POST api/hooks` is another
 * subscription (the same URL twice makes two), `DELETE api/hooks` removes one by id, and there is
 * no list — only each event's delivery history.
 */
function referralRockHooks() {
  const hooks = new Map<string, { target_url: string; event: string }>();
  const delivered: Array<{ web_hook_id: string; target_url: string; event: string }> = [];
  let next = 0;
  const upstream = new Hono();
  upstream.post('/api/hooks', async (c) => {
    const body = await c.req.json<{ target_url: string; event: string }>();
    const id = `hook-${++next}`;
    hooks.set(id, body);
    return c.json({ web_hook_id: id }, 201);
  });
  upstream.delete('/api/hooks', async (c) => {
    const { web_hook_id } = await c.req.json<{ web_hook_id: string }>();
    return hooks.delete(web_hook_id) ? c.json({ message: 'ok' }) : c.json({ message: 'not found' }, 404);
  });
  upstream.get('/api/hooks/history/:event', (c) => c.json({ history: delivered.filter((d) => d.event === c.req.param('event')), offset: 0, total: 0 }));
  const client = createReferralRockClient({ baseUrl: 'https://rr.test', basicAuth: 'a:b', timeoutMs: 2000, retries: 0, fetch: (input, init) => Promise.resolve(upstream.request(new Request(input, init))) });
  /** Referral Rock delivering one event to every hook: it shows in that event's history. */
  const deliverAll = () => {
    for (const [id, hook] of hooks) delivered.push({ web_hook_id: id, ...hook });
  };
  return { hooks, client, deliverAll };
}

const PUBLIC_URL = 'https://rewards.example.com';
const SECRET = 'hook-secret-0123456789';

const start = (client: ReferralRockClient, state?: MemorySharedState, logs: unknown[] = []) =>
  subscribeToWebhooks({ referralRock: client, publicUrl: PUBLIC_URL, secret: SECRET, remembered: state?.cache, leases: state?.leases, log: (e) => logs.push(e) });

describe('subscribeToWebhooks', () => {
  it('subscribes this server’s receiver, with its secret, to every event, logging no secret', async () => {
    const { hooks, client } = referralRockHooks();
    const logs: unknown[] = [];
    assert.equal(await start(client, new MemorySharedState(), logs), WEBHOOK_EVENTS.length);
    assert.deepEqual([...hooks.values()].map((h) => h.event), [...WEBHOOK_EVENTS]);
    const target = new URL([...hooks.values()][0]!.target_url);
    assert.equal(target.origin + target.pathname, `${PUBLIC_URL}/v1/hooks/referralrock`);
    assert.equal(target.searchParams.get('secret'), SECRET);
    assert.ok(!JSON.stringify(logs).includes('hook-secret'), 'the secret is not logged');
  });

  it('two starts with the same shared state leave one hook per event, at the same URL', async () => {
    const { hooks, client } = referralRockHooks();
    const state = new MemorySharedState();
    await start(client, state);
    const first = new Map(hooks);
    await start(client, state);
    assert.equal(hooks.size, WEBHOOK_EVENTS.length, 'not twice as many');
    assert.ok([...first.keys()].every((id) => !hooks.has(id)), 'the first start’s hooks were removed');
    assert.deepEqual([...hooks.values()].map((h) => h.target_url).sort(), [...first.values()].map((h) => h.target_url).sort(), 'the same URLs');
  });

  it('two instances starting together leave one hook per event', async () => {
    const { hooks, client } = referralRockHooks();
    const shared = new MemorySharedState();
    assert.deepEqual(await Promise.all([start(client, shared), start(client, shared)]), [WEBHOOK_EVENTS.length, WEBHOOK_EVENTS.length]);
    assert.equal(hooks.size, WEBHOOK_EVENTS.length);
  });

  it('a restart that remembers nothing removes the hooks that delivered to this receiver (history), and no one else’s', async () => {
    const { hooks, client, deliverAll } = referralRockHooks();
    await client.request('POST', 'api/hooks', { target_url: 'https://another-shop.example/hooks', event: 'RewardAdd' });
    await start(client, new MemorySharedState());
    deliverAll();
    await start(client, new MemorySharedState());
    assert.equal(hooks.size, WEBHOOK_EVENTS.length + 1);
    assert.ok([...hooks.values()].some((h) => h.target_url === 'https://another-shop.example/hooks'), 'another receiver’s hook stays');
  });

  it('learns the signature key an answer carries, per event', async () => {
    const keys = new LearnedSigningKeys();
    const client = { request: async (method: string) => (method === 'POST' ? { web_hook_id: 'h', signature_key: 'rr_0123456789abcdef' } : { history: [] }) } as unknown as ReferralRockClient;
    await subscribeToWebhooks({ referralRock: client, publicUrl: PUBLIC_URL, secret: undefined, learnedKeys: keys, log: () => {} });
    assert.equal(keys.keyFor('RewardAdd'), 'rr_0123456789abcdef');
    assert.equal(keys.keyFor('rewardadd'), 'rr_0123456789abcdef');
    assert.equal(keys.keyFor('ProgramAdd'), undefined, 'not subscribed');
  });

  it('the URL carries nothing made at start: the same for every instance', () => {
    assert.equal(hookTargetUrl(PUBLIC_URL, 'RewardAdd', SECRET), hookTargetUrl(PUBLIC_URL, 'RewardAdd', SECRET));
    assert.equal(hookTargetUrl(PUBLIC_URL, 'RewardAdd', undefined), `${PUBLIC_URL}/v1/hooks/referralrock?event=RewardAdd`);
  });

  it('stops at once when upstream has no hooks endpoint', async () => {
    let posts = 0;
    const client = {
      request: async (method: string) => {
        if (method !== 'POST') return { history: [] };
        posts += 1;
        throw new ApiError(404, 'upstream_misconfigured', 'no');
      },
    } as unknown as ReferralRockClient;
    assert.equal(await subscribeToWebhooks({ referralRock: client, publicUrl: 'https://x.example', secret: 's'.repeat(20), log: () => {} }), 0);
    assert.equal(posts, 1);
  });
});
