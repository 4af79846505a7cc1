import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import type { ReferralShareElement } from './referral-share.js';
import { ME, fakeFetch, loaded, text } from './test-support.js';

const expired = () => Response.json({ error: { code: 'token_expired', message: 'The member token has expired.' } }, { status: 401 });

describe('tokenProvider', () => {
  let fetchFake: ReturnType<typeof fakeFetch>;
  afterEach(() => fetchFake?.restore());

  const widget = (setup: (el: ReferralShareElement) => void) => {
    const el = document.createElement('referral-share');
    el.endpoint = 'https://api.example';
    setup(el);
    return el;
  };

  it('is asked for a token when none is set', async () => {
    fetchFake = fakeFetch(() => Response.json(ME));
    let asked = 0;
    const el = widget((el) => (el.tokenProvider = async () => (asked++, 'fresh')));
    await fixture(el);
    await loaded(el);
    expect(asked).to.equal(1);
    expect(fetchFake.calls.map((c) => c.authorization)).to.deep.equal(['Bearer fresh']);
  });

  it('is asked once more after a 401, and the call is repeated with the new token', async () => {
    fetchFake = fakeFetch((_url, call) => (call.authorization === 'Bearer old' ? expired() : Response.json(ME)));
    let asked = 0;
    const el = widget((el) => {
      el.token = 'old';
      el.tokenProvider = async () => (asked++, 'new');
    });
    const loadedEvent = oneEvent(el, 'referral-share-load');
    let errors = 0;
    el.addEventListener('referral-share-error', () => errors++);
    await fixture(el);
    await loadedEvent;
    expect(asked).to.equal(1);
    expect(errors).to.equal(0);
    expect(fetchFake.calls.map((c) => c.authorization)).to.deep.equal(['Bearer old', 'Bearer new']);
  });

  it('shows the expired-token message when the fresh token is refused too, asking only once', async () => {
    fetchFake = fakeFetch(expired);
    let asked = 0;
    const el = widget((el) => {
      el.token = 'old';
      el.tokenProvider = async () => (asked++, 'also-old');
    });
    const errored = oneEvent(el, 'referral-share-error');
    await fixture(el);
    expect((await errored).detail.code).to.equal('token_expired');
    await loaded(el);
    expect(asked).to.equal(1);
    expect(fetchFake.calls).to.have.length(2);
    expect(text(el)).to.include('Your session has timed out.');
  });

  it('reports a provider that fails', async () => {
    fetchFake = fakeFetch(() => Response.json(ME));
    const el = widget((el) => (el.tokenProvider = () => Promise.reject(new Error('login needed'))));
    const errored = oneEvent(el, 'referral-share-error');
    await fixture(el);
    expect((await errored).detail).to.deep.equal({ code: 'token_unavailable', message: 'Something went wrong.', status: 0 });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'));
    expect(fetchFake.calls).to.have.length(0);
  });

  it('offers Retry when the provider failed (offline for a moment), and Retry asks it again', async () => {
    fetchFake = fakeFetch(() => Response.json(ME));
    let online = false;
    const el = widget((el) => (el.tokenProvider = () => (online ? Promise.resolve('fresh') : Promise.reject(new TypeError('Failed to fetch')))));
    await fixture(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="error"] button'), 'no Retry for a provider that failed');
    online = true;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await loaded(el);
    expect(fetchFake.calls.at(-1)!.authorization).to.equal('Bearer fresh');
  });
});
