import { expect, fixture, html } from '@open-wc/testing';
import de from './i18n/de.js';
import { en } from './i18n/en.js';
import { offerText as isolatedOfferText } from './offer-line.js';
import { hasNoActivity } from './stats-view.js';

/** Without the direction isolates around each phrase. */
const offerText = (...args: Parameters<typeof isolatedOfferText>) => isolatedOfferText(...args).replace(/[\u2068\u2069]/g, '');
import { $, ME } from './test-support.js';
import type { TestViews } from './test-views.js';
import './test-views.js';

describe('offer, code and first-share nudge', () => {
  it('words the offer from whatever the program says', () => {
    expect(offerText({ member: 'a $25 gift card', friend: '15% off your first order' }, en)).to.equal('You get a $25 gift card · Your friend gets 15% off your first order');
    expect(offerText({ member: 'a $25 gift card', friend: null }, en)).to.equal('You get a $25 gift card for every friend who joins');
    expect(offerText({ member: ' ', friend: '15% off' }, en)).to.equal('Your friend gets 15% off');
    expect(offerText({ member: null, friend: null }, en)).to.equal('');
    expect(offerText(undefined, en)).to.equal('');
    expect(offerText({ member: '25 €', friend: '10 %' }, de)).to.equal('Du bekommst 25 € · Dein Freund bekommt 10 %');
  });

  it('shows the offer, the code, and a nudge for a member with no activity', async () => {
    const quiet = { ...ME, offer: { member: 'a $25 gift card', friend: '15% off' }, stats: { memberShares: 0, memberViews: 0 } };
    expect(hasNoActivity(quiet.stats)).to.equal(true);
    expect(hasNoActivity(ME.stats)).to.equal(false);
    const el = await fixture<TestViews>(html`<test-views .icons=${false} .me=${quiet}></test-views>`);
    expect($(el, '[part="offer"]').textContent).to.equal('You get \u2068a $25 gift card\u2069 · Your friend gets \u206815% off\u2069');
    expect($(el, '[part="code"]').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Your code ADA2024');
    expect($(el, '[part="nudge"]').textContent).to.equal('Send your link to one friend to get started — it only takes a moment.');
    await expect(el).to.be.accessible();
    el.me = { ...ME, offer: { member: null, friend: null }, member: { name: 'Ada', referralCode: null } };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="offer"], [part="code"], [part="nudge"]')).to.equal(null);
  });
});
