import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MemberReferral } from '../types/v1.js';
import { dateFormatterCount } from './date-format.js';
import ar from './i18n/ar.js';
import { en } from './i18n/en.js';
import { $, $$, deepActive, fakeFetch } from './test-support.js';
import { FRIENDS, referralsBackend, type TestViews } from './test-views.js';
import './test-views.js';

const rows = (el: Element) => $$(el, '[part="referral"]').map((r) => r.textContent!.replace(/\s+/g, ' ').trim());

describe('your friends', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  afterEach(() => fetchFake?.restore());

  const views = async (answer: (url: string) => Response | Promise<Response>, attributes = '') => {
    fetchFake = fakeFetch(answer);
    const host = await fixture(html`<div></div>`);
    host.innerHTML = `<test-views ${attributes}></test-views>`;
    const el = host.firstElementChild as TestViews;
    await el.updateComplete;
    return el;
  };
  const openFriends = async (el: Element) => {
    $(el, '[part="friends"] summary').focus();
    await sendKeys({ press: 'Enter' });
  };

  it('loads only when opened (keyboard), then shows each friend with a status and a date', async () => {
    const el = await views(referralsBackend(FRIENDS));
    expect(fetchFake.calls).to.have.length(0);
    await openFriends(el);
    await waitUntil(() => rows(el).length === 4, 'no friends', { timeout: 4000 });
    expect(fetchFake.calls[0]).to.deep.equal({ url: 'https://api.example/v1/me/referrals?offset=0&count=5', authorization: 'Bearer tok' });
    expect(rows(el)).to.deep.equal([
      'S Sam F. Joined Feb 20, 2024 Approved',
      'P Priya K. Joined Mar 5, 2024 Qualified',
      'J Jordan L. Joined Mar 11, 2024 Pending',
      '< <img src=x onerror=alert(1)> Joined Mar 12, 2024 Denied',
    ]);
    expect($(el, '[part="referrals"]').getAttribute('aria-label')).to.equal('Your friends');
    await expect(el).to.be.accessible();
  });

  it('shows a name that looks like markup as text', async () => {
    const el = await views(referralsBackend(FRIENDS));
    await openFriends(el);
    await waitUntil(() => rows(el).length === 4, 'no friends', { timeout: 4000 });
    expect($$(el, '[part="referral"] img')).to.have.length(0);
    expect($$(el, '.name').at(-1)!.textContent).to.equal('<img src=x onerror=alert(1)>');
  });

  it('gives each status its own badge: its word, and colours of its own', async () => {
    const el = await views(referralsBackend(FRIENDS));
    await openFriends(el);
    await waitUntil(() => rows(el).length === 4, 'no friends', { timeout: 4000 });
    const badges = $$(el, '[part="referral-status"]');
    expect(badges.map((b) => b.textContent)).to.deep.equal(['Approved', 'Qualified', 'Pending', 'Denied']);
    const looks = badges.map((b) => `${getComputedStyle(b).color} on ${getComputedStyle(b).backgroundColor}`);
    expect(new Set(looks).size).to.equal(4);
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('pages with "Show more" from the keyboard; focus stays on it, then moves to the first new friend', async () => {
    const many: MemberReferral[] = Array.from({ length: 7 }, (_, i) => ({ name: `Friend ${i + 1}`, status: 'Pending', createDate: '2024-03-11T12:00:00Z' }));
    let release!: () => void;
    let hold = false;
    const el = await views(async (url) => {
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return referralsBackend(many)(url);
    });
    await openFriends(el);
    await waitUntil(() => rows(el).length === 5, 'first page', { timeout: 4000 });
    const more = $<HTMLButtonElement>(el, '[part="friends"] .more');
    expect(more.textContent!.trim()).to.equal('Show more');
    more.focus();
    hold = true;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => more.getAttribute('aria-disabled') === 'true', 'not busy', { timeout: 4000 });
    expect(deepActive()).to.equal(more);
    await sendKeys({ press: 'Enter' }); // a second press while busy asks for nothing more
    release();
    await waitUntil(() => rows(el).length === 7, 'second page', { timeout: 4000 });
    expect(fetchFake.calls.map((c) => c.url)).to.deep.equal([
      'https://api.example/v1/me/referrals?offset=0&count=5',
      'https://api.example/v1/me/referrals?offset=5&count=5',
    ]);
    expect($$(el, '[part="friends"] .more')).to.have.length(0);
    expect(deepActive()?.textContent).to.include('Friend 6');
    await expect(el).to.be.accessible();
  });

  it('words the empty state', async () => {
    const el = await views(referralsBackend([]));
    await openFriends(el);
    await waitUntil(() => $(el, '[part="friends"] .empty'), 'no empty state', { timeout: 4000 });
    expect($(el, '[part="friends"] .empty').textContent).to.equal("No friends yet — share your link and they'll show up here.");
    await expect(el).to.be.accessible();
  });

  it('shows a failure in words for the member, keeps the code for the page, and Retry loads', async () => {
    let fail = true;
    const el = await views((url) =>
      fail ? Response.json({ error: { code: 'upstream_timeout', message: 'Referral Rock did not answer in time.' } }, { status: 504 }) : referralsBackend(FRIENDS)(url),
    );
    await openFriends(el);
    await waitUntil(() => $(el, '[part="friends"] [role="alert"]'), 'no error shown', { timeout: 4000 });
    const alert = $(el, '[part="friends"] [role="alert"]').textContent!;
    expect(alert).to.equal("Your referral details aren't available right now. Please try again in a few minutes.");
    expect(alert).not.to.match(/referral rock|token/i);
    expect(el.lastError).to.deep.equal({ code: 'upstream_timeout', message: 'Referral Rock did not answer in time.', status: 504 });
    await expect(el).to.be.accessible();
    fail = false;
    const retry = $<HTMLButtonElement>(el, '[part="friends"] .more');
    expect(retry.textContent!.trim()).to.equal('Retry');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 4, 'retry did not load', { timeout: 4000 });
  });

  it('speaks Arabic, right to left, with dates the Arabic way, and builds one date formatter per language', async () => {
    const el = await views(referralsBackend(FRIENDS), 'lang="ar"');
    el.catalog = ar;
    await openFriends(el);
    await waitUntil(() => rows(el).length === 4, 'no friends', { timeout: 4000 });
    const expected = new Intl.DateTimeFormat('ar', { dateStyle: 'medium' }).format(Date.parse('2024-02-20T10:00:00Z'));
    expect(rows(el)[0]).to.include(`انضم في ${expected}`);
    expect($(el, '[part="referral-status"]').textContent).to.equal('معتمد');
    expect(getComputedStyle($(el, '[part="referral"]')).direction).to.equal('rtl');
    const formatters = dateFormatterCount();
    el.requestUpdate();
    await el.updateComplete;
    expect(dateFormatterCount()).to.equal(formatters);
    await expect(el).to.be.accessible();
  });

  it('names a friend the backend sent no name for (their name fields held only contact details) "A friend", in the member’s language', async () => {
    const unnamed: MemberReferral[] = [{ name: '', status: 'Pending', createDate: '2024-03-11T12:00:00Z' }, FRIENDS[0]!];
    const el = await views(referralsBackend(unnamed));
    await openFriends(el);
    await waitUntil(() => rows(el).length === 2, 'no friends', { timeout: 4000 });
    expect($$(el, '.name').map((name) => name.textContent)).to.deep.equal(['A friend', 'Sam F.']);
    expect($(el, '.name').getAttribute('title')).to.equal('A friend');
    await expect(el).to.be.accessible();

    const arabic = await views(referralsBackend(unnamed), 'lang="ar"');
    arabic.catalog = ar;
    await openFriends(arabic);
    await waitUntil(() => rows(arabic).length === 2, 'no friends', { timeout: 4000 });
    expect($(arabic, '.name').textContent).to.equal(ar.referralUnnamed);
  });

  describe('a friend’s row', () => {
    const LONG_NAME = 'Maximiliana Fitzgerald-Oyelaran';
    const friends: MemberReferral[] = [
      { name: 'Caroline H.', status: 'Pending', createDate: '2026-11-27T10:00:00Z' },
      { name: 'Sam F.', status: 'Approved', createDate: '2026-10-11T10:00:00Z' },
      { name: LONG_NAME, status: 'Qualified', createDate: '2026-10-26T10:00:00Z' },
    ];
    /** The friends list open in a card `width` px wide (246: the demo page's card on a 320 px phone). */
    const openIn = async (width: number, lang: 'en' | 'ar') => {
      fetchFake = fakeFetch(referralsBackend(friends));
      const page = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"><test-views lang=${lang} .catalog=${lang === 'ar' ? ar : en}></test-views></div>`);
      const el = page.firstElementChild as TestViews;
      await el.updateComplete;
      await openFriends(el);
      await waitUntil(() => rows(el).length === 3, 'no friends', { timeout: 4000 });
      return el;
    };
    /** The boxes of what a member sees of one row: its name's text, its badge, the row. */
    const boxes = (row: Element) => {
      const name = row.querySelector('.name')!;
      const range = document.createRange();
      range.selectNodeContents(name);
      return {
        nameLines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size,
        name: name.getBoundingClientRect(),
        badge: row.querySelector('[part="referral-status"]')!.getBoundingClientRect(),
        row: row.getBoundingClientRect(),
      };
    };
    const inside = (inner: DOMRect, outer: DOMRect) => inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;

    for (const lang of ['en', 'ar'] as const) {
      it(`keeps each name on one line with its badge under it, on a 320 px phone (${lang})`, async () => {
        const el = await openIn(246, lang);
        for (const row of $$(el, '[part="referral"]')) {
          const { nameLines, name, badge, row: box } = boxes(row);
          const who = row.querySelector('.name')!.textContent;
          expect(nameLines, `${who}: one line`).to.equal(1);
          expect(inside(name, box) && inside(badge, box), `${who}: name and badge inside the row`).to.equal(true);
          expect(badge.top, `${who}: badge under the name`).to.be.at.least(name.bottom - 0.5);
        }
        await expect(el).to.be.accessible();
      });

      it(`keeps each name on one line with its badge beside it, in a wide card (${lang})`, async () => {
        const el = await openIn(512, lang);
        for (const row of $$(el, '[part="referral"]')) {
          const { nameLines, name, badge, row: box } = boxes(row);
          const who = row.querySelector('.name')!.textContent;
          expect(nameLines, `${who}: one line`).to.equal(1);
          expect(inside(name, box) && inside(badge, box), `${who}: name and badge inside the row`).to.equal(true);
          expect(badge.top < name.bottom && badge.bottom > name.top, `${who}: badge beside the name`).to.equal(true);
        }
      });
    }

    it('shows a short name whole, and cuts only a name too long for the row, with an ellipsis and the whole name as its title', async () => {
      const el = await openIn(246, 'en');
      const [caroline, sam, long] = $$(el, '[part="referral"] .name');
      for (const whole of [caroline!, sam!]) expect(whole.scrollWidth, whole.textContent!).to.be.at.most(whole.clientWidth);
      expect(long!.scrollWidth).to.be.above(long!.clientWidth);
      expect(getComputedStyle(long!).textOverflow).to.equal('ellipsis');
      expect(long!.title).to.equal(LONG_NAME);
      expect(long!.textContent).to.equal(LONG_NAME); // read out whole
    });
  });
});
