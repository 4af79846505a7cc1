import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { ReferralShareElement } from './referral-share.js';
import { $, backend, fakeFetch, has, loaded, ME } from './test-support.js';

describe('the QR panel', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  afterEach(() => fetchFake?.restore());

  it("closes when another member's data arrives: it never shows the previous link's code", async () => {
    let me = ME;
    fetchFake = fakeFetch((url) => backend(me)(url));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
    await loaded(el);
    $(el, '[data-channel="qr"]').click();
    await waitUntil(() => has(el, '[part="qr"] svg'), 'no QR code', { timeout: 4000 });

    me = { ...ME, links: { shareUrl: 'https://rr.example/r/GRACE' } };
    el.token = 'another member';
    await waitUntil(() => (el.shadowRoot!.querySelector<HTMLInputElement>('[part="link"]')?.value ?? '').includes('GRACE'), 'no new link', { timeout: 4000 });
    await loaded(el);
    expect(has(el, '[part="qr"]'), '[part="qr"]').to.equal(false);
    expect($(el, '[data-channel="qr"]').getAttribute('aria-expanded')).to.equal('false');
  });
});
