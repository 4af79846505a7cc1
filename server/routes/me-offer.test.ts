/** The offer on `GET /v1/me`: from the member's own program, cached per program, never a reason to fail. */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { MeResponse } from '../../types/v1.js';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { signMemberToken } from '../security/member-token.js';
import { SECRET, bearer } from '../test-helpers.js';

const MEMBERS = [
  { id: 'member-ada', email: 'ada@example.com', referralCode: 'ADA2024', programId: 'program-shoes' },
  { id: 'member-grace', email: 'grace@example.com', referralCode: 'GRACE42', programId: 'program-hats' },
  { id: 'member-alan', email: 'alan@example.com', referralCode: 'ALAN1', programId: 'program-shoes' },
];
const PROGRAMS = [
  { id: 'program-shoes', name: 'shoes', memberOffer: 'a $25 gift card', referralOffer: '15% off your first order' },
  { id: 'program-hats', name: 'hats', memberOffer: null, referralOffer: null },
];
const HAT_RULES = [{ ruleId: 'hat-rule', isEnabled: true, reward: { amountCalculationMethod: 'Fixed', fixedAmount: 10 }, trigger: { referralStatus: 'Approved' } }];

/** A live-mode app over a fake Referral Rock; `override` may answer a call its own way (or make it wait). */
function appOver(override: (url: URL) => Response | Promise<Response> | undefined = () => undefined, env: Record<string, string> = {}) {
  const calls: string[] = [];
  const app = createApp(loadConfig({ REFERRALROCK_API_KEY: 'pub:priv', MEMBER_TOKEN_SECRET: SECRET, ...env }), {
    log: () => {},
    fetch: async (input) => {
      const url = new URL(String(input));
      calls.push(url.pathname + url.search);
      const overridden = override(url);
      if (overridden) return overridden;
      if (url.pathname.endsWith('/members')) return Response.json({ members: MEMBERS.filter((m) => m.email === url.searchParams.get('query')), total: 1 });
      if (url.pathname.endsWith('/memberaccessurls')) return Response.json({ referralCode: 'X', shareUrl: 'https://x.example/r/X' });
      if (url.pathname.endsWith('/getsingle')) return Response.json({ memberShares: 1 });
      if (url.pathname.endsWith('/programs')) return Response.json({ programs: PROGRAMS, offset: 0, total: PROGRAMS.length });
      if (url.pathname.endsWith('/rewardrules')) return Response.json(url.searchParams.get('programId') === 'program-hats' ? HAT_RULES : []);
      return new Response('not found', { status: 404 });
    },
  });
  const me = async (email: string) => {
    const res = await app.request('/v1/me', bearer(await signMemberToken({ email }, SECRET)));
    return { status: res.status, body: (await res.json()) as MeResponse };
  };
  return { me, calls };
}

describe('the offer on GET /v1/me', () => {
  it("is the member's program's own words, or words built from its reward rules", async () => {
    const { me } = appOver();
    assert.deepEqual((await me('ada@example.com')).body.offer, { member: 'a $25 gift card', friend: '15% off your first order' });
    // Words the server built come with their terms, for the widget to word in the member's language.
    assert.deepEqual((await me('grace@example.com')).body.offer, { member: '$10 when a friend is approved', friend: null, terms: [{ for: 'member', kind: 'fixed', amount: 10, currency: 'USD', when: 'approved' }] });
  });

  it("words amounts from rules in the server's CURRENCY (a program has none)", async () => {
    const { me } = appOver(undefined, { CURRENCY: 'EUR' });
    assert.equal((await me('grace@example.com')).body.offer?.member, '€10 when a friend is approved');
  });

  it('is loaded once per program: another member of it, or the same one again, costs no program call', async () => {
    const { me, calls } = appOver();
    await me('ada@example.com');
    await me('alan@example.com');
    await me('ada@example.com');
    assert.equal(calls.filter((c) => c.includes('/programs')).length, 1);
    assert.deepEqual(calls.filter((c) => c.includes('/rewardrules')), ['/api/rewardrules?programId=program-shoes']);
  });

  it('accepts rules wrapped in { rewardRules }, as well as a bare array', async () => {
    const { me } = appOver((url) => (url.pathname.endsWith('/rewardrules') ? Response.json({ rewardRules: HAT_RULES }) : undefined));
    assert.equal((await me('grace@example.com')).body.offer?.member, '$10 when a friend is approved');
  });

  it("is left out, and the member's data still served, when the program cannot be read at all", async () => {
    const { me } = appOver((url) => (/programs|rewardrules/.test(url.pathname) ? new Response('nope', { status: 500 }) : undefined));
    const { status, body } = await me('ada@example.com');
    assert.equal(status, 200);
    assert.equal(body.offer, undefined);
    assert.equal(body.stats.memberShares, 1);
  });

  it('shows hostile program words as one bounded line, and ignores words of the wrong type', async () => {
    const hostile = { id: 'program-shoes', memberOffer: `<script>alert(1)</script>\n${'$'.repeat(10_000)}`, referralOffer: { html: '<b>' } };
    const { me } = appOver((url) => (url.pathname.endsWith('/programs') ? Response.json({ programs: [hostile] }) : undefined));
    const { body } = await me('ada@example.com');
    assert.ok(body.offer!.member!.length <= 160);
    assert.ok(!body.offer!.member!.includes('\n'));
    assert.equal(body.offer!.friend, null);
  });

  it("builds the offer from the member's program's rules only, whatever else upstream sends with them", async () => {
    const foreign = [
      { ruleId: 'shoe-rule', programId: 'program-shoes', isEnabled: true, reward: { amountCalculationMethod: 'Fixed', fixedAmount: 500 }, trigger: { referralStatus: 'Approved' } },
      { ruleId: 'array-rule', programId: ['program-hats'], isEnabled: true, reward: { amountCalculationMethod: 'Fixed', fixedAmount: 400 } },
      { ruleId: 'huge-rule', programId: 'PROGRAM-HATS', isEnabled: true, reward: { amountCalculationMethod: 'Fixed', fixedAmount: 1e300 } },
      { ...HAT_RULES[0], programId: 'program-hats' },
    ];
    const { me } = appOver((url) => (url.pathname.endsWith('/rewardrules') ? Response.json(foreign) : undefined));
    const offer = (await me('grace@example.com')).body.offer!;
    assert.deepEqual(offer, { member: '$10 when a friend is approved', friend: null, terms: [{ for: 'member', kind: 'fixed', amount: 10, currency: 'USD', when: 'approved' }] });
  });

  it('a program that cannot be read (403) costs 2 upstream calls once, then none for a minute: 50 warm loads, no more calls', async () => {
    mock.timers.enable({ apis: ['Date'], now: 1_800_000_000_000 });
    try {
      const { me, calls } = appOver((url) => (/programs|rewardrules/.test(url.pathname) ? new Response('forbidden', { status: 403 }) : undefined));
      const offerCalls = () => calls.filter((c) => /programs|rewardrules/.test(c)).length;
      for (let i = 0; i < 50; i++) {
        const { status, body } = await me('ada@example.com');
        assert.equal(status, 200);
        assert.equal(body.offer, undefined);
      }
      assert.equal(offerCalls(), 2);
      mock.timers.tick(60_000);
      await me('ada@example.com');
      assert.equal(offerCalls(), 4, 'asked again once the minute is over');
    } finally {
      mock.timers.reset();
    }
  });

  it("failing offers (500) open no circuit of the members' own calls: another member's cold load is still served", async () => {
    const { me, calls } = appOver((url) => (/programs|rewardrules/.test(url.pathname) ? new Response('boom', { status: 500 }) : undefined), { BREAKER_THRESHOLD: '2' });
    assert.equal((await me('ada@example.com')).status, 200);
    assert.equal(calls.filter((c) => /programs|rewardrules/.test(c)).length, 2, 'one try each, no retries: a breaker of threshold 2 has seen two failures');
    const grace = await me('grace@example.com');
    assert.equal(grace.status, 200);
    assert.equal(grace.body.stats.memberShares, 1);
    assert.equal((await me('alan@example.com')).status, 200);
  });

  it('an offer that does not answer never holds the load: the member gets links and stats without it, and the offer on a later load', async () => {
    let answerPrograms!: () => void;
    const programsAnswer = new Promise<void>((resolve) => (answerPrograms = resolve));
    const { me } = appOver((url) => {
      if (url.pathname.endsWith('/programs')) return programsAnswer.then(() => Response.json({ programs: PROGRAMS }));
      if (url.pathname.endsWith('/rewardrules')) return programsAnswer.then(() => Response.json([]));
      return undefined;
    });
    const first = await me('ada@example.com');
    assert.equal(first.status, 200);
    assert.equal(first.body.offer, undefined);
    assert.equal(first.body.stats.memberShares, 1);
    answerPrograms();
    assert.deepEqual((await me('ada@example.com')).body.offer, { member: 'a $25 gift card', friend: '15% off your first order' });
  });
});
