import { expect, fixture, html } from '@open-wc/testing';
import { $$ } from './test-support.js';
import { REWARDS_WITH_DESCRIPTIONS, type TestViews } from './test-views.js';
import './test-views.js';

describe('rewards, as a member reads them', () => {
  it('show their description, as text', async () => {
    const el = await fixture<TestViews>(html`<test-views .icons=${false} .rewards=${{ status: 'loaded', items: REWARDS_WITH_DESCRIPTIONS, total: 3, next: null }}></test-views>`);
    const rows = $$(el, '[part="reward"]').map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal([
      '$25.00 Pending Available on Jan 15, 2099 Gift card for referring Jordan L.',
      '$10.00 Processing <b>Bonus</b> for Priya K.',
      '$1,250.00 Issued Issued on Mar 2, 2024',
    ]);
    expect($$(el, '[part="reward"] b')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
