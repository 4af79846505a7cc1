import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { MeResponse, MemberReferral } from '../types/v1.js';
import type { ReferralShareElement } from './referral-share.js';
import './define.js';
import { $, $$, deepActive, fakeFetch, loaded, ME, shadow, stubNavigator, text } from './test-support.js';

const OFFERED: MeResponse = { ...ME, offer: { member: 'a $25 gift card', friend: '15% off your first order' } };
const SEVEN_FRIENDS: MemberReferral[] = Array.from({ length: 7 }, (_, i) => ({
  name: i === 0 ? '<img src=x onerror=alert(1)>' : `Friend ${i}`,
  status: (['Pending', 'Qualified', 'Approved', 'Denied'] as const)[i % 4]!,
  createDate: `2026-0${(i % 9) + 1}-10T10:00:00Z`,
}));

/** /v1/me with `me`; /v1/me/referrals with pages of `friends`. */
const backend = (me: MeResponse, friends: MemberReferral[] = SEVEN_FRIENDS) => (url: string) => {
  const parsed = new URL(url);
  if (parsed.pathname.endsWith('/v1/me/referrals')) {
    const offset = Number(parsed.searchParams.get('offset'));
    const count = Number(parsed.searchParams.get('count'));
    return Response.json({ referrals: friends.slice(offset, offset + count), offset, total: friends.length });
  }
  return Response.json(me);
};

/** The element, loaded, with the card's extras (icons, later styles) in. */
async function card(me: MeResponse, attributes = '', width = '') {
  const host = await fixture<HTMLDivElement>(html`<div style=${width ? `width:${width}` : ''}></div>`);
  host.innerHTML = `<referral-share endpoint="https://api.example" token="t" ${attributes}></referral-share>`;
  const el = host.firstElementChild as ReferralShareElement;
  await loaded(el);
  await waitUntil(() => shadow(el).querySelector('[part="channel"] .icon'), 'icons never came', { timeout: 4000 });
  return el;
}

describe('the card: offer, channels with icons, rewards and friends', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  afterEach(async () => {
    fetchFake?.restore();
    await setViewport({ width: 800, height: 600 });
  });

  it('leads with the offer, shows the code on its own with a Copy of its own, and is accessible', async () => {
    fetchFake = fakeFetch(backend(OFFERED));
    const el = await card(OFFERED);
    const parts = $$(el, '[part="card"] > *, [part="card"] > slot > *').map((node) => node.getAttribute('part') ?? node.className);
    expect(parts.indexOf('offer')).to.be.lessThan(parts.indexOf('link-row'));
    expect($(el, '[part="offer"]').textContent!.replace(/[\u2068\u2069]/g, '')).to.equal('You get a $25 gift card · Your friend gets 15% off your first order');
    expect($(el, '[part="code"] .code').textContent).to.equal('ADA2024');
    let copiedText = '';
    const restore = stubNavigator('clipboard', { writeText: async (value: string) => void (copiedText = value) });
    try {
      const copied = oneEvent(el, 'referral-share-copy');
      $(el, '[part="code-copy"]').click();
      expect((await copied).detail).to.deep.equal({ url: 'https://rr.example/r/ADA2024', code: 'ADA2024' });
      expect(copiedText).to.equal('ADA2024');
    } finally {
      restore();
    }
    await expect(el).to.be.accessible();
  });

  it('keeps the Copy button the same width when it says "Copied", in every language tried', async () => {
    for (const lang of ['en', 'de', 'ar']) {
      fetchFake?.restore();
      fetchFake = fakeFetch(backend(OFFERED));
      const el = await card(OFFERED, `lang="${lang}"`, '320px');
      await waitUntil(() => $(el, '[part="base"]').getAttribute('lang') === lang, 'language never loaded', { timeout: 4000 });
      const restore = stubNavigator('clipboard', { writeText: async () => {} });
      try {
        const button = $(el, '[part="copy-button"]');
        const field = $(el, '[part="link"]');
        const before = [button.getBoundingClientRect().width, field.getBoundingClientRect().width];
        button.click();
        await waitUntil(() => $(el, '[part="tooltip"]'), 'never copied');
        expect(button.textContent).not.to.equal(el.strings.copy ?? 'Copy');
        expect([button.getBoundingClientRect().width, field.getBoundingClientRect().width], lang).to.deep.equal(before);
      } finally {
        restore();
      }
    }
  });

  it('shows the link without its scheme, so a phone-wide field shows the part that differs', async () => {
    fetchFake = fakeFetch(backend(OFFERED));
    const el = await card(OFFERED, '', '343px');
    expect($<HTMLInputElement>(el, '[part="link"]').value).to.equal('rr.example/r/ADA2024');
  });

  for (const width of ['240px', '300px', '360px', '420px', '512px']) {
    it(`lays the stats out with no cell alone on a row and no number broken, ${width} wide`, async () => {
      const big = { ...ME, stats: { ...ME.stats, memberViews: 12345678, rewardsPendingAmount: 1234567.5 } };
      fetchFake = fakeFetch(backend(big));
      const el = await card(big, 'lang="ar"', width);
      await waitUntil(() => $(el, '[part="base"]').getAttribute('lang') === 'ar', 'no Arabic', { timeout: 4000 });
      const list = $(el, '[part="stats"]').getBoundingClientRect();
      const cells = $$(el, '[part="stats"] > div').map((cell) => cell.getBoundingClientRect());
      const rows = new Map<number, DOMRect[]>();
      for (const cell of cells) rows.set(Math.round(cell.top), [...(rows.get(Math.round(cell.top)) ?? []), cell]);
      for (const row of rows.values()) {
        // Every row is filled from edge to edge (right to left here).
        expect(Math.min(...row.map((c) => c.left)), 'row starts at the edge').to.be.closeTo(list.left, 1);
        expect(Math.max(...row.map((c) => c.right)), 'row ends at the edge').to.be.closeTo(list.right, 1);
      }
      for (const value of $$(el, '[part="stats"] dd')) expect(value.getClientRects().length, value.textContent!).to.equal(1);
      for (const label of $$(el, '[part="stats"] dt')) expect(label.scrollWidth, label.textContent!).to.be.at.most(label.clientWidth + 1);
    });
  }

  it('names the period over the stats when it is not all time', async () => {
    const month = { ...ME, timePeriod: 'Last30Days' as const };
    fetchFake = fakeFetch(backend(month));
    const el = await card(month, 'time-period="Last30Days"');
    expect($(el, '.period').textContent).to.equal('Last 30 days');
    expect($(el, '[part="stats"]').getAttribute('aria-label')).to.equal('Your stats · Last 30 days');
  });

  it('leaves out a stat Referral Rock did not send, rather than showing it as 0', async () => {
    const { referralsApproved: _missing, ...sent } = ME.stats;
    const partial: MeResponse = { ...ME, stats: sent };
    fetchFake = fakeFetch(backend(partial));
    const el = await card(partial);
    const labels = $$(el, '[part="stats"] dt').map((label) => label.textContent);
    expect(labels).to.have.length(6);
    expect(labels).not.to.include('Referrals approved');
    expect(labels).to.include('Shares');
  });

  it('nudges a member with no activity yet instead of showing seven zeros', async () => {
    const quiet: MeResponse = { ...OFFERED, stats: { memberShares: 0, memberViews: 0, referralsPending: 0, referralsQualified: 0, referralsApproved: 0, rewardsPendingAmount: 0, rewardsIssuedAmount: 0 } };
    fetchFake = fakeFetch(backend(quiet, []));
    const el = await card(quiet);
    expect(shadow(el).querySelector('[part="stats"]')).to.equal(null);
    expect($(el, '[part="nudge"]').textContent).to.equal('Send your link to one friend to get started — it only takes a moment.');
    $(el, '[part="friends"] summary').click();
    await waitUntil(() => shadow(el).querySelector('[part="friends"] .empty'), 'no empty state');
    expect($(el, '[part="friends"] .empty').textContent).to.equal("No friends yet — share your link and they'll show up here.");
    await expect(el).to.be.accessible();
  });

  it('opens "Your friends" from the keyboard, loads it then, pages with Show more and keeps names as text', async () => {
    fetchFake = fakeFetch(backend(OFFERED));
    const el = await card(OFFERED);
    expect(fetchFake.calls.some((call) => call.url.includes('/referrals'))).to.equal(false);
    $(el, '[part="friends"] summary').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '[part="referral"]').length === 5, 'no first page', { timeout: 4000 });
    expect(fetchFake.calls.filter((call) => call.url.includes('/referrals')).map((call) => [call.url, call.authorization])).to.deep.equal([
      ['https://api.example/v1/me/referrals?offset=0&count=5', 'Bearer t'],
    ]);
    const first = $(el, '[part="referral"]');
    expect(first.querySelector('.name')!.textContent).to.equal('<img src=x onerror=alert(1)>');
    expect(shadow(el).querySelector('[part="referral"] img')).to.equal(null);
    expect(first.querySelector('[part="referral-status"]')!.textContent!.trim()).to.equal('Pending');
    await expect(el).to.be.accessible();
    const more = $(el, '[part="friends"] .more');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '[part="referral"]').length === 7, 'no second page', { timeout: 4000 });
    // The last page: "Show more" is gone, focus is on the first friend it added.
    expect(shadow(el).querySelector('[part="friends"] .more')).to.equal(null);
    expect(deepActive()).to.equal($$(el, '[part="referral"]')[5]);
  });

  it('writes every failure for the member, never naming the vendor or tokens; the event keeps the code', async () => {
    for (const [code, status, sentence] of [
      ['upstream_timeout', 504, "Your referral details aren't available right now."],
      ['invalid_token', 401, "We couldn't confirm it's you."],
      ['member_not_found', 404, "We couldn't find your referral account yet."],
    ] as const) {
      fetchFake?.restore();
      fetchFake = fakeFetch(() => Response.json({ error: { code, message: 'Referral Rock said no to the token.' } }, { status }));
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = document.createElement('referral-share');
      const errored = oneEvent(el, 'referral-share-error');
      el.endpoint = 'https://api.example';
      el.token = 't';
      host.append(el);
      expect((await errored).detail.code).to.equal(code);
      await loaded(el);
      expect(text(el)).to.include(sentence);
      expect(text(el)).not.to.match(/referral rock|token/i);
      await expect(el).to.be.accessible();
    }
  });
});
