/** The sandbox's e-mail unsubscribe list (`api/email/*`), and duplicates refused by `POST api/referrals`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HookHistoryList, NewReferralResult, UnsubscribedList } from '../../types/referralrock.js';
import { snapshot, testSandbox } from './test-helpers.js';

describe('sandbox › e-mail unsubscribe list', () => {
  it('adds an address sent as a bare JSON string, lists it (all, or by ?email= in any case), fires EmailUnsubscribed, and removes it', async () => {
    const { post, get, del, call } = testSandbox();
    assert.equal((await post('/api/email/unsubscribe', JSON.stringify('Quiet@Example.org'))).status, 200);
    assert.equal((await post('/api/email/unsubscribe', { email: 'quiet@example.org' })).status, 200, 'twice is once');
    const all = await get<UnsubscribedList>('/api/email/getunsubscribed');
    assert.deepEqual(all.body.unsubscribed.map((entry) => entry.email).sort(), ['no-mail@example.net', 'quiet@example.org']);
    const one = await get<UnsubscribedList>('/api/email/getunsubscribed?email=QUIET@example.org');
    assert.deepEqual(one.body.unsubscribed.map((entry) => entry.email), ['quiet@example.org']);
    assert.equal(one.body.total, 1);
    const fired = await get<HookHistoryList>('/api/hooks/history/EmailUnsubscribed');
    assert.equal(fired.status, 200);
    assert.equal((await del('/api/email/removeunsubscribe', JSON.stringify('quiet@example.org'))).status, 200);
    assert.equal((await post('/api/email/removeunsubscribe', JSON.stringify('quiet@example.org'))).status, 404);
    assert.equal((await get<UnsubscribedList>('/api/email/getunsubscribed?email=quiet@example.org')).body.total, 0);
    assert.equal((await call('PUT', '/api/email/unsubscribe')).status, 405);
  });

  it('refuses a body that names no address, changing nothing', async () => {
    const { post, state } = testSandbox();
    const before = snapshot(state);
    for (const body of ['not json', JSON.stringify(42), JSON.stringify('no-at-sign'), JSON.stringify({ address: 'x@example.org' })]) {
      assert.equal((await post('/api/email/unsubscribe', body)).status, 400, body);
    }
    assert.equal(snapshot(state), before);
  });
});

describe('sandbox › POST api/referrals', () => {
  it('answers { message, referral } once, and refuses the same friend again in the program', async () => {
    const { post } = testSandbox();
    const first = await post<NewReferralResult>('/api/referrals', { referralCode: 'ADA2024', firstName: 'Hal', email: 'hal@example.org' });
    assert.equal(first.status, 200);
    assert.equal(first.body.referral?.status, 'Pending');
    assert.equal(first.body.referral?.memberReferralCode, 'ADA2024');
    const again = await post<{ message: string }>('/api/referrals', { referralCode: 'GRACE42', firstName: 'Hal', email: 'HAL@example.org' });
    assert.equal(again.status, 400);
    assert.match(again.body.message, /already been referred/);
  });
});
