/**
 * The server side of `npm run bench:load`, run as a child process so the load generator does not
 * share its event loop: the backend in sandbox mode (rate limits off) with 100 sandbox members, and
 * two bare Hono routes for comparison: one answering `{"ok":true}`, one answering the very bytes of
 * a warm `/v1/me`. Faults come from the SANDBOX_* environment variables. Sends
 * `{ url, bareUrl, bareSameUrl, emails }` to the parent when ready.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { signMemberToken } from '../server/security/member-token.js';
import { startNodeServer } from '../server/runtime/node.js';
import { createSeedState } from '../server/sandbox/seed.js';

const BENCH_MEMBERS = 100;
const benchMemberEmail = (i: number) => `bench-${String(i).padStart(3, '0')}@example.com`;
/** The site the bench's requests come from (set by the parent): allowed, so each is granted CORS. */
const BENCH_ORIGIN = process.env.ALLOWED_ORIGINS ?? '';

const state = createSeedState();
const template = state.members.find((m) => m.email === 'linus@example.com') ?? state.members[0]!;
const SAMPLE_EMAIL = 'bench-sample@example.com';
for (let i = state.members.length; i <= BENCH_MEMBERS; i++) {
  state.members.push({
    ...template,
    id: crypto.randomUUID(),
    email: i === BENCH_MEMBERS ? SAMPLE_EMAIL : benchMemberEmail(i),
    displayName: `Bench ${i}`,
    firstName: 'Bench',
    lastName: String(i),
    externalIdentifier: null,
    referralCode: `BENCH${i}`,
  });
}

// No log lines are written (the figures measure the backend, not a terminal); the webhook
// subscriptions made at start are awaited, so they do not count as upstream calls.
const server = await startNodeServer(
  { ...process.env, PORT: '0', RATE_LIMIT_MEMBER_PER_MIN: '0', RATE_LIMIT_IP_PER_MIN: '0' },
  () => {},
  {},
  { state },
);
await server.webhooksSubscribed;

// A warm /v1/me answer, taken once for a member outside the bench's 100, for the bare route to repeat.
const sampleToken = await signMemberToken({ email: SAMPLE_EMAIL }, process.env.MEMBER_TOKEN_SECRET!, { expiresIn: 600 });
const sample = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${sampleToken}`, origin: BENCH_ORIGIN } });
if (sample.status !== 200) throw new Error(`the sample /v1/me answered ${sample.status}`);
const sampleBody = await sample.text();
// Node adds these to every response itself.
const sampleHeaders = Object.fromEntries([...sample.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name)));

const bare = new Hono();
bare.get('/bare', (c) => c.json({ ok: true }));
// The bytes of a warm /v1/me (body and headers) from a bare route: what Hono and Node cost to send them.
bare.get('/bare-same', () => new Response(sampleBody, { status: 200, headers: sampleHeaders }));
const bareUrl = await new Promise<string>((resolve) => {
  const s = serve({ fetch: bare.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  process.once('disconnect', () => s.close());
});

process.send?.({ url: server.url, bareUrl: `${bareUrl}/bare`, bareSameUrl: `${bareUrl}/bare-same`, emails: state.members.filter((m) => m.email !== SAMPLE_EMAIL).map((m) => m.email) });
process.once('disconnect', () => void server.close().then(() => process.exit(0)));
// The parent asks for this process's CPU time (µs, user + system) around each round: the server's
// own cost a request, which the shared machine's load swings far less than latency.
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  }
});
