import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { MeResponse } from '../types/v1.js';
import './define.js';
import { ReferralShareElement } from './referral-share.js';
import { ME as TYPICAL_ME, fakeFetch, has, loaded, shadow, text } from './test-support.js';

const ME: MeResponse = {
  member: { name: 'Ada', referralCode: 'ADA2024' },
  links: {
    shareUrl: 'https://rr.example/r/ADA2024',
    emailShareUrl: 'https://rr.example/s/ADA2024/email',
    twitterShareUrl: 'https://rr.example/s/ADA2024/twitter',
    facebookShareUrl: 'javascript:alert(1)',
    smsShareUrl: 'data:text/html,<script>alert(1)</script>',
  },
  stats: { memberShares: 8, memberViews: 1234, referralsPending: 2, referralsQualified: 1, referralsApproved: 2, rewardsPendingAmount: 25, rewardsIssuedAmount: 50 },
  timePeriod: 'All',
};

describe('<referral-share>', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  afterEach(() => fetchFake?.restore());

  it('loads /v1/me once with the token and shows the link, safe channels and stats', async () => {
    fetchFake = fakeFetch(() => Response.json(ME));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example/" token="tok-1" channels="email sms x facebook"></referral-share>`);
    await loaded(el);
    expect(fetchFake.calls).to.deep.equal([{ url: 'https://api.example/v1/me', authorization: 'Bearer tok-1' }]);
    // Shown without its scheme (a narrow field shows the part that differs); Copy copies it whole.
    expect(shadow(el).querySelector<HTMLInputElement>('[part="link"]')!.value).to.equal('rr.example/r/ADA2024');
    const channels = [...shadow(el).querySelectorAll<HTMLAnchorElement>('[part="channel"]')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(channels).to.deep.equal([
      ['Email', 'https://rr.example/s/ADA2024/email'],
      ['X', 'https://rr.example/s/ADA2024/twitter'],
    ]);
    expect(shadow(el).innerHTML).not.to.include('javascript:');
    expect(shadow(el).innerHTML).not.to.include('data:text');
    expect(text(el)).to.include('Share and earn, Ada');
    expect(text(el)).to.include('1,234');
    expect(text(el)).to.include('$50.00');
    expect(text(el)).to.include('Referrals approved');
    await expect(el).to.be.accessible();
  });

  it('shows a loading state first, marked busy', async () => {
    let release!: () => void;
    fetchFake = fakeFetch(() => new Promise((resolve) => (release = () => resolve(Response.json(ME)))));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
    expect(shadow(el).querySelector('[part="card"]')!.getAttribute('aria-busy')).to.equal('true');
    // The skeleton's boxes hold no text: assistive technology hears a progress bar's name.
    expect(shadow(el).querySelector('[role="progressbar"]')!.getAttribute('aria-label')).to.equal('Loading…');
    await expect(el).to.be.accessible();
    release();
    await loaded(el);
    expect(shadow(el).querySelector('[part="card"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  const middle = (element: Element) => {
    const { top, bottom } = element.getBoundingClientRect();
    return (top + bottom) / 2;
  };
  const WITH_OFFER: MeResponse = { ...TYPICAL_ME, offer: { member: 'a $25 gift card', friend: '15% off their first order' } };
  // A phone, a wide card (four stats a row), a right-to-left language whose labels differ; a
  // program with an offer (one line or two: a longer one grows the card by its lines) and one without
  // (the intro instead).
  const shapes = [['en', 320, TYPICAL_ME], ['en', 360, TYPICAL_ME], ['en', 600, TYPICAL_ME], ['ar', 360, TYPICAL_ME], ['ar', 600, TYPICAL_ME], ['en', 360, WITH_OFFER], ['en', 600, WITH_OFFER], ['ar', 600, WITH_OFFER]] as const;
  for (const [lang, width, member] of shapes) {
    it(`keeps its shape when the data arrives, ${lang} at ${width} px${member.offer ? ', with an offer' : ''}: the skeleton has the boxes of the card, nothing below moves`, async () => {
      let release!: () => void;
      // Every link safe (the skeleton expects a pill for each channel that can be built).
      fetchFake = fakeFetch(() => new Promise((resolve) => (release = () => resolve(Response.json(member)))));
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width:${width}px"><referral-share lang=${lang} endpoint="https://api.example" token="t"></referral-share><p>After</p></div>`,
      );
      const el = wrapper.querySelector('referral-share')!;
      const place = () => ({
        card: shadow(el).querySelector('[part="card"]')!.getBoundingClientRect().height,
        // The rewards' line (its middle): a closed disclosure's box until the lists are built (the
        // second to last: Refer a friend's comes before, Your friends' after), then the disclosure.
        rewards: middle(shadow(el).querySelector('[part="rewards"] summary') ?? [...shadow(el).querySelectorAll('.skeleton.disclosure')].at(-2)!),
        after: wrapper.querySelector('p')!.getBoundingClientRect().top,
      });
      const before = place();
      release();
      await loaded(el);
      const after = place();
      expect(after.card).to.be.closeTo(before.card, 1);
      expect(after.rewards).to.be.closeTo(before.rewards, 1);
      expect(after.after).to.be.closeTo(before.after, 1);
    });
  }

  // Copy beside the field, or under it in the narrowest cards (the card's width decides, not the
  // labels'): the skeleton's box holds the same rows.
  // 250 px: a card narrower than 14rem inside its padding, Copy under the field; 290 px: beside it.
  for (const [lang, width, under] of [['en', 250, true], ['de', 250, true], ['en', 290, false], ['de', 290, false], ['ar', 290, false]] as const) {
    it(`gives the link row its rows before the data arrives, ${lang} at ${width} px (Copy ${under ? 'under' : 'beside'} the field)`, async () => {
      let release!: () => void;
      fetchFake = fakeFetch(() => new Promise((resolve) => (release = () => resolve(Response.json(TYPICAL_ME)))));
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width:${width}px"><referral-share lang=${lang} endpoint="https://api.example" token="t"></referral-share></div>`);
      const el = wrapper.querySelector('referral-share')!;
      const skeletonHeight = shadow(el).querySelector('.skeleton.field')!.getBoundingClientRect().height;
      release();
      await loaded(el);
      const row = shadow(el).querySelector('.link-row')!;
      expect(row.getBoundingClientRect().height).to.be.closeTo(skeletonHeight, 1);
      const button = row.querySelector('button')!.getBoundingClientRect();
      expect(button.top >= row.querySelector('input')!.getBoundingClientRect().bottom, 'Copy under the field').to.equal(under);
      // Copy stays inside the card.
      expect(button.right).to.be.at.most(row.getBoundingClientRect().right + 0.5);
    });
  }

  // Icon squares in a narrow card, labelled pills in cells of equal width in a wide one: the
  // skeleton's empty pills take as many rows as the buttons.
  for (const width of [320, 460, 520]) {
    it(`gives the channels their rows before the data arrives, ${width} px wide`, async () => {
      let release!: () => void;
      // A member with the links Referral Rock gives (the skeleton expects a pill for each).
      const member: MeResponse = { ...TYPICAL_ME, links: { ...TYPICAL_ME.links, facebookMessengerShareUrl: 'https://rr.example/s/ADA2024/messenger' } };
      fetchFake = fakeFetch(() => new Promise((resolve) => (release = () => resolve(Response.json(member)))));
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width:${width}px"><referral-share endpoint="https://api.example" token="t"></referral-share></div>`);
      const el = wrapper.querySelector('referral-share')!;
      const skeletonHeight = shadow(el).querySelector('.channels')!.getBoundingClientRect().height;
      release();
      await loaded(el);
      await waitUntil(() => has(el, '[part="channel"] .icon'), 'no icons', { timeout: 4000 });
      expect(shadow(el).querySelector('[part="channels"]')!.getBoundingClientRect().height).to.be.closeTo(skeletonHeight, 1);
    });
  }

  it('shows the link before the numbers, which follow in a later task', async () => {
    let release!: () => void;
    fetchFake = fakeFetch(() => new Promise((resolve) => (release = () => resolve(Response.json(ME)))));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
    // What the shadow root holds at the end of the task that puts the link in.
    const whenLinked = new Promise<{ numbers: boolean; busy: string | null }>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!shadow(el).querySelector('[part="link"]')) return;
        observer.disconnect();
        resolve({ numbers: shadow(el).querySelector('[part="stats"]') !== null, busy: shadow(el).querySelector('[part="card"]')!.getAttribute('aria-busy') });
      });
      observer.observe(shadow(el), { childList: true, subtree: true, characterData: true });
    });
    release();
    expect(await whenLinked).to.deep.equal({ numbers: false, busy: 'true' });
    await loaded(el);
    expect(text(el)).to.include('1,234');
  });

  it('loads again when the token changes, and passes time-period on', async () => {
    fetchFake = fakeFetch(() => Response.json(ME));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="a"></referral-share>`);
    await loaded(el);
    el.token = 'b';
    el.timePeriod = 'Last7Days';
    await waitUntil(() => fetchFake.calls.length === 2);
    await el.updateComplete;
    expect(fetchFake.calls[1]).to.deep.equal({ url: 'https://api.example/v1/me?timePeriod=Last7Days', authorization: 'Bearer b' });
  });

  it('does not request anything without a token', async () => {
    fetchFake = fakeFetch(() => Response.json(ME));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example"></referral-share>`);
    expect(fetchFake.calls).to.have.length(0);
    // Given one, it loads: the only request it ever made carries that token.
    const loads = oneEvent(el, 'referral-share-load');
    el.token = 't';
    await loads;
    expect(fetchFake.calls).to.deep.equal([{ url: 'https://api.example/v1/me', authorization: 'Bearer t' }]);
  });

  it('shows the error with a Retry that loads again', async () => {
    let fail = true;
    fetchFake = fakeFetch(() =>
      fail ? Response.json({ error: { code: 'upstream_error', message: 'Referral Rock failed to answer.' } }, { status: 502 }) : Response.json(ME),
    );
    const el = document.createElement('referral-share');
    const errored = oneEvent(el, 'referral-share-error');
    el.endpoint = 'https://api.example';
    el.token = 't';
    await fixture(el);
    const { detail } = await errored;
    expect(detail).to.deep.equal({ code: 'upstream_error', message: 'Referral Rock failed to answer.', status: 502 });
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
    // The member reads a sentence written for them; the event kept the technical words.
    expect(text(el)).to.include("Your referral details aren't available right now.");
    expect(text(el)).not.to.include('Referral Rock');
    await expect(el).to.be.accessible();
    fail = false;
    const loadedEvent = oneEvent(el, 'referral-share-load');
    shadow(el).querySelector<HTMLButtonElement>('[part="error"] button')!.focus();
    shadow(el).querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    // The Retry button goes away with the error: focus stays in the widget, on its card.
    expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('[part="card"]'));
    expect((await loadedEvent).detail.data.member.referralCode).to.equal('ADA2024');
    expect(fetchFake.calls).to.have.length(2);
  });

  it('says plainly when the token has expired', async () => {
    fetchFake = fakeFetch(() => Response.json({ error: { code: 'token_expired', message: 'The member token has expired.' } }, { status: 401 }));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
    await loaded(el);
    expect(text(el)).to.include('Your session has timed out. Reload the page to continue.');
    expect(text(el)).not.to.include('token');
  });

  it('reports an unreachable backend readably', async () => {
    fetchFake = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
    await loaded(el);
    expect(text(el)).to.include("We couldn't connect. Check your internet connection, then try again.");
  });

  describe('copy', () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    afterEach(() => Object.defineProperty(Navigator.prototype, 'clipboard', original));
    const stubClipboard = (writeText: (t: string) => Promise<void>) =>
      Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => ({ writeText }) });

    it('copies with the Clipboard API, confirms visibly and to screen readers, and emits', async () => {
      const written: string[] = [];
      stubClipboard(async (t) => void written.push(t));
      fetchFake = fakeFetch(() => Response.json(ME));
      const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
      await loaded(el);
      const copied = oneEvent(el, 'referral-share-copy');
      shadow(el).querySelector<HTMLButtonElement>('[part="copy-button"]')!.click();
      expect((await copied).detail).to.deep.equal({ url: 'https://rr.example/r/ADA2024' });
      await el.updateComplete;
      expect(written).to.deep.equal(['https://rr.example/r/ADA2024']);
      expect(shadow(el).querySelector('[part="copy-button"]')!.textContent).to.equal('Copied');
      expect(shadow(el).querySelector('[role="status"]')!.textContent).to.include('Link copied');
    });

    it('falls back to selecting the field when the Clipboard API is refused', async () => {
      stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
      const execCommand = document.execCommand;
      let commanded = '';
      document.execCommand = (command: string) => ((commanded = command), true);
      try {
        fetchFake = fakeFetch(() => Response.json(ME));
        const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t"></referral-share>`);
        await loaded(el);
        const copied = oneEvent(el, 'referral-share-copy');
        shadow(el).querySelector<HTMLButtonElement>('[part="copy-button"]')!.click();
        await copied;
        expect(commanded).to.equal('copy');
        const input = shadow(el).querySelector<HTMLInputElement>('[part="link"]')!;
        expect(input.value.slice(input.selectionStart!, input.selectionEnd!)).to.equal('https://rr.example/r/ADA2024');
      } finally {
        document.execCommand = execCommand;
      }
    });
  });

  describe('registration', () => {
    it('tolerates being defined twice and can take another tag', () => {
      ReferralShareElement.define();
      ReferralShareElement.define('my-share');
      ReferralShareElement.define('my-share');
      expect(customElements.get('referral-share')).to.equal(ReferralShareElement);
      expect(document.createElement('my-share')).to.be.instanceOf(ReferralShareElement);
    });
  });
});
