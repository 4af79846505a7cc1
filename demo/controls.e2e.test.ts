/**
 * End to end: the demo's switches change the built widget live (layout, theme, language — the
 * language's catalog loaded from dist/referral-share-lazy/ by the script-tag bundle), and the
 * rewards list comes from GET /v1/me/rewards through the real server and its sandbox. The page
 * itself: it fits a 375 px phone, its colours follow the widget's theme, and using it logs no error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startDemo, type Demo } from './e2e-harness.js';

/** Page controls (and the widget) that stick out of their own box, or out of the screen. */
const overflowingControls = (page: Page) =>
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  page.evaluate(() =>
    [...document.querySelectorAll('select, button, referral-share')].flatMap((el) => {
      // The box it must fit in: the nearest ancestor that is a block (a label may be inline), inside its padding.
      let box = el.parentElement!;
      while (getComputedStyle(box).display.startsWith('inline') || getComputedStyle(box).display === 'contents') box = box.parentElement!;
      const boxStyle = getComputedStyle(box);
      const boxRect = box.getBoundingClientRect();
      const [left, right] = [boxRect.left + parseFloat(boxStyle.borderLeftWidth) + parseFloat(boxStyle.paddingLeft), boxRect.right - parseFloat(boxStyle.borderRightWidth) - parseFloat(boxStyle.paddingRight)];
      const rect = el.getBoundingClientRect();
      const name = `${el.localName}${el.id ? `#${el.id}` : ''} ${el.textContent?.trim().slice(0, 30) ?? ''}`;
      if (rect.left < 0 || rect.right > innerWidth) return [`${name}: outside the screen (${rect.left}–${rect.right} of ${innerWidth})`];
      if (rect.left < left - 0.5 || rect.right > right + 0.5) return [`${name}: past its box (${rect.left}–${rect.right} in ${left}–${right})`];
      return [];
    }),
  );

/** Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour; a transparent one is the white canvas. */
function luminance(color: string): number {
  const [r, g, b, alpha = 1] = color.match(/[\d.]+/g)!.map(Number);
  if (alpha === 0) return 1;
  const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The page's background and text, and the background of its panels and of its form controls. */
const pageColours = (page: Page) =>
  page.evaluate(() => {
    const [body, panel, select] = ['body', '.panel', '#member'].map((selector) => getComputedStyle(document.querySelector(selector)!)) as [CSSStyleDeclaration, CSSStyleDeclaration, CSSStyleDeclaration];
    return { background: body.backgroundColor, text: body.color, panel: panel.backgroundColor, controls: select.backgroundColor };
  });


describe('demo switches and rewards, end to end', () => {
  let demo: Demo;
  before(async () => (demo = await startDemo()));
  after(() => demo?.close());

  it('switches layout, theme and language live, and keeps them in the URL', async () => {
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${demo.server.url}/`);
    const widget = page.locator('referral-share');
    await widget.locator('[part="stats"]').waitFor();

    await page.selectOption('#switch-layout', 'button');
    await page.selectOption('#switch-theme', 'dark');
    await page.selectOption('#switch-lang', 'ar');
    const open = widget.locator('[part="open-button"]');
    await page.waitForFunction(() => document.querySelector('referral-share')?.shadowRoot?.querySelector('[part="open-button"]')?.textContent?.trim() === 'شارك واربح');
    assert.equal(await widget.getAttribute('theme'), 'dark');
    assert.equal(await widget.locator('[part="base"]').getAttribute('dir'), 'rtl');
    await open.click();
    await widget.locator('[part="popover"] [part="stats"]').waitFor();
    assert.match(new URL(page.url()).search, /layout=button&theme=dark&lang=ar|layout=button.*theme=dark.*lang=ar/);

    await page.reload();
    await page.waitForFunction(() => document.querySelector('referral-share')?.shadowRoot?.querySelector('[part="open-button"]')?.textContent?.trim() === 'شارك واربح');
    assert.equal(await page.locator('#switch-lang').inputValue(), 'ar');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("shows the member's rewards from the sandbox, and a new member's empty state", async () => {
    const page = await demo.browser.newPage();
    await page.goto(`${demo.server.url}/?member=ada@example.com`);
    const widget = page.locator('referral-share');
    await widget.locator('[part="rewards"] summary').click();
    await widget.locator('[part="reward"]').first().waitFor();
    const rows = await widget.locator('[part="reward"]').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /\$25\.00\s+Pending\s+Available on /);
    assert.match(rows[1]!, /\$25\.00\s+Issued\s+Issued on /);

    await page.selectOption('#member', 'linus@example.com');
    await page.waitForFunction(() => document.querySelector('referral-share')?.shadowRoot?.querySelector('input')?.value.endsWith('/r/LINUS01'));
    // The list stays open across the switch and loads the new member's first page itself.
    await widget.getByText('No rewards yet').waitFor();
    await page.close();
  });

  it('fits a 375 px phone: no sideways scroll, the member menu and every switch inside its box, in each layout', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 375, height: 812 } });
    for (const query of ['', 'lang=ar&time-period=Last30Days', 'layout=button&theme=dark&lang=de']) {
      await page.goto(`${demo.server.url}/?member=ada@example.com&${query}`);
      const widget = page.locator('referral-share');
      if (query.includes('layout=button')) await widget.locator('[part="open-button"]').click();
      await widget.locator('[part="stats"]').waitFor();
      const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, screen: innerWidth }));
      assert.ok(width.scroll <= width.screen, `${query}: the page scrolls sideways (${width.scroll} > ${width.screen})`);
      assert.deepEqual(await overflowingControls(page), [], query);
    }
    await page.close();
  });

  it('reaches its controls on a 375 px phone from the first screen, above the long card', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 375, height: 667 } });
    await page.goto(`${demo.server.url}/?member=ada@example.com`);
    await page.locator('referral-share').locator('[part="stats"]').waitFor();
    const inView = (selector: string) =>
      page.evaluate((s) => {
        const rect = document.querySelector(s)!.getBoundingClientRect();
        return rect.top >= 0 && rect.bottom <= innerHeight;
      }, selector);
    for (const [link, control] of [['Widget settings', '#switch-layout'], ['Simulate the program', '[data-step="visit"]']] as const) {
      await page.evaluate(() => scrollTo(0, 0));
      assert.equal(await inView(`.jump a[href="#${link === 'Widget settings' ? 'controls' : 'simulate'}"]`), true, `${link}: not on the first screen`);
      assert.equal(await inView(control), false, `${control}: already on the first screen`);
      await page.getByRole('link', { name: link }).click();
      await page.waitForFunction((s) => {
        const rect = document.querySelector(s)!.getBoundingClientRect();
        return rect.top >= 0 && rect.bottom <= innerHeight;
      }, control);
    }
    await page.close();
  });

  it("follows the widget's theme switch: dark page with the dark widget, light with the light one, the system's with System", async () => {
    const page = await demo.browser.newPage({ colorScheme: 'light' });
    await page.goto(`${demo.server.url}/`);
    await page.locator('referral-share [part="stats"]').waitFor();
    const expectTheme = async (theme: 'light' | 'dark') => {
      const colours = await pageColours(page);
      const [background, text, panel, controls] = [colours.background, colours.text, colours.panel, colours.controls].map(luminance) as [number, number, number, number];
      if (theme === 'dark') assert.ok(background < 0.05 && panel < 0.05 && controls < 0.05, `a dark page: ${JSON.stringify(colours)}`);
      else assert.ok(background > 0.8 && panel > 0.8 && controls > 0.8, `a light page: ${JSON.stringify(colours)}`);
      assert.ok(contrast(background, text) >= 7 && contrast(panel, text) >= 7, `readable text: ${JSON.stringify(colours)}`);
    };
    await expectTheme('light');
    await page.selectOption('#switch-theme', 'dark');
    await expectTheme('dark');
    await page.selectOption('#switch-theme', 'light');
    await expectTheme('light');
    await page.selectOption('#switch-theme', 'auto');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectTheme('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expectTheme('light');
    await page.close();
  });

  it('logs no console error and no failed request while it loads (one widget load) and every control is used', async () => {
    const page = await demo.browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${demo.server.url}/`);
    const widget = page.locator('referral-share');
    await widget.locator('[part="stats"]').waitFor();
    await page.waitForLoadState('networkidle');
    const count = (path: string) => requests.filter((p) => p === path).length;
    assert.deepEqual([count('/demo/token'), count('/v1/me')], [1, 1], 'one token, one load: not several loads that abort each other');
    await widget.locator('[part="rewards"] summary').click();
    await widget.locator('[part="reward"]').first().waitFor();

    await page.selectOption('#member', 'grace@example.com');
    await page.waitForFunction(() => document.querySelector('referral-share')?.shadowRoot?.querySelector('input')?.value.endsWith('/r/GRACE42'));
    await page.selectOption('#switch-time-period', 'Last7Days');
    await page.selectOption('#switch-theme', 'dark');
    await page.selectOption('#switch-lang', 'ja');
    await widget.locator('[part="base"][lang="ja"] [part="stats"]').waitFor();
    await page.selectOption('#switch-layout', 'button');
    await widget.locator('[part="open-button"]').click();
    await widget.locator('[part="popover"] [part="stats"]').waitFor();
    await page.keyboard.press('Escape');
    await page.selectOption('#switch-layout', 'inline');
    await widget.locator('[part="stats"]').waitFor();
    // The favicon is asked for after the load; by now it has been, and no further request is due.
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
