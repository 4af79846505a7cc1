import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { ReferralShareShareDetail } from './events.js';
import type { ReferralShareElement } from './referral-share.js';
import { $, $$, backend, deepActive, fakeFetch, has, loaded, ME, stubNavigator, text } from './test-support.js';

const channelsOf = (el: Element) => $$(el, '[part="channel"]').map((c) => c.dataset.channel);

describe('sharing', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  afterEach(() => fetchFake?.restore());

  const widget = async (attributes = '', me = ME) => {
    fetchFake = fakeFetch(backend(me));
    const el = await fixture<ReferralShareElement>(html`<div></div>`).then(async (host) => {
      host.innerHTML = `<referral-share endpoint="https://api.example" token="t" ${attributes}></referral-share>`;
      return host.firstElementChild as ReferralShareElement;
    });
    await loaded(el);
    return el;
  };

  it('shows every available channel by default, in order, with Referral Rock links where returned', async () => {
    const el = await widget();
    // No native share on desktop Linux Chromium; no Messenger link without Referral Rock's.
    expect(channelsOf(el)).to.deep.equal(['email', 'sms', 'whatsapp', 'facebook', 'x', 'linkedin', 'telegram', 'qr']);
    const href = (channel: string) => $(el, `[data-channel="${channel}"]`).getAttribute('href');
    expect(href('email')).to.equal('https://rr.example/s/ADA2024/email');
    expect(href('sms')).to.match(/^sms:\?&body=Join%20me/);
    expect(href('whatsapp')).to.match(/^https:\/\/wa\.me\/\?text=/);
    expect($(el, '[data-channel="x"]').getAttribute('rel')).to.equal('noopener noreferrer');
    // Web links open a tab; mailto: and sms: hand over to an app and must not leave a blank tab.
    expect($(el, '[data-channel="x"]').getAttribute('target')).to.equal('_blank');
    expect($(el, '[data-channel="sms"]').hasAttribute('target')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('takes the channels attribute as choice and order, and the message attribute as share text', async () => {
    const el = await widget('channels="telegram sms copy" message="Try Acme, on me: {url} (ends soon)"');
    expect(channelsOf(el)).to.deep.equal(['telegram', 'sms']);
    expect(has(el, '[part="copy-button"]'), '[part="copy-button"]').to.equal(true);
    expect($(el, '[data-channel="sms"]').getAttribute('href')).to.equal(
      `sms:?&body=${encodeURIComponent('Try Acme, on me: https://rr.example/r/ADA2024 (ends soon)')}`,
    );
    // Telegram shows the link on its own: the text goes without it, and without the colon before it.
    expect($(el, '[data-channel="telegram"]').getAttribute('href')).to.equal(
      `https://t.me/share/url?url=${encodeURIComponent('https://rr.example/r/ADA2024')}&text=${encodeURIComponent('Try Acme, on me (ends soon)')}`,
    );
    const noCopy = await widget('channels="x"');
    expect(has(noCopy, '[part="copy-button"]'), '[part="copy-button"]').to.equal(false);
    expect(has(noCopy, '[part="link"]'), '[part="link"]').to.equal(true);
  });

  it('emits referral-share-share with channel and URL when a channel link is followed', async () => {
    const el = await widget();
    el.addEventListener('click', (e) => e.preventDefault(), { once: true }); // stay on the test page
    const shared = oneEvent(el, 'referral-share-share');
    $(el, '[data-channel="whatsapp"]').click();
    const { detail } = (await shared) as CustomEvent<ReferralShareShareDetail>;
    expect(detail.channel).to.equal('whatsapp');
    expect(detail.url).to.equal($(el, '[data-channel="whatsapp"]').getAttribute('href'));
  });

  it('offers native share only where navigator.share exists, and emits after the sheet completes', async () => {
    const calls: ShareData[] = [];
    const restore = stubNavigator('share', async (data: ShareData) => void calls.push(data));
    try {
      const el = await widget();
      expect(channelsOf(el)[0]).to.equal('native');
      const shared = oneEvent(el, 'referral-share-share');
      $(el, '[data-channel="native"]').click();
      expect((await shared).detail).to.deep.equal({ channel: 'native', url: 'https://rr.example/r/ADA2024' });
      expect(calls[0]).to.deep.include({ url: 'https://rr.example/r/ADA2024', text: 'Join me and get a reward: https://rr.example/r/ADA2024' });
    } finally {
      restore();
    }
  });

  it('does not emit when the native share sheet is cancelled', async () => {
    let cancelled: Promise<never> | undefined;
    const restore = stubNavigator('share', () => (cancelled = Promise.reject(new DOMException('cancelled', 'AbortError'))));
    try {
      const el = await widget();
      let events = 0;
      el.addEventListener('referral-share-share', () => events++);
      $(el, '[data-channel="native"]').click();
      // The widget's own handler of the cancellation was attached first, so it has run by now.
      await cancelled!.catch(() => {});
      expect(events).to.equal(0);
    } finally {
      restore();
    }
  });

  it('shows the QR code of the share URL as SVG on demand, keyboard first, and downloads it as PNG', async () => {
    const el = await widget();
    expect(has(el, '[part="qr"]'), '[part="qr"]').to.equal(false);
    const toggle = $(el, '[data-channel="qr"]');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part="qr"] svg path'), 'no QR code', { timeout: 4000 });
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const svg = $(el, '[part="qr"] svg');
    expect(svg.getAttribute('aria-label')).to.equal('QR code of your referral link');
    const size = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    expect(size).to.be.within(25, 45); // version 2–4 with its quiet zone
    expect($(el, '[part="qr"] path').getAttribute('d')).to.match(/^M\d+ \d+h\d+v1H\d+z/);
    await expect(el).to.be.accessible();

    const originalCreate = URL.createObjectURL;
    let png: Blob | undefined;
    URL.createObjectURL = (blob) => ((png = blob as Blob), 'about:blank');
    const originalClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {}; // no real download in the test
    try {
      const shared = oneEvent(el, 'referral-share-share');
      $(el, '[part="qr"] button').click();
      expect((await shared).detail).to.deep.equal({ channel: 'qr', url: 'https://rr.example/r/ADA2024' });
      expect(png!.type).to.equal('image/png');
      const bitmap = await createImageBitmap(png!);
      expect(bitmap.width).to.equal(size * 10);
    } finally {
      URL.createObjectURL = originalCreate;
      HTMLAnchorElement.prototype.click = originalClick;
    }
    await sendKeys({ press: 'Enter' }); // focus is still on the toggle: closes the panel
    await el.updateComplete;
    expect(has(el, '[part="qr"]'), '[part="qr"]').to.equal(false);
    expect(deepActive() === toggle, 'focus should be on ' + toggle.getAttribute('part')).to.equal(true);
  });

  it('works from the keyboard alone: Tab reaches every control in order, Enter copies', async () => {
    const written: string[] = [];
    const restore = stubNavigator('clipboard', { writeText: async (t: string) => void written.push(t) });
    try {
      const el = await widget('channels="copy email x qr"');
      const before = document.createElement('button');
      el.before(before);
      before.focus();
      const order: string[] = [];
      for (let i = 0; i < 7; i++) {
        await sendKeys({ press: 'Tab' });
        const active = deepActive() as HTMLElement;
        order.push(active.dataset.channel ?? active.getAttribute('part') ?? active.localName);
      }
      expect(order).to.deep.equal(['link', 'copy-button', 'code-copy', 'email', 'x', 'qr', 'summary']);
      for (let i = 0; i < 5; i++) await sendKeys({ press: 'Shift+Tab' });
      const copied = oneEvent(el, 'referral-share-copy');
      await sendKeys({ press: 'Enter' });
      await copied;
      expect(written).to.deep.equal(['https://rr.example/r/ADA2024']);
      before.remove();
    } finally {
      restore();
    }
  });

  it('emits nothing on programmatic changes; load once per load', async () => {
    const el = await widget();
    const seen: string[] = [];
    for (const type of ['referral-share-load', 'referral-share-error', 'referral-share-copy', 'referral-share-share']) {
      el.addEventListener(type, (e) => seen.push(`${e.type}${(e as Event).bubbles && (e as Event).composed ? '' : ' (not bubbling+composed)'}`));
    }
    el.layout = 'button';
    el.theme = 'dark';
    el.lang = 'fr';
    el.channels = 'x';
    el.message = 'Hi {url}';
    el.strings = { copy: 'Copier le lien' };
    // The last change to land is the French catalog, loaded on demand.
    await waitUntil(() => $(el, '[part="heading"]')?.textContent === 'Partagez et gagnez, Ada', 'no French', { timeout: 4000 });
    expect(seen).to.deep.equal([]);
    el.timePeriod = 'LastMonth';
    await waitUntil(() => seen.length === 1);
    expect(seen).to.deep.equal(['referral-share-load']);
  });

  it('leaves out the QR code, stats or rewards named in hide', async () => {
    const el = await widget('hide="qr stats"');
    expect(channelsOf(el)).not.to.include('qr');
    expect(has(el, '[part="stats"]'), '[part="stats"]').to.equal(false);
    expect(has(el, '[part="rewards"]'), '[part="rewards"]').to.equal(true);
    const noRewards = await widget('hide="rewards"');
    expect(has(noRewards, '[part="rewards"]'), '[part="rewards"]').to.equal(false);
    expect(has(noRewards, '[part="stats"]'), '[part="stats"]').to.equal(true);
  });

  it('renders upstream text as text and drops unsafe links', async () => {
    const el = await widget('', {
      ...ME,
      member: { name: '<img src=x onerror=alert(1)>', referralCode: 'X' },
      links: { shareUrl: 'https://rr.example/r/X', facebookShareUrl: 'javascript:alert(1)', linkedInShareUrl: 'data:text/html,<b>x</b>' },
    });
    expect(has(el, 'img'), 'img').to.equal(false);
    expect(text(el)).to.include('Share and earn, <img src=x onerror=alert(1)>');
    expect(channelsOf(el)).not.to.include('facebook');
    expect(channelsOf(el)).not.to.include('linkedin');
    for (const a of $$(el, 'a')) expect(a.getAttribute('href')).to.match(/^(https?|mailto|sms):/);
  });

  it('anchors the "Link copied" tooltip above the Copy button', async () => {
    const restore = stubNavigator('clipboard', { writeText: async () => {} });
    try {
      const el = await widget();
      $(el, '[part="copy-button"]').click();
      await waitUntil(() => $(el, '[part="tooltip"]'), 'no tooltip', { timeout: 4000 });
      const tooltip = $(el, '[part="tooltip"]');
      expect(tooltip.textContent).to.equal('Link copied');
      const button = $(el, '[part="copy-button"]').getBoundingClientRect();
      await waitUntil(() => Math.abs(tooltip.getBoundingClientRect().bottom - (button.top - 6)) < 1, 'tooltip not above the button', { timeout: 4000 });
      const tip = tooltip.getBoundingClientRect();
      expect(tip.left + tip.width / 2).to.be.closeTo(button.left + button.width / 2, 1);
    } finally {
      restore();
    }
  });
});
