/**
 * End to end: the demo's simulate panel drives a member from nothing to an issued reward through
 * the sandbox's documented endpoints, and the widget's stats follow. Real server on a free
 * loopback port, Debian's Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemo, type Demo } from './e2e-harness.js';


describe('demo simulate panel, end to end', () => {
  let demo: Demo;
  before(async () => (demo = await startDemo()));
  after(() => demo?.close());

  it('the simulate panel’s new friend appears in the friends list', async () => {
    const page = await demo.browser.newPage({ locale: 'en-US' });
    await page.goto(`${demo.server.url}/?member=grace@example.com`);
    const friends = page.locator('referral-share [part="friends"]');
    await page.locator('referral-share [part="stats"], referral-share [part="nudge"]').first().waitFor();
    await friends.locator('summary').click();
    await friends.locator('[part="referral"], .empty').first().waitFor();
    const before = await friends.locator('[part="referral"]').count();

    await page.getByRole('button', { name: 'A friend signs up' }).click();
    const status = page.locator('#simulate-status');
    await status.filter({ hasText: /signed up with/ }).waitFor({ timeout: 10_000 });
    const firstName = (await status.innerText()).split(' ')[0]!;
    // The widget reloads; the open list loads its first page again, the new friend in it.
    const newFriend = friends.locator('[part="referral"]', { hasText: firstName });
    await newFriend.first().waitFor({ timeout: 10_000 });
    assert.match(await newFriend.first().innerText(), /Pending/);
    assert.ok((await friends.locator('[part="referral"]').count()) >= Math.min(before + 1, 5));
    // The panel shows the webhook the sandbox delivered, as Referral Rock sends one: signed, PascalCase.
    const webhooks = page.locator('#simulate-webhooks');
    await webhooks.locator('summary').click();
    const delivered = await webhooks.locator('pre').innerText();
    assert.match(delivered, /RR-Signature: base64\(HMAC-SHA512/);
    assert.match(delivered, /ReferralAdd: (Delivered \(HTTP 200\)|Pending)/);
    assert.match(delivered, new RegExp(`"FirstName": "${firstName}"[\\s\\S]*"EventType": "ReferralAdd",\\s+"Timestamp": \\d+`));
    await page.close();
  });

  it('takes Linus from nothing to an issued reward, the widget’s stats changing at each step', async () => {
    const page = await demo.browser.newPage({ locale: 'en-US' });
    const errors: string[] = [];
    const browserRequests: Array<{ url: string; authorization?: string }> = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => browserRequests.push({ url: r.url(), authorization: r.headers().authorization }));
    await page.goto(`${demo.server.url}/?member=linus@example.com`);
    // Nothing yet: a nudge to share instead of seven zeros; the stats come with the first view.
    await page.locator('referral-share [part="nudge"]').waitFor();
    const stats = page.locator('referral-share [part="stats"]');
    const statsText = () => stats.innerText();

    const status = page.locator('#simulate-status');
    const run = async (button: string, message: RegExp, expected: RegExp) => {
      await page.getByRole('button', { name: button }).click();
      await status.filter({ hasText: message }).waitFor({ timeout: 10_000 });
      assert.equal(await status.getAttribute('data-state'), 'ok', await status.innerText());
      assert.match(await statsText(), expected, button);
    };
    await run('A friend follows my link', /one more view/, /Views\s+1[\s\S]*Referrals pending\s+0[\s\S]*Referrals approved\s+0[\s\S]*Rewards pending\s+\$0\.00[\s\S]*Rewards issued\s+\$0\.00/);
    await run('A friend signs up', /signed up with Linus’s code LINUS01/, /Referrals pending\s+1/);
    await run('Approve the referral', /approved/, /Referrals pending\s+0[\s\S]*Referrals approved\s+1[\s\S]*Rewards pending\s+\$25\.00[\s\S]*Rewards issued\s+\$0\.00/);
    await run('Issue the reward', /Issued 25 USD to Linus/, /Rewards pending\s+\$0\.00[\s\S]*Rewards issued\s+\$25\.00/);

    // Nothing left to issue: the panel says so, and the widget is unchanged.
    await page.getByRole('button', { name: 'Issue the reward' }).click();
    await status.filter({ hasText: /no pending reward/ }).waitFor();
    assert.equal(await status.getAttribute('data-state'), 'error');
    assert.match(await statsText(), /Rewards issued\s+\$25\.00/);

    // The browser never called the API with a key: only the demo routes and the public link.
    assert.deepEqual(browserRequests.filter((r) => r.url.includes('/sandbox/api/') || r.authorization?.startsWith('Basic')), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
