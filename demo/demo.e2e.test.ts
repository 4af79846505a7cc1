/**
 * End to end: the real server on a free loopback port in sandbox mode (calling its sandbox over
 * real HTTP), the demo page and the built script-tag bundle, in Debian's Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemo, type Demo } from './e2e-harness.js';


describe('demo, end to end', () => {
  let demo: Demo;
  before(async () => (demo = await startDemo()));
  after(() => demo?.close());

  it('shows the member’s share URL and stats inside the widget, and switches members', async () => {
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${demo.server.url}/`);
    const link = page.locator('referral-share [part="link"]');
    await link.waitFor();
    // Shown without its scheme; Copy copies it whole.
    assert.equal(await link.inputValue(), `${demo.server.url.replace(/^https?:\/\//, '')}/sandbox/r/ADA2024`);
    const stats = await page.locator('referral-share [part="stats"]').innerText();
    assert.match(stats, /Shares\s+8/);

    await page.selectOption('#member', 'grace@example.com');
    await page.waitForFunction(() => document.querySelector('referral-share')?.shadowRoot?.querySelector('input')?.value.endsWith('/r/GRACE42'));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('counts a view when a friend follows the link, and the widget shows it on reload', async () => {
    const page = await demo.browser.newPage();
    await page.goto(`${demo.server.url}/?member=linus@example.com`);
    const link = page.locator('referral-share [part="link"]');
    await link.waitFor();
    await page.locator('referral-share [part="nudge"]').waitFor(); // no activity yet: a nudge, not seven zeros
    const friend = await demo.browser.newPage();
    const res = await friend.goto(`http://${await link.inputValue()}`); // the field leaves out the scheme
    assert.equal(res?.status(), 200);
    assert.match(await friend.locator('h1').innerText(), /Linus invited you/);
    await page.reload();
    await page.locator('referral-share [part="stats"]').waitFor();
    assert.match(await page.locator('referral-share [part="stats"]').innerText(), /Views\s+1/);
    await page.close();
    await friend.close();
  });
});
