/**
 * The built script-tag bundle (`npm run build` first; `npm test` does): `dist/referral-share.js` in
 * a page under a strict Content-Security-Policy, loading its lazy parts from beside itself.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { backend } from './test-support.js';

/** bundle.test.html: the bundle in a Spanish page under `default-src 'none'; script-src 'self'; style-src 'self'; …`. */
async function strictPage() {
  const iframe = document.createElement('iframe');
  // Wider than a phone: the popover is placed beside its button (a phone gets a bottom sheet).
  iframe.style.cssText = 'width:800px;height:900px';
  iframe.src = new URL('./bundle.test.html', import.meta.url).href;
  const ready = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await ready;
  const win = iframe.contentWindow! as Window & typeof globalThis;
  const violations: string[] = [];
  win.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  win.fetch = async (url) => backend()(String(url));
  return { iframe, win, violations };
}

describe('dist/referral-share.js (the built script-tag bundle)', () => {
  it('runs under a strict CSP and loads the catalog, QR encoder, rewards list and popover positioning on demand from beside the script', async () => {
    const { iframe, win, violations } = await strictPage();
    try {
      expect(win.customElements.get('referral-share'), 'the bundle registered the element').to.exist;
      const el = win.document.createElement('referral-share') as HTMLElement & { endpoint: string; token: string };
      el.endpoint = 'https://api.example';
      el.token = 't';
      win.document.body.append(el);
      const $ = (selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

      // The Spanish catalog, from dist/referral-share-lazy/i18n-es.js.
      await waitUntil(() => $('[part="heading"]')?.textContent === 'Comparte y gana, Ada', 'no Spanish heading', { timeout: 4000 });

      // The QR encoder, from dist/referral-share-lazy/qr-encoder.js (the channels follow the link a task later).
      await waitUntil(() => $('[data-channel="qr"]'), 'no channels', { timeout: 4000 });
      $('[data-channel="qr"]')!.click();
      await waitUntil(() => $('[part="qr"] svg path'), 'no QR code', { timeout: 4000 });
      expect($('[part="qr"] svg')!.getAttribute('aria-label')).to.equal('Código QR de tu enlace de referido');

      // The rewards list and its styles, from dist/referral-share-lazy/rewards-view.js.
      $('[part="rewards"] summary')!.click();
      await waitUntil(() => $('[part="reward"]'), 'no rewards', { timeout: 4000 });
      expect($('[part="reward-status"]')!.textContent).to.equal('Pendiente');
      expect(win.getComputedStyle($('[part="reward"]')!).display).to.equal('flex');

      // Refer a friend, from dist/referral-share-lazy/refer-form.js (asked for by the card's extras).
      await waitUntil(() => $('[part="refer"] summary'), 'no Refer a friend', { timeout: 4000 });
      expect($('[part="refer"] summary')!.textContent).to.equal('Recomienda a un amigo');

      // The Copy tooltip, drawn with CSS above the button.
      Object.defineProperty(win.navigator, 'clipboard', { configurable: true, value: { writeText: async () => {} } });
      $('[part="copy-button"]')!.click();
      await waitUntil(() => $('[part="tooltip"]'), 'no tooltip', { timeout: 4000 });
      expect($('[part="tooltip"]')!.getBoundingClientRect().bottom).to.be.at.most($('[part="copy-button"]')!.getBoundingClientRect().top);

      // The popover, placed by Floating UI (dist/referral-share-lazy/anchor.js) through CSSOM.
      (el as unknown as { layout: string }).layout = 'button';
      await waitUntil(() => $('[part="open-button"]'), 'no open button', { timeout: 4000 });
      $('[part="open-button"]')!.click();
      await waitUntil(() => $('[part="popover"]')?.style.top, 'popover not positioned', { timeout: 4000 });

      const chunks = win.performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.includes('/referral-share-lazy/'));
      expect(chunks.sort().map((p) => p.replace(/-[\w-]{8}\.js$/, '.js'))).to.deep.equal([
        '/dist/referral-share-lazy/anchor.js',
        '/dist/referral-share-lazy/card-extras.js', // the channel icons and the later parts' styles
        '/dist/referral-share-lazy/en.js', // fill(), shared by the card's extras (an offer's terms), the lists and Refer a friend
        '/dist/referral-share-lazy/i18n-es.js',
        '/dist/referral-share-lazy/lit-shared.js', // the main bundle's Lit, handed over (see lit-shared.ts)
        '/dist/referral-share-lazy/number-styles.js', // shared by the card's extras and the lists
        '/dist/referral-share-lazy/qr-encoder.js',
        '/dist/referral-share-lazy/refer-form.js', // Refer a friend
        '/dist/referral-share-lazy/rewards-view.js',
        '/dist/referral-share-lazy/status-badge.js', // shared by the rewards and friends lists
        '/dist/referral-share-lazy/v1.js', // the /v1 contract's constants, shared by the stats and Refer a friend
      ]);
      expect(violations).to.deep.equal([]);
    } finally {
      iframe.remove();
    }
  });

  it('keeps the lazy modules free of a second copy of Lit', async () => {
    for (const chunk of ['rewards-view', 'qr-encoder']) {
      const source = await (await fetch(`/dist/referral-share-lazy/${chunk}.js`)).text();
      expect(source, chunk).not.to.include('customElements');
      expect(source, chunk).not.to.include('adoptedStyleSheets');
      const shared = /from\s*["'](\.\/lit-shared-[\w-]+\.js)["']/.exec(source)?.[1];
      expect(shared, `${chunk} imports the shared Lit`).to.be.a('string');
      const sharedSource = await (await fetch(`/dist/referral-share-lazy/${shared!.slice(2)}`)).text();
      expect(sharedSource).to.include('referral-share:lit');
      expect(sharedSource).not.to.include('customElements');
    }
  });
});
