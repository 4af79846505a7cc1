import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MeResponse, MemberOffer } from '../types/v1.js';
import './define.js';
import { formatters } from './format.js';
import ar from './i18n/ar.js';
import de from './i18n/de.js';
import { en, type LoadedStrings } from './i18n/en.js';
import es from './i18n/es.js';
import fr from './i18n/fr.js';
import ja from './i18n/ja.js';
import ptBR from './i18n/pt-BR.js';
import { offerInLanguage, offerLine, offerTermPhrases } from './offer-line.js';
import type { ReferralShareElement } from './referral-share.js';
import { $, backend, fakeFetch, loaded, ME } from './test-support.js';

/** An offer the server built from two reward rules: its English words, and the same as terms. */
const BUILT: MemberOffer = {
  member: '$25 gift card when a friend is approved, and 10% of what your friend spends when a friend qualifies',
  friend: '15% off your first order',
  terms: [
    { for: 'member', kind: 'fixed', amount: 25, currency: 'USD', payout: 'Gift Card', when: 'approved' },
    { for: 'member', kind: 'percent', amount: 10, when: 'qualified' },
  ],
};

const bare = (line: string) => line.replace(/[\u2066-\u2069]/g, '');
const percent = (n: number, locale: string) => new Intl.NumberFormat(locale, { style: 'percent' }).format(n / 100);

describe('an offer built from reward rules, in the member’s language', () => {
  const catalogs: Array<[string, LoadedStrings]> = [
    ['en', en],
    ['es', { ...en, ...es }],
    ['fr', { ...en, ...fr }],
    ['de', { ...en, ...de }],
    ['pt-BR', { ...en, ...ptBR }],
    ['ja', { ...en, ...ja }],
    ['ar', { ...en, ...ar }],
  ];
  for (const [locale, t] of catalogs) {
    it(`${locale}: words the terms in the widget’s language, amounts formatted for it; the program’s own words stay`, () => {
      const format = formatters(locale, 'EUR');
      const line = bare(offerLine(BUILT, t, format));
      expect(line).to.include(bare(format.money(25, 'USD')), 'the amount in its own currency, formatted for the locale');
      expect(line).to.include(percent(10, locale));
      expect(line).to.include('Gift Card', 'the payout’s name as the program wrote it');
      expect(line).to.include('15% off your first order', 'the friend’s side is the program’s own words');
      if (locale === 'en') expect(line).to.equal('You get $25.00 Gift Card when a friend is approved, and 10% of what your friend spends when a friend qualifies · Your friend gets 15% off your first order');
      else expect(line).not.to.include('when a friend', 'not the server’s English');
    });
  }

  it('German, exactly', () => {
    const t = { ...en, ...de };
    const line = bare(offerLine(BUILT, t, formatters('de', 'EUR')));
    const dollars = bare(formatters('de', 'EUR').money(25, 'USD')); // "25,00 $", a no-break space inside
    expect(line).to.equal(`Du bekommst Gift Card über ${dollars}, wenn ein Freund bestätigt wird und ${percent(10, 'de')} von dem, was dein Freund ausgibt, wenn sich ein Freund qualifiziert · Dein Freund bekommt 15% off your first order`);
  });

  it('keeps the program’s own words, and the server’s phrase where there are no terms', () => {
    const own: MemberOffer = { member: 'Ein Gutschein über 25 €', friend: null };
    expect(offerTermPhrases(own, { ...en, ...de }, formatters('de', 'EUR'))).to.deep.equal({ member: undefined, friend: undefined });
    expect(offerInLanguage(own, { ...en, ...de }, formatters('de', 'EUR'))).to.equal(own);
  });

  describe('in the element', () => {
    let fetchFake: ReturnType<typeof fakeFetch>;
    afterEach(() => fetchFake.restore());

    it('shows a rules-built offer in Japanese once the card’s extras are in', async () => {
      const me: MeResponse = { ...ME, offer: BUILT };
      fetchFake = fakeFetch(backend(me));
      const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t" lang="ja"></referral-share>`);
      await loaded(el);
      await waitUntil(() => $(el, '[part="offer"]')?.textContent?.includes('友だちが承認されると'), 'the offer is not in Japanese', { timeout: 4000 });
      expect($(el, '[part="offer"]').textContent).not.to.include('when a friend');
      await expect(el).to.be.accessible();
    });
  });
});
