import { expect, fixture, html } from '@open-wc/testing';
import { $$ } from './test-support.js';
import { REWARDS_WITH_DESCRIPTIONS, type TestViews } from './test-views.js';
import './test-views.js';

/** WCAG relative luminance of a computed `rgb(…)` colour. */
function luminance(color: string): number {
  const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

describe('status badges', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`each reward status reads in its own colours, at AA contrast, in the ${theme} theme`, async () => {
      const el = await fixture<TestViews>(html`<test-views .icons=${false} theme=${theme} .rewards=${{ status: 'loaded', items: REWARDS_WITH_DESCRIPTIONS, total: 3, next: null }}></test-views>`);
      const badges = $$(el, '[part="reward-status"]');
      expect(badges.map((b) => b.textContent)).to.deep.equal(['Pending', 'Processing', 'Issued']);
      const colours = badges.map((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor] as const);
      expect(new Set(colours.map(([fg, bg]) => `${fg}/${bg}`)).size).to.equal(3);
      for (const [fg, bg] of colours) expect(contrast(fg, bg), `${fg} on ${bg}`).to.be.at.least(4.5);
      await expect(el).to.be.accessible();
    });
  }

  it('follows the system in theme="auto"', async () => {
    const el = await fixture<TestViews>(html`<test-views .icons=${false} theme="auto" .rewards=${{ status: 'loaded', items: REWARDS_WITH_DESCRIPTIONS, total: 3, next: null }}></test-views>`);
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    // Light system here: the light pair (amber text on pale yellow).
    expect(getComputedStyle($$(el, '[part="reward-status"]')[0]!).color).to.equal(dark ? 'rgb(252, 211, 77)' : 'rgb(133, 77, 14)');
  });
});
