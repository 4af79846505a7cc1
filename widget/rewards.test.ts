import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MemberReward, RewardsResponse } from '../types/v1.js';
import './define.js';
import type { ReferralShareElement } from './referral-share.js';
import { $, $$, backend, fakeFetch, has, loaded, ME, REWARDS } from './test-support.js';

const rows = (el: Element) => $$(el, '[part="reward"]').map((r) => r.textContent!.replace(/\s+/g, ' ').trim());

describe('rewards list', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  afterEach(() => fetchFake?.restore());

  const widget = async (answer: (url: string) => Response | Promise<Response>) => {
    fetchFake = fakeFetch(answer);
    const el = await fixture<ReferralShareElement>(html`<referral-share endpoint="https://api.example" token="tok" lang="en-US"></referral-share>`);
    await loaded(el);
    return el;
  };
  const openRewards = async (el: ReferralShareElement) => {
    $(el, '[part="rewards"] summary').focus();
    await sendKeys({ press: 'Enter' });
  };

  it('loads only when opened (keyboard), then shows amount, status, "available on" and issue date', async () => {
    const el = await widget(backend());
    expect(fetchFake.calls).to.have.length(1);
    await expect(el).to.be.accessible();
    await openRewards(el);
    await waitUntil(() => rows(el).length === 3, 'no rewards', { timeout: 4000 });
    expect(fetchFake.calls[1]).to.deep.equal({ url: 'https://api.example/v1/me/rewards?offset=0&count=5', authorization: 'Bearer tok' });
    expect(rows(el)).to.deep.equal(['€25.00 Pending Available on Jan 15, 2099', '€10.00 Processing', '€25.00 Issued Issued on Mar 2, 2024']);
    expect($(el, '[part="reward-status"]').textContent).to.equal('Pending');
    expect(has(el, '[part="rewards"] button'), '[part="rewards"] button').to.equal(false); // all three shown
    await expect(el).to.be.accessible();
  });

  it("starts over when the member changes: the former member's rewards never stay on screen", async () => {
    let rewards = REWARDS;
    const el = await widget((url) => backend(ME, rewards)(url));
    await openRewards(el);
    await waitUntil(() => rows(el).length === 3, 'no rewards', { timeout: 4000 });
    rewards = { rewards: [], offset: 0, total: 0, nextOffset: null };
    el.token = 'another-member';
    await loaded(el);
    await waitUntil(() => rows(el).length === 0 && $(el, '[part="rewards"] .muted'), "the new member's list did not load", { timeout: 8000 });
    expect(fetchFake.calls.at(-1)).to.deep.equal({ url: 'https://api.example/v1/me/rewards?offset=0&count=5', authorization: 'Bearer another-member' });
  });

  it('pages with "Show more"', async () => {
    const many: MemberReward[] = Array.from({ length: 7 }, (_, i) => ({ ...REWARDS.rewards[2]!, id: `r${i}`, amount: i + 1 }));
    const el = await widget(backend(ME, { rewards: many, offset: 0, total: 7, nextOffset: null }));
    await openRewards(el);
    await waitUntil(() => rows(el).length === 5, 'first page', { timeout: 4000 });
    const more = $<HTMLButtonElement>(el, '[part="rewards"] button');
    expect(more.textContent).to.equal('Show more');
    more.click();
    await waitUntil(() => rows(el).length === 7, 'second page', { timeout: 4000 });
    expect(fetchFake.calls.at(-1)!.url).to.equal('https://api.example/v1/me/rewards?offset=5&count=5');
    expect(has(el, '[part="rewards"] button'), '[part="rewards"] button').to.equal(false);
  });

  it("follows nextOffset past a page the backend shortened (a friend's reward left out), and stops at null", async () => {
    const reward = (id: string): MemberReward => ({ ...REWARDS.rewards[2]!, id, amount: id.length });
    const pages: Record<string, RewardsResponse> = {
      0: { rewards: [reward('a'), reward('bb'), reward('ccc'), reward('dddd')], offset: 0, total: 7, nextOffset: 5 },
      5: { rewards: [reward('eeeee')], offset: 5, total: 7, nextOffset: null },
    };
    const el = await widget((url) => {
      const parsed = new URL(url);
      return parsed.pathname.endsWith('/v1/me/rewards') ? Response.json(pages[parsed.searchParams.get('offset')!]) : Response.json(ME);
    });
    await openRewards(el);
    await waitUntil(() => rows(el).length === 4, 'first page', { timeout: 4000 });
    $<HTMLButtonElement>(el, '[part="rewards"] button').click();
    await waitUntil(() => rows(el).length === 5, 'second page', { timeout: 4000 });
    expect(fetchFake.calls.at(-1)!.url).to.equal('https://api.example/v1/me/rewards?offset=5&count=5');
    expect(has(el, '[part="rewards"] button'), 'no "Show more" after the last page').to.equal(false);
  });

  it('words the empty state for a new member', async () => {
    const el = await widget(backend(ME, { rewards: [], offset: 0, total: 0, nextOffset: null }));
    await openRewards(el);
    await waitUntil(() => $(el, '[part="rewards"] .muted'), 'no empty state', { timeout: 4000 });
    expect($(el, '[part="rewards"]').textContent).to.include('No rewards yet. Share your link: when a friend joins, your reward shows up here.');
    await expect(el).to.be.accessible();
  });

  it('shows a failure with Retry, and Retry loads the page', async () => {
    let fail = true;
    const el = await widget((url) =>
      url.includes('/rewards') && fail ? Response.json({ error: { code: 'upstream_error', message: 'Referral Rock failed to answer.' } }, { status: 502 }) : backend()(url),
    );
    const errored = new Promise<CustomEvent>((resolve) => el.addEventListener('referral-share-error', (e) => resolve(e as CustomEvent), { once: true }));
    await openRewards(el);
    expect((await errored).detail).to.deep.equal({ code: 'upstream_error', message: 'Referral Rock failed to answer.', status: 502 });
    await waitUntil(() => $(el, '[part="rewards"] [role="alert"]'), 'no error shown', { timeout: 4000 });
    expect($(el, '[part="rewards"] [role="alert"]').textContent).to.equal("Your referral details aren't available right now. Please try again in a few minutes.");
    await expect(el).to.be.accessible();
    fail = false;
    $(el, '[part="rewards"] button').click();
    await waitUntil(() => rows(el).length === 3, 'retry did not load', { timeout: 4000 });
  });
});
