import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import './define.js';
import type { ReferralShareElement } from './referral-share.js';
import { $, backend, deepActive, fakeFetch, has, loaded, ME } from './test-support.js';

const opened = (el: ReferralShareElement) => waitUntil(() => $(el, '[part="popover"]').matches(':popover-open'), 'popover never opened', { timeout: 4000 });
const within = (rect: DOMRect) =>
  rect.top >= 0 && rect.left >= 0 && rect.bottom <= window.innerHeight + 0.5 && rect.right <= window.innerWidth + 0.5;

describe('layout="button": the popover', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  beforeEach(() => (fetchFake = fakeFetch(backend())));
  afterEach(async () => {
    fetchFake.restore();
    await setViewport({ width: 800, height: 600 });
  });

  const buttonWidget = async (style = '') => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style=${style}><referral-share layout="button" endpoint="https://api.example" token="t"></referral-share></div>`,
    );
    const el = wrapper.querySelector('referral-share')!;
    await loaded(el);
    return el;
  };

  it('opens from the keyboard, moves focus in, closes on Escape and gives focus back to the button', async () => {
    const el = await buttonWidget();
    const button = $(el, '[part="open-button"]');
    expect(button.textContent!.trim()).to.equal('Share & earn');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[part="popover"]').checkVisibility()).to.equal(false);
    await expect(el).to.be.accessible();

    button.focus();
    await sendKeys({ press: 'Enter' });
    await opened(el);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActive() === $(el, '[part="popover"]'), 'focus should be on ' + $(el, '[part="popover"]').getAttribute('part')).to.equal(true);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(deepActive() === $(el, '[part="link"]'), 'focus should be on ' + $(el, '[part="link"]').getAttribute('part')).to.equal(true);
    expect(getComputedStyle($(el, '[part="link"]')).outlineStyle, 'visible focus').to.equal('solid');
    await sendKeys({ press: 'Tab' });
    expect(deepActive() === $(el, '[part="copy-button"]'), 'focus should be on ' + $(el, '[part="copy-button"]').getAttribute('part')).to.equal(true);

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '[part="popover"]').matches(':popover-open')).to.equal(false);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(deepActive() === button, 'focus should be on ' + button.getAttribute('part')).to.equal(true);
  });

  it('closes when Tab takes focus out of it, so it never covers the focused control', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><referral-share layout="button" endpoint="https://api.example" token="t" hide="rewards"></referral-share><button id="after">After</button></div>`,
    );
    const el = wrapper.querySelector('referral-share')!;
    await loaded(el);
    $(el, '[part="open-button"]').click();
    await opened(el);
    const after = wrapper.querySelector<HTMLButtonElement>('#after')!;
    after.focus();
    await el.updateComplete;
    expect($(el, '[part="popover"]').matches(':popover-open')).to.equal(false);
    expect(document.activeElement).to.equal(after);
  });

  it('closes on a click outside and gives focus back to the button; a click inside keeps it open', async () => {
    const el = await buttonWidget();
    $(el, '[part="open-button"]').click();
    await opened(el);
    $(el, '[part="stats"]').click();
    await el.updateComplete;
    expect($(el, '[part="popover"]').matches(':popover-open')).to.equal(true);
    await sendMouse({ type: 'click', position: [790, 590] });
    await el.updateComplete;
    expect($(el, '[part="popover"]').matches(':popover-open')).to.equal(false);
    expect(deepActive() === $(el, '[part="open-button"]'), 'focus should be on ' + $(el, '[part="open-button"]').getAttribute('part')).to.equal(true);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  const corners = <Array<[string, string]>>[
    ['top left', 'position:fixed;top:4px;left:4px'],
    ['top right', 'position:fixed;top:4px;right:4px'],
    ['bottom left', 'position:fixed;bottom:4px;left:4px'],
    ['bottom right', 'position:fixed;bottom:4px;right:4px'],
  ];
  /** Scrolls inside only when it must: when it is as tall as the room it was given. */
  const scrollsOnlyWhenFull = (panel: HTMLElement) =>
    panel.scrollHeight <= panel.clientHeight + 1 || panel.getBoundingClientRect().height >= parseFloat(getComputedStyle(panel).maxHeight) - 1;

  for (const [corner, style] of corners) {
    it(`is a sheet along the bottom of a 375 × 667 phone, set apart by a shadow (button at the ${corner})`, async () => {
      await setViewport({ width: 375, height: 667 });
      const el = await buttonWidget(style);
      $(el, '[part="open-button"]').click();
      await opened(el);
      const panel = $(el, '[part="popover"]');
      const rect = panel.getBoundingClientRect();
      expect(within(rect), JSON.stringify(rect)).to.equal(true);
      expect([rect.left, rect.width, Math.round(rect.bottom)]).to.deep.equal([0, 375, 667]);
      expect(getComputedStyle(panel).boxShadow).not.to.equal('none');
      expect(getComputedStyle($(el, '[part="popover"] [part="card"]')).borderTopStyle, 'no border inside the sheet').to.equal('none');
      expect(scrollsOnlyWhenFull(panel)).to.equal(true);
    });

    it(`stays inside a 1280 × 720 screen beside its button, with a shadow (button at the ${corner})`, async () => {
      await setViewport({ width: 1280, height: 720 });
      const el = await buttonWidget(style);
      $(el, '[part="open-button"]').click();
      await opened(el);
      const panel = $(el, '[part="popover"]');
      await waitUntil(() => within(panel.getBoundingClientRect()), `popover leaves the viewport: ${JSON.stringify(panel.getBoundingClientRect())}`, { timeout: 4000 });
      const buttonRect = $(el, '[part="open-button"]').getBoundingClientRect();
      const panelRect = panel.getBoundingClientRect();
      // Never over its own button: above it or below it.
      expect(panelRect.bottom <= buttonRect.top + 0.5 || panelRect.top >= buttonRect.bottom - 0.5, JSON.stringify([panelRect, buttonRect])).to.equal(true);
      expect(getComputedStyle(panel).boxShadow).not.to.equal('none');
      expect(scrollsOnlyWhenFull(panel)).to.equal(true);
    });
  }

  it('has a visible Close button on a phone, labelled in the card\'s language, that gives focus back to the open button', async () => {
    await setViewport({ width: 375, height: 667 });
    const wrapper = await fixture<HTMLDivElement>(html`<div><referral-share layout="button" lang="de" endpoint="https://api.example" token="t"></referral-share></div>`);
    const el = wrapper.querySelector('referral-share')!;
    await loaded(el);
    await waitUntil(() => $(el, '[part="open-button"]').textContent!.trim() === 'Teilen & verdienen', 'no German', { timeout: 4000 });
    $(el, '[part="open-button"]').click();
    await opened(el);
    const close = $(el, '[part="close-button"]');
    expect(close.textContent!.trim()).to.equal('Schließen');
    const rect = close.getBoundingClientRect();
    expect(within(rect) && rect.height >= 44, JSON.stringify(rect)).to.equal(true);
    await expect(el).to.be.accessible();
    close.click();
    await el.updateComplete;
    expect($(el, '[part="popover"]').matches(':popover-open')).to.equal(false);
    expect(deepActive() === $(el, '[part="open-button"]'), 'focus should be on the open button').to.equal(true);
  });

  it('shows the end of the link (the member\'s code) in a 375 px sheet', async () => {
    fetchFake.restore();
    fetchFake = fakeFetch(backend({ ...ME, links: { shareUrl: 'https://acme-friends-and-family.referralrock.example/l/ADA2024' } }));
    await setViewport({ width: 375, height: 667 });
    const el = await buttonWidget();
    $(el, '[part="open-button"]').click();
    await opened(el);
    const field = $<HTMLInputElement>(el, '[part="link"]');
    await waitUntil(() => field.scrollWidth > field.clientWidth && field.scrollLeft > 0, 'the field shows the start of the link', { timeout: 4000 });
    expect(field.scrollLeft + field.clientWidth).to.be.closeTo(field.scrollWidth, 1);
  });

  it('follows its button when a scrolling container scrolls', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="height:300px;overflow:auto">
      <div style="height:150px"></div>
      <referral-share layout="button" endpoint="https://api.example" token="t"></referral-share>
      <div style="height:1200px"></div>
    </div>`);
    const el = wrapper.querySelector('referral-share')!;
    await loaded(el);
    $(el, '[part="open-button"]').click();
    await opened(el);
    const panel = $(el, '[part="popover"]');
    const gap = () => panel.getBoundingClientRect().top - $(el, '[part="open-button"]').getBoundingClientRect().bottom;
    await waitUntil(() => Math.abs(gap() - 8) < 1, 'not placed below the button', { timeout: 4000 });
    const before = panel.getBoundingClientRect().top;
    wrapper.scrollTop = 60;
    await waitUntil(() => Math.abs(panel.getBoundingClientRect().top - (before - 60)) < 1, 'popover did not follow the scroll', { timeout: 4000 });
    expect(gap()).to.be.closeTo(8, 1);
  });

  it('closes when the layout changes to inline, and then shows the card in the page', async () => {
    const el = await buttonWidget();
    $(el, '[part="open-button"]').click();
    await opened(el);
    el.layout = 'inline';
    await el.updateComplete;
    expect(has(el, '[part="open-button"]'), '[part="open-button"]').to.equal(false);
    expect($(el, '[part="card"]').checkVisibility()).to.equal(true);
  });
});
