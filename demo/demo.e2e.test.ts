/**
 * End to end: the real server on a free loopback port in sandbox mode (calling its sandbox over
 * real HTTP), the demo page and the built script-tag bundle, in Debian's Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startNodeServer, type RunningServer } from '../server/runtime/node.js';
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

  it('recovers with Retry after a server restart: the old token is refused, the widget asks tokenProvider and the page fetches a fresh one', async () => {
    // A server of its own, to stop and start again on the same port.
    let server: RunningServer | undefined = await startNodeServer({ PORT: '0' }, () => {});
    const port = new URL(server.url).port;
    const page = await demo.browser.newPage();
    try {
      const meCalls: Array<{ authorization: string; status: number }> = [];
      const tokenCalls: string[] = [];
      page.on('response', (r) => {
        const path = new URL(r.url()).pathname;
        if (path === '/v1/me') meCalls.push({ authorization: r.request().headers().authorization ?? '', status: r.status() });
        if (path === '/demo/token') tokenCalls.push(r.url());
      });
      await page.goto(`${server.url}/?member=grace@example.com`);
      const widget = page.locator('referral-share');
      const link = widget.locator('[part="link"]');
      await link.waitFor();
      const oldToken = meCalls.at(-1)!.authorization;

      await server.close();
      server = undefined;
      // The member changes the stats period while the server is down: the widget cannot reach it.
      await page.selectOption('#switch-time-period', 'Last30Days');
      const retry = widget.locator('[part="error"] button');
      await retry.waitFor();

      server = await startNodeServer({ PORT: port }, () => {});
      assert.equal(server.url, new URL(page.url()).origin);
      const refused = await fetch(`${server.url}/v1/me`, { headers: { authorization: oldToken } });
      assert.equal(refused.status, 401, 'the restarted server refuses the token it did not sign');
      const tokensBefore = tokenCalls.length;
      await retry.click();
      await page.waitForFunction(() => document.querySelector('referral-share')?.shadowRoot?.querySelector('input')?.value.endsWith('/r/GRACE42'));
      await widget.locator('[part="stats"]').waitFor();
      assert.equal(await widget.locator('[part="error"]').count(), 0);
      assert.equal(tokenCalls.length, tokensBefore + 1, 'one fresh token from /demo/token');
      const fresh = meCalls.at(-1)!;
      assert.notEqual(fresh.authorization, oldToken);
      assert.equal(fresh.status, 200);

      // The fresh token stays with the widget: the next load is not refused first.
      const callsBefore = meCalls.length;
      const nextLoad = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/me');
      await page.selectOption('#switch-time-period', 'All');
      await nextLoad;
      await widget.locator('[part="stats"]').waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(meCalls.slice(callsBefore).map((c) => c.status), [200]);
    } finally {
      await page.close();
      await server?.close();
    }
  });
});
