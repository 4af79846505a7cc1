/**
 * End to end: the demo's switches change the built widget live (layout, theme, language — the
 * language's catalog loaded from dist/referral-share-lazy/ by the script-tag bundle), and the
 * rewards list comes from GET /v1/me/rewards through the real server and its sandbox.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemo, type Demo } from './e2e-harness.js';


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
});
