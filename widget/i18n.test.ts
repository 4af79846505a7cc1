import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { ReferralShareElement } from './referral-share.js';
import { $, backend, fakeFetch, loaded, text } from './test-support.js';

describe('languages', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  beforeEach(() => (fetchFake = fakeFetch(backend())));
  afterEach(() => fetchFake.restore());

  const heading = (el: Element) => $(el, '[part="heading"]').textContent;

  it('speaks English by default', async () => {
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
    await loaded(el);
    expect(heading(el)).to.equal('Share and earn, Ada');
    expect($(el, '[part="base"]').getAttribute('dir')).to.equal('ltr');
  });

  it('loads German on demand and formats numbers and amounts the German way', async () => {
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t" lang="de-AT"></referral-share>`);
    await loaded(el);
    await waitUntil(() => heading(el) === 'Teilen und verdienen, Ada', 'no German', { timeout: 4000 });
    expect(text(el)).to.include('Empfehlungen bestätigt');
    expect(text(el)).to.include('1.234');
    expect(text(el)).to.include('50,00 $');
    expect($(el, '[part="copy-button"]').textContent).to.equal('Kopieren');
  });

  it('lays Arabic out right to left, accessibly', async () => {
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t" lang="ar"></referral-share>`);
    await loaded(el);
    await waitUntil(() => heading(el) === 'شارك واربح يا Ada', 'no Arabic', { timeout: 4000 });
    const base = $(el, '[part="base"]');
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(base.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle($(el, '[part="card"]')).direction).to.equal('rtl');
    // The link itself stays left to right.
    expect(getComputedStyle($(el, '[part="link"]')).direction).to.equal('ltr');
    await expect(el).to.be.accessible();
  });

  it('shows errors in the widget’s language, not the backend’s English', async () => {
    fetchFake.restore();
    fetchFake = fakeFetch(() => Response.json({ error: { code: 'upstream_error', message: 'Referral Rock failed to answer.' } }, { status: 502 }));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t" lang="de"></referral-share>`);
    await loaded(el);
    await waitUntil(() => $(el, '[part="error"] button').textContent === 'Erneut versuchen', 'no German', { timeout: 4000 });
    expect(text(el)).to.include('Deine Empfehlungsdaten sind gerade nicht verfügbar.');
    expect(text(el)).not.to.include('Referral Rock failed');
  });

  it("falls back to the page's language, and to English for one it does not know", async () => {
    const wrapper = await fixture(html`<div lang="ja"><referral-share endpoint="https://api.example" token="t"></referral-share></div>`);
    const el = wrapper.firstElementChild!;
    await waitUntil(() => $(el, '[part="heading"]')?.textContent === 'Adaさん、シェアして特典をゲット', 'no Japanese', { timeout: 4000 });
    const page = document.documentElement.lang;
    document.documentElement.lang = 'pt';
    try {
      const pt = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
      await waitUntil(() => $(pt, '[part="heading"]')?.textContent === 'Compartilhe e ganhe, Ada', 'no Brazilian Portuguese', { timeout: 4000 });
      pt.lang = 'xx';
      await waitUntil(() => heading(pt) === 'Share and earn, Ada', 'no English for an unknown language', { timeout: 4000 });
    } finally {
      document.documentElement.lang = page;
    }
  });

  it("follows the page's lang live while connected, and its own lang wins", async () => {
    const page = document.documentElement.lang;
    document.documentElement.lang = 'en';
    try {
      const host = await fixture(html`<div>
        <referral-share endpoint="https://api.example" token="t"></referral-share>
        <referral-share endpoint="https://api.example" token="t" lang="fr"></referral-share>
        <referral-share endpoint="https://api.example" token="t"></referral-share>
      </div>`);
      // `witness` follows the page like `el`: once it has changed language, a watching `el` would have too.
      const [el, own, witness] = [...host.querySelectorAll<ReferralShareElement>('referral-share')] as [ReferralShareElement, ReferralShareElement, ReferralShareElement];
      await loaded(el);
      await waitUntil(() => heading(own) === 'Partagez et gagnez, Ada', 'no French', { timeout: 4000 });
      expect(heading(el)).to.equal('Share and earn, Ada');

      // A single-page app switches the page to German: the widget follows, without loading its data again.
      document.documentElement.lang = 'de';
      await waitUntil(() => heading(el) === 'Teilen und verdienen, Ada', 'did not follow the page to German', { timeout: 4000 });
      expect(heading(own)).to.equal('Partagez et gagnez, Ada');
      expect(fetchFake.calls).to.have.length(3); // one load each

      // Disconnected, it stops watching; connected again, it takes the page's language as it is then.
      el.remove();
      document.documentElement.lang = 'es';
      await waitUntil(() => heading(witness) === 'Comparte y gana, Ada', 'the witness did not follow the page to Spanish', { timeout: 4000 });
      await el.updateComplete;
      expect(heading(el)).to.equal('Teilen und verdienen, Ada');
      host.append(el);
      await waitUntil(() => heading(el) === 'Comparte y gana, Ada', 'did not take the page language on reconnecting', { timeout: 4000 });
      document.documentElement.lang = 'ja';
      await waitUntil(() => heading(el) === 'Adaさん、シェアして特典をゲット', 'stopped following the page after reconnecting', { timeout: 4000 });
      expect(heading(own)).to.equal('Partagez et gagnez, Ada');
    } finally {
      document.documentElement.lang = page;
    }
  });

  it('switches language live and lets strings override any text', async () => {
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
    await loaded(el);
    el.strings = { copy: 'Copy link', headingNamed: 'Hi {name}!' };
    await el.updateComplete;
    expect($(el, '[part="copy-button"]').textContent).to.equal('Copy link');
    expect(heading(el)).to.equal('Hi Ada!');
    el.lang = 'fr';
    await waitUntil(() => text(el).includes('Filleuls approuvés'), 'no French', { timeout: 4000 });
    expect($(el, '[part="copy-button"]').textContent).to.equal('Copy link'); // the override still wins
    expect(fetchFake.calls).to.have.length(1); // a language change needs no new data
  });
});
