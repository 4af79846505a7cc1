import { expect, waitUntil } from '@open-wc/testing';
import { createElement, type ReactElement } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { ReferralShare, type ReferralShareProps } from './react.js';
import type { ReferralShareElement } from './referral-share.js';
import { $, backend, fakeFetch, loaded, ME } from './test-support.js';

/**
 * A server-rendered page: the HTML `react-dom/server` gives, in the page, then hydrated by React
 * with the same element tree (React 19 sets no custom-element property while hydrating).
 */
async function serverRenderedThenHydrated(app: ReactElement) {
  const container = document.createElement('div');
  container.innerHTML = renderToString(app);
  document.body.append(container);
  const hydrationErrors: unknown[] = [];
  const root = hydrateRoot(container, app, { onRecoverableError: (error) => hydrationErrors.push(error) });
  const el = container.querySelector<ReferralShareElement>('referral-share')!;
  await waitUntil(() => el.endpoint !== '', 'never hydrated', { timeout: 4000 });
  return { container, root, el, hydrationErrors };
}

describe('referral-share/react: <ReferralShare> on a server-rendered page', () => {
  let mounted: { container: HTMLElement; root: Root } | undefined;
  let fetchFake: ReturnType<typeof fakeFetch> | undefined;
  afterEach(() => {
    mounted?.root.unmount();
    mounted?.container.remove();
    fetchFake?.restore();
  });

  it('renders the element and its attributes on the server, without touching the DOM', () => {
    const html = renderToString(createElement(ReferralShare, { endpoint: 'https://api.example', token: 't', theme: 'dark', timePeriod: 'Last7Days', lang: 'de' }));
    expect(html).to.match(/^<referral-share /);
    expect(html).to.include('token="t"');
    expect(html).to.include('theme="dark"');
    expect(html).to.include('time-period="Last7Days"');
    // Set after hydration, with the listeners: the first request waits for them.
    expect(html).not.to.include('endpoint=');
  });

  it('hydrates without a mismatch; the token provider refreshes an expired token and the events fire', async () => {
    const tokens = ['expired', 'fresh'];
    const asked: string[] = [];
    fetchFake = fakeFetch((url, call) => {
      asked.push(call.authorization!);
      return call.authorization === 'Bearer expired' ? Response.json({ error: { code: 'token_expired', message: 'expired' } }, { status: 401 }) : backend()(url);
    });
    const loads: string[] = [];
    const copies: string[] = [];
    const props: ReferralShareProps = {
      endpoint: 'https://api.example',
      tokenProvider: async () => tokens.shift()!,
      onLoad: (event) => loads.push(event.detail.data.member.referralCode!),
      onCopy: (event) => copies.push(event.detail.url),
      strings: { copy: 'Copy link' },
    };
    const page = await serverRenderedThenHydrated(createElement('main', null, createElement(ReferralShare, props)));
    mounted = page;
    const { el } = page;
    await loaded(el);
    expect(asked, 'asked with the expired token, then with the refreshed one').to.deep.equal(['Bearer expired', 'Bearer fresh']);
    expect(loads).to.deep.equal([ME.member.referralCode]);
    expect($(el, '[part="copy-button"]').textContent!.trim()).to.equal('Copy link');
    expect(page.hydrationErrors).to.deep.equal([]);
    // The element wrote no attribute of its own on the server-rendered markup.
    expect(el.getAttributeNames()).to.deep.equal([]);

    const restoreClipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => ({ writeText: async () => {} }) });
    try {
      $(el, '[part="copy-button"]').click();
      await waitUntil(() => copies.length === 1, 'no copy event', { timeout: 4000 });
    } finally {
      if (restoreClipboard) Object.defineProperty(Navigator.prototype, 'clipboard', restoreClipboard);
    }
    expect(copies).to.deep.equal([ME.links.shareUrl]);
  });

  it('renders in the browser too, and follows its props', async () => {
    fetchFake = fakeFetch(backend());
    const loads: string[] = [];
    const onLoad: ReferralShareProps['onLoad'] = (event) => loads.push(event.detail.data.timePeriod);
    const container = document.createElement('div');
    document.body.append(container);
    const { createRoot } = await import('react-dom/client');
    const root = createRoot(container);
    mounted = { container, root };
    root.render(createElement(ReferralShare, { endpoint: 'https://api.example', token: 't', onLoad }));
    await waitUntil(() => loads.length === 1, 'never loaded', { timeout: 4000 });
    root.render(createElement(ReferralShare, { endpoint: 'https://api.example', token: 't', onLoad, timePeriod: 'Last7Days' }));
    await waitUntil(() => fetchFake!.calls.some((call) => call.url.includes('timePeriod=Last7Days')), 'the period never reached the element', { timeout: 4000 });
  });
});
