import { expect, fixture, html } from '@open-wc/testing';
import { formatters, numberFormatCount } from './format.js';
import ar from './i18n/ar.js';
import de from './i18n/de.js';
import ja from './i18n/ja.js';
import { $, $$, backend, fakeFetch, loaded } from './test-support.js';
import './define.js';
import type { ReferralShareElement } from './referral-share.js';
import type { TestViews } from './test-views.js';
import './test-views.js';
import { ME } from './test-support.js';

const lines = (el: Element) => el.getClientRects().length;

describe('numbers and amounts', () => {
  it('build one formatter per locale and currency, and reuse it', () => {
    formatters('ar', 'USD').money(25);
    formatters('ar', 'USD').count(25);
    const before = numberFormatCount();
    for (let i = 0; i < 20; i++) {
      const f = formatters('ar', 'USD');
      f.money(i);
      f.count(i);
      f.money(i, 'EUR');
    }
    expect(numberFormatCount()).to.be.at.most(before + 1); // EUR, once
    expect(formatters('en', 'USD').money(5, 'NOT-A-CODE')).to.equal('5');
  });

  it('show an amount in Referral Rock\'s "Custom" currency as the bare number, not in the default currency', () => {
    expect(formatters('en', 'EUR').money(25, 'Custom')).to.equal('25');
    expect(formatters('de', 'USD').money(1234.5, 'Custom')).to.equal('1.234,5');
    expect(formatters('en', 'EUR').money(25, null)).to.equal('€25.00');
  });

  it('are written in Latin digits in every language and engine, in Arabic-Indic ones when the page asks (ar-u-nu-arab)', async () => {
    const fetchFake = fakeFetch(backend());
    try {
      const digitsOf = async (lang: string) => {
        const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="t" lang=${lang}></referral-share>`);
        await loaded(el);
        return $$(el, '[part="stats"] dd').map((dd) => dd.textContent!).join(' ');
      };
      const latin = await digitsOf('ar');
      expect(latin, 'Latin digits').to.match(/[0-9]/);
      expect(latin, 'no Arabic-Indic digits').not.to.match(/[\u0660-\u0669]/);
      const arabic = await digitsOf('ar-u-nu-arab');
      expect(arabic, 'Arabic-Indic digits').to.match(/[\u0660-\u0669]/);
      expect(arabic, 'no Latin digits').not.to.match(/[0-9]/);
    } finally {
      fetchFake.restore();
    }
  });

  it('never break across lines, in Arabic either, however narrow the card', async () => {
    const big = { ...ME.stats, rewardsPendingAmount: 1234567.5, rewardsIssuedAmount: 250000, memberViews: 12345678 };
    const el = await fixture<TestViews>(html`<div style="width: 200px"><test-views lang="ar" .catalog=${ar} .icons=${false} .me=${{ ...ME, stats: big }} .rewards=${{ status: 'loaded', total: 1, next: null, items: [{ id: 'a', amount: 1234567.5, status: 'Issued', currencyCode: 'USD', createDate: '2024-03-01T00:00:00Z', issueDate: '2024-03-02T00:00:00Z', eligibilityDate: null, description: null }] }}></test-views></div>`).then(async (box) => {
      const views = box.firstElementChild as TestViews;
      await views.updateComplete;
      return views;
    });
    const amounts = [...$$(el, '[part="stats"] dd'), $(el, '.amount')];
    expect(amounts.map((a) => a.textContent)).to.include(formatters('ar', 'USD').money(1234567.5));
    for (const amount of amounts) {
      const range = document.createRange();
      range.selectNodeContents(amount);
      // One line box: its client rects share one top (Firefox gives the invisible bidi marks
      // around an Arabic amount empty rects of their own, placed apart: they draw nothing).
      const drawn = [...range.getClientRects()].filter((r) => r.width > 0);
      expect(new Set(drawn.map((r) => Math.round(r.top))).size, amount.textContent!).to.equal(1);
    }
    expect(lines($(el, '.amount'))).to.equal(1);
  });

  it('write "US$" as "US$" in right-to-left text, not "$US"', async () => {
    const el = await fixture<TestViews>(html`<test-views lang="ar" .catalog=${ar} .icons=${false} .rewards=${{ status: 'loaded', total: 1, next: null, items: [{ id: 'a', amount: 25, status: 'Issued', currencyCode: 'USD', createDate: '2024-03-01T00:00:00Z', issueDate: null, eligibilityDate: null, description: null }] }}></test-views>`);
    const text = document.createTreeWalker($(el, '.amount'), NodeFilter.SHOW_TEXT).nextNode() as Text;
    const leftOf = (char: string) => {
      const range = document.createRange();
      const at = text.data.indexOf(char);
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      return range.getBoundingClientRect().left;
    };
    expect(leftOf('U')).to.be.below(leftOf('S'));
    expect(leftOf('S')).to.be.below(leftOf('$'));
  });
});

describe('the stats’ tiles', () => {
  /** The text's box (not the element's, which the tile's width bounds anyway). */
  const textBox = (el: Element) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect();
  };

  const catalogs = { ar, de, ja } as const;
  const amounts = { usual: { rewardsPendingAmount: 25, rewardsIssuedAmount: 50 }, 'in the thousands': { rewardsPendingAmount: 1250, rewardsIssuedAmount: 12500 } };
  // The card on a 320 px phone (in the demo page, 246 px: the page's margins), on a wider phone,
  // just wide enough for four counts a row, and at its widest.
  const cards = { 'on a 320 px phone': 246, 'on a 390 px phone': 358, 'four counts a row': 420, 'at its widest': 512 };
  for (const [lang, catalog] of Object.entries(catalogs)) {
    for (const [kind, money] of Object.entries(amounts)) {
      for (const [where, width] of Object.entries(cards)) {
        it(`keep their numbers inside, on one line, in ${lang}, amounts ${kind}, ${where}`, async () => {
          const page = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">
            <test-views lang=${lang} .catalog=${catalog} .icons=${false} .me=${{ ...ME, stats: { ...ME.stats, ...money } }}></test-views>
          </div>`);
          const el = page.firstElementChild as TestViews;
          await el.updateComplete;
          const tiles = $$(el, '[part="stats"] > div');
          expect(tiles).to.have.length(7);
          for (const tile of tiles) {
            const number = tile.querySelector('dd')!;
            const box = textBox(number);
            const room = tile.getBoundingClientRect();
            expect(box.left, `${number.textContent} starts inside its tile`).to.be.at.least(room.left);
            expect(box.right, `${number.textContent} ends inside its tile`).to.be.at.most(room.right);
            expect(number.getClientRects().length, number.textContent!).to.equal(1);
            expect(number.scrollWidth, number.textContent!).to.be.at.most(number.clientWidth);
          }
          // All numbers share one size, the wide last tile's too.
          const sizes = new Set(tiles.map((tile) => Math.round(parseFloat(getComputedStyle(tile.querySelector('dd')!).fontSize) * 10)));
          expect([...sizes]).to.have.length(1);
          expect([...sizes][0]! / 10).to.be.at.least(12);
        });
      }
    }
  }

  it('keep a label’s long word inside its tile, in German on a 320 px phone', async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="width: 246px"><test-views lang="de" .catalog=${de} .icons=${false} .me=${ME}></test-views></div>`);
    const el = page.firstElementChild as TestViews;
    await el.updateComplete;
    for (const tile of $$(el, '[part="stats"] > div')) {
      const label = tile.querySelector('dt')!;
      const box = textBox(label);
      const room = tile.getBoundingClientRect();
      expect(box.left >= room.left && box.right <= room.right, `${label.textContent} inside its tile`).to.equal(true);
    }
  });
});
