/**
 * The script-tag bundle served alone (`npm run build` first): a shop that copied `referral-share.js`
 * without its `referral-share-lazy/` folder, an ad blocker, a CDN hiccup. Every on-demand module
 * 404s (scripts/wtr/script-alone.mjs); the card stays useful.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ME, backend } from './test-support.js';

type Page = Window & typeof globalThis;
type Element_ = HTMLElement & { endpoint: string; token: string; layout: string; reload(): Promise<void> };

async function pageWithScriptAlone(width: number, height: number) {
  const iframe = document.createElement('iframe');
  iframe.style.cssText = `width:${width}px;height:${height}px;border:0`;
  iframe.srcdoc = `<!doctype html><html lang="en"><body style="margin:0;padding:16px"><script src="/script-alone/referral-share.js"></script></body></html>`;
  const ready = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await ready;
  const win = iframe.contentWindow! as Page;
  const warnings: string[] = [];
  const rejections: string[] = [];
  win.console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  win.addEventListener('unhandledrejection', (event) => rejections.push(String(event.reason)));
  win.fetch = async (url) => backend()(String(url));
  let copied = '';
  Object.defineProperty(win.navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void (copied = text) } });
  const el = win.document.createElement('referral-share') as Element_;
  el.endpoint = 'https://api.example';
  el.token = 't';
  win.document.body.append(el);
  const $ = (selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
  const $$ = (selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
  /** The lazy modules the page asked for, with their query (`?retry=1` on a second try). */
  const requested = () =>
    win.performance
      .getEntriesByType('resource')
      .map((r) => new URL(r.name))
      .filter((url) => url.pathname.includes('/referral-share-lazy/'))
      .map((url) => url.pathname.replace('/script-alone/referral-share-lazy/', '') + url.search);
  return { iframe, win, el, $, $$, warnings, rejections, requested, copied: () => copied };
}

for (const [width, height] of [
  [375, 667],
  [1280, 720],
] as const) {
  describe(`referral-share.js without referral-share-lazy/, ${width} px`, () => {
    it('shows the link, Copy, the code and the channels as text links, opens the popover styled (a sheet with its Close button on a phone), warns once and asks again later', async () => {
      const page = await pageWithScriptAlone(width, height);
      const { win, el, $, $$, warnings, rejections, requested } = page;
      try {
        // The whole card without its extras: nothing stays busy.
        await waitUntil(() => $('[part="card"][aria-busy="false"]'), 'the card stayed busy', { timeout: 6000 });
        expect(($('[part="link"]') as HTMLInputElement).value).to.equal('rr.example/r/ADA2024');

        $('[part="copy-button"]')!.click();
        await waitUntil(() => page.copied() === ME.links.shareUrl, 'Copy did not copy the link', { timeout: 4000 });
        await waitUntil(() => $('[part="copy-button"]')!.textContent!.trim() === 'Copied', 'Copy did not confirm', { timeout: 4000 });

        expect($('[part="code"]')!.textContent).to.include('ADA2024');
        $('[part="code-copy"]')!.click();
        await waitUntil(() => page.copied() === 'ADA2024', 'the code was not copied', { timeout: 4000 });

        // Channels: their names, readable, no icons.
        const channels = $$('[part="channel"]');
        expect(channels.length).to.be.greaterThan(2);
        expect($$('[part="icon"]')).to.have.length(0);
        for (const channel of channels) {
          const label = channel.querySelector('.label')!;
          expect(label.textContent!.trim(), channel.dataset.channel).not.to.equal('');
          expect(label.getBoundingClientRect().width, `${channel.dataset.channel}'s name shows`).to.be.greaterThan(8);
        }
        const email = channels.find((c) => c.dataset.channel === 'email') as HTMLAnchorElement;
        expect(email.href).to.equal(ME.links.emailShareUrl);

        // The popover opens: a sheet on a phone, beside its button on a laptop (no Floating UI).
        el.layout = 'button';
        await waitUntil(() => $('[part="open-button"]'), 'no open button', { timeout: 4000 });
        $('[part="open-button"]')!.click();
        await waitUntil(() => $('[part="popover"]')?.matches(':popover-open'), 'the popover did not open', { timeout: 4000 });
        const popover = $('[part="popover"]')!.getBoundingClientRect();
        const button = $('[part="open-button"]')!.getBoundingClientRect();
        if (width < 640) {
          expect(popover.bottom).to.be.closeTo(win.innerHeight, 1);
          expect(popover.width).to.be.closeTo(win.innerWidth, 1);
        } else {
          expect(popover.top).to.be.at.least(button.bottom);
          expect(popover.left).to.be.closeTo(button.left, 1);
          expect(popover.bottom).to.be.at.most(win.innerHeight);
        }
        expect(win.document.activeElement).to.equal(el);
        expect(el.shadowRoot!.activeElement).to.equal($('[part="popover"]'));
        // Styled without any on-demand module: a panel of the card's background, with its shadow.
        const panelStyle = win.getComputedStyle($('[part="popover"]')!);
        expect(panelStyle.position).to.equal('fixed');
        expect(panelStyle.backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
        expect(panelStyle.boxShadow).not.to.equal('none');

        // Asked again later, at a new URL: on the next opening (on a laptop) and the next load.
        const asked = (name: string) => requested().filter((r) => r.startsWith(`${name}.js`));
        if (width < 640) {
          // The sheet's Close button: visible, named, a 44 px target; it closes the sheet and gives focus back.
          const close = $('[part="close-button"]')!;
          expect(close.textContent!.trim()).to.equal('Close');
          const closeBox = close.getBoundingClientRect();
          expect(closeBox.height).to.be.at.least(44);
          expect(closeBox.top).to.be.at.least(popover.top);
          expect(closeBox.right).to.be.at.most(popover.right);
          close.click();
          await waitUntil(() => !$('[part="popover"]')!.matches(':popover-open'), 'Close did not close the sheet', { timeout: 4000 });
          expect(el.shadowRoot!.activeElement).to.equal($('[part="open-button"]'));
        } else {
          expect($('[part="close-button"]')).to.equal(null);
          $('[part="open-button"]')!.click(); // closes
        }
        // At a URL not asked before (a browser may fetch a failed URL once or twice: WebKit asks
        // again for the page's idle load and the element's load alike, Chromium shares one).
        const askedAgain = async (name: string, ask: () => unknown) => {
          const before = asked(name);
          await ask();
          await waitUntil(() => asked(name).length > before.length, `${name}.js was not asked for again`, { timeout: 4000 });
          const again = asked(name).at(-1)!;
          expect(again).to.match(new RegExp(`^${name}\\.js\\?retry=\\d+$`));
          expect(before, 'a new URL').not.to.include(again);
        };
        if (width >= 640) await askedAgain('anchor', () => $('[part="open-button"]')!.click());
        await askedAgain('card-extras', () => el.reload());

        // One warning for the page, naming what is missing and where it was looked for.
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.match(/^referral-share: http:\/\/[^ ]+\/script-alone\/referral-share-lazy\/[\w-]+\.js did not load; serve the folder referral-share-lazy\/ beside referral-share\.js\.$/);
        expect(rejections).to.deep.equal([]);
      } finally {
        page.iframe.remove();
      }
    });
  });
}
