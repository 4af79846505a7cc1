import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import './define.js';
import type { ReferralShareElement } from './referral-share.js';
import type { MeResponse } from '../types/v1.js';
import { $, $$, backend, engine, fakeFetch, holdTimers, loaded, ME } from './test-support.js';

const background = (el: Element) => getComputedStyle($(el, '[part="card"]')).backgroundColor;

describe('look and feel', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  let emulatesMedia = false;
  before(async () => ({ emulatesMedia } = await engine()));
  beforeEach(() => (fetchFake = fakeFetch(backend())));
  afterEach(async () => {
    fetchFake.restore();
    if (emulatesMedia) await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('has a dark theme with enough contrast, in the page and in the popover', async () => {
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t" theme="dark"></referral-share>`);
    await loaded(el);
    expect(background(el)).to.equal('rgb(17, 24, 39)');
    await expect(el).to.be.accessible();
    el.layout = 'button';
    await el.updateComplete;
    $(el, '[part="open-button"]').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('writes no attribute the page did not set: theme and layout set as properties still style it', async () => {
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
    await loaded(el);
    expect(el.getAttributeNames()).to.deep.equal(['endpoint', 'token']);
    el.theme = 'dark';
    el.layout = 'button';
    await el.updateComplete;
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expect(getComputedStyle(el).display).to.equal('inline-block');
    expect(el.getAttributeNames()).to.deep.equal(['endpoint', 'token']);
  });

  // The states of the screenshots besides the loaded card, in the dark theme and in Arabic.
  const QUIET: MeResponse = { ...ME, stats: { memberShares: 0, memberViews: 0, referralsPending: 0, referralsQualified: 0, referralsApproved: 0, rewardsPendingAmount: 0, rewardsIssuedAmount: 0 } };
  const states = {
    loading: { answer: () => new Promise<Response>(() => {}), shown: '[part="card"][aria-busy="true"] .skeleton' },
    'error with Retry': { answer: () => Promise.reject(new TypeError('Failed to fetch')), shown: '[part="error"] button' },
    'no activity yet (the nudge)': { answer: () => Promise.resolve(Response.json(QUIET)), shown: '[part="nudge"]' },
  };
  for (const [state, { answer, shown }] of Object.entries(states)) {
    for (const lang of ['en', 'ar']) {
      it(`is accessible in the dark theme while ${state}, in ${lang}`, async () => {
        fetchFake.restore();
        fetchFake = fakeFetch(answer);
        const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t" theme="dark" lang=${lang}></referral-share>`);
        await waitUntil(() => $(el, `[part="base"][lang="${lang}"]`) && $(el, shown), `never showed ${state}`, { timeout: 4000 });
        expect(background(el)).to.equal('rgb(17, 24, 39)');
        await expect(el).to.be.accessible();
      });
    }
  }

  it('follows prefers-color-scheme with theme="auto"', async function () {
    // Skipped in Firefox and WebKit: neither WebDriver BiDi nor WebDriver classic emulates media features.
    if (!emulatesMedia) this.skip();
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t" theme="auto"></referral-share>`);
    await loaded(el);
    expect(background(el)).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(el)).to.equal('rgb(17, 24, 39)');
  });

  it('lets the page restyle it through custom properties and parts', async () => {
    const wrapper = await fixture(html`<div>
      <style>
        .branded { --referral-share-accent: rgb(0, 100, 0); --referral-share-radius: 0px; }
        .branded::part(card) { border-width: 3px; }
      </style>
      <referral-share class="branded" endpoint="https://api.example" token="t"></referral-share>
    </div>`);
    const el = wrapper.querySelector('referral-share')!;
    await loaded(el);
    const copy = getComputedStyle($(el, '[part="copy-button"]'));
    expect(copy.backgroundColor).to.equal('rgb(0, 100, 0)');
    expect(getComputedStyle($(el, '[part="card"]')).borderTopWidth).to.equal('3px');
    expect(getComputedStyle($(el, '[part="card"]')).borderTopLeftRadius).to.equal('0px');
  });

  it('stops the skeleton pulsing under prefers-reduced-motion', async function () {
    // Skipped in Firefox and WebKit: neither WebDriver BiDi nor WebDriver classic emulates media features.
    if (!emulatesMedia) this.skip();
    fetchFake.restore();
    fetchFake = fakeFetch(() => new Promise(() => {}));
    const timers = holdTimers(1000);
    try {
      const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
      // Still for the load's first second (a faster answer never animates), then pulsing.
      expect(getComputedStyle($(el, '.skeleton')).animationName).to.equal('none');
      expect(timers.delays()).to.deep.equal([1000]);
      timers.runHeld();
      await el.updateComplete;
      expect(getComputedStyle($(el, '.skeleton')).animationName).to.equal('pulse');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle($(el, '.skeleton')).animationName).to.equal('none');
    } finally {
      timers.restore();
    }
  });

  it('lines up the numbers of a row of stats when one label wraps and the other does not', async () => {
    // Two stats a row at 360 px; German labels such as "Empfehlungen bestätigt" take two lines there.
    const wrapper = await fixture(html`<div style="width:360px"><referral-share endpoint="https://api.example" token="t" lang="de"></referral-share></div>`);
    const el = wrapper.firstElementChild!;
    await waitUntil(() => $(el, '[part="heading"]')?.textContent === 'Teilen und verdienen, Ada', 'no German', { timeout: 4000 });
    await loaded(el); // the numbers follow the heading a task later
    const rows = new Map<number, Array<{ label: number; number: number }>>();
    for (const stat of $$(el, '[part="stats"] > div')) {
      const row = Math.round(stat.getBoundingClientRect().top);
      // The label's text (the dt holds two lines however short its text).
      const range = document.createRange();
      range.selectNodeContents(stat.querySelector('dt')!);
      const label = range.getBoundingClientRect().height;
      const number = stat.querySelector('dd')!.getBoundingClientRect().top;
      rows.set(row, [...(rows.get(row) ?? []), { label, number }]);
    }
    const mixed = [...rows.values()].filter((stats) => new Set(stats.map((s) => Math.round(s.label))).size > 1);
    expect(mixed, 'a row where one label wraps and another does not').to.not.be.empty;
    for (const stats of rows.values()) {
      for (const { number } of stats) expect(number).to.be.closeTo(stats[0]!.number, 0.5);
    }
  });

  it('fits a 280 px column: long names and URLs wrap, nothing overflows', async () => {
    fetchFake.restore();
    const long = 'https://rr.example/r/' + 'VERYLONGREFERRALCODE'.repeat(6);
    fetchFake = fakeFetch(backend({ member: { name: 'Maximilian Alexander Wolfeschlegelsteinhausenbergerdorff', referralCode: 'X' }, links: { shareUrl: long }, stats: { memberShares: 3 }, timePeriod: 'All' }));
    const wrapper = await fixture(html`<div style="width:280px"><referral-share endpoint="https://api.example" token="t"></referral-share></div>`);
    const el = wrapper.firstElementChild!;
    await loaded(el);
    const card = $(el, '[part="card"]');
    expect(card.getBoundingClientRect().width).to.be.at.most(280);
    expect(card.scrollWidth).to.be.at.most(card.clientWidth);
    for (const part of ['heading', 'channels', 'stats']) {
      const rect = $(el, `[part="${part}"]`).getBoundingClientRect();
      expect(rect.right, part).to.be.at.most(card.getBoundingClientRect().right);
    }
  });
});
