import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ICON_PATHS } from './channel-icons.js';
import { CHANNELS, type Channel } from './channels.js';
import ar from './i18n/ar.js';
import { $, $$, deepActive } from './test-support.js';
import type { TestViews } from './test-views.js';
import './test-views.js';

const CHOSEN: Array<{ channel: Channel; url?: string }> = [
  { channel: 'copy' },
  { channel: 'email', url: 'mailto:?body=hi' },
  { channel: 'sms', url: 'sms:?&body=hi' },
  { channel: 'whatsapp', url: 'https://wa.me/?text=hi' },
  { channel: 'facebook', url: 'https://www.facebook.com/sharer/sharer.php?u=x' },
  { channel: 'messenger', url: 'https://rr.example/s/messenger' },
  { channel: 'x', url: 'https://x.com/intent/tweet?text=hi' },
  { channel: 'linkedin', url: 'https://www.linkedin.com/sharing/share-offsite/?url=x' },
  { channel: 'telegram', url: 'https://t.me/share/url?url=x' },
  { channel: 'native' },
  { channel: 'qr' },
];

const inWidth = (width: number, icons = true) =>
  fixture<TestViews>(html`<div style="width: ${width}px"><test-views .channels=${CHOSEN} .icons=${icons}></test-views></div>`).then(async (box) => {
    const el = box.firstElementChild as TestViews;
    await el.updateComplete;
    return el;
  });
const labels = (el: Element) => $$(el, '[part="channel"] .label');
const shown = (label: Element) => label.getBoundingClientRect().width > 1;

describe('channel buttons', () => {
  it('has a path for every channel, from the icon sets', () => {
    for (const channel of CHANNELS) expect(ICON_PATHS[channel], channel).to.match(/^M[\d.\s-]/);
  });

  it('shows icon and name in a wide card', async () => {
    const el = await inWidth(640);
    const channels = $$(el, '[part="channel"]');
    expect(channels.map((c) => c.dataset.channel)).to.deep.equal(['email', 'sms', 'whatsapp', 'facebook', 'messenger', 'x', 'linkedin', 'telegram', 'native', 'qr']);
    expect(channels.every((c) => c.querySelector('svg[aria-hidden="true"] path'))).to.equal(true);
    expect(labels(el).every(shown)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('becomes a tidy grid of named icons at 320 px: every button 44 px, nothing overflows', async () => {
    const el = await inWidth(320);
    expect(labels(el).some(shown)).to.equal(false);
    const list = $(el, '[part="channels"]').getBoundingClientRect();
    for (const channel of $$(el, '[part="channel"]')) {
      const box = channel.getBoundingClientRect();
      expect(box.width, channel.dataset.channel).to.equal(44);
      expect(box.height, channel.dataset.channel).to.be.at.least(44);
      expect(box.right).to.be.at.most(list.right + 0.5);
      expect(box.left).to.be.at.least(list.left - 0.5);
    }
    // Each keeps its name for assistive technology (axe checks links and buttons have one).
    expect($(el, '[data-channel="whatsapp"]').textContent!.trim()).to.equal('WhatsApp');
    await expect(el).to.be.accessible();
    el.catalog = ar;
    el.lang = 'ar';
    await el.updateComplete;
    expect($(el, '[data-channel="email"]').textContent!.trim()).to.equal('البريد الإلكتروني');
    await expect(el).to.be.accessible();
  });

  it('shows names in every width until the icons have loaded', async () => {
    const el = await inWidth(320, false);
    expect(labels(el).every(shown)).to.equal(true);
    expect($$(el, '[part="channel"] svg')).to.have.length(0);
  });

  it('works from the keyboard: Tab reaches each, Enter opens the QR panel', async () => {
    const el = await inWidth(320);
    $(el, '[data-channel="telegram"]').focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    const qr = $(el, '[data-channel="qr"]');
    expect(deepActive()).to.equal(qr);
    expect(qr.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(qr.getAttribute('aria-expanded')).to.equal('true');
  });
});
