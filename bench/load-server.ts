/**
 * The server side of `npm run bench:load`, run as a child process so the load generator does not
 * share its event loop: the backend in sandbox mode (rate limits off) with 100 sandbox members, and
 * a bare Hono route for comparison. Faults come from the SANDBOX_* environment variables. Prints
 * one JSON line `{ url, bareUrl }` when ready.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { startNodeServer } from '../server/node.js';
import { createSeedState } from '../server/sandbox/seed.js';

export const BENCH_MEMBERS = 100;
export const benchMemberEmail = (i: number) => `bench-${String(i).padStart(3, '0')}@example.com`;

const state = createSeedState();
const template = state.members.find((m) => m.email === 'linus@example.com') ?? state.members[0]!;
for (let i = state.members.length; i < BENCH_MEMBERS; i++) {
  state.members.push({
    ...template,
    id: crypto.randomUUID(),
    email: benchMemberEmail(i),
    displayName: `Bench ${i}`,
    firstName: 'Bench',
    lastName: String(i),
    externalIdentifier: null,
    referralCode: `BENCH${i}`,
  });
}

// No log lines are written (the figures measure the backend, not a terminal); the one saying the
// webhook subscriptions at start are done is awaited, so they do not count as upstream calls.
let subscribed!: () => void;
let waiting = true;
const subscriptionsDone = new Promise<void>((resolve) => (subscribed = resolve));
const server = await startNodeServer(
  { ...process.env, PORT: '0', RATE_LIMIT_MEMBER_PER_MIN: '0', RATE_LIMIT_IP_PER_MIN: '0' },
  (line) => {
    if (waiting && /"msg":"(webhooks subscribed|upstream has no api\/hooks)/.test(line)) {
      waiting = false;
      subscribed();
    }
  },
  { sandbox: { state } },
);
await subscriptionsDone;

const bare = new Hono();
bare.get('/bare', (c) => c.json({ ok: true }));
const bareUrl = await new Promise<string>((resolve) => {
  const s = serve({ fetch: bare.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(`http://127.0.0.1:${info.port}/bare`));
  process.once('disconnect', () => s.close());
});

process.send?.({ url: server.url, bareUrl, emails: state.members.map((m) => m.email) });
process.once('disconnect', () => void server.close().then(() => process.exit(0)));
