import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MeResponse, MemberReferral } from '../types/v1.js';
import './define.js';
import type { ReferralShareElement } from './referral-share.js';
import { $, $$, ME, deepActive, fakeFetch, has, loaded, stubNavigator } from './test-support.js';
import { FRIENDS } from './test-views.js';

interface Sent {
  body: Record<string, unknown>;
  headers: Headers;
}

/**
 * A backend for the card: `/v1/me` answers `me`, the friends list pages `friends`, and `POST
 * /v1/me/referrals` answers what `refer` gives (by default the friend, "Pending", as the backend does).
 */
function fakeBackend(options: { me?: MeResponse; refer?: (body: Record<string, unknown>) => Response | Promise<Response> } = {}) {
  const sent: Sent[] = [];
  const friends: MemberReferral[] = [...FRIENDS];
  const fetchFake = fakeFetch(async (address, _call, init) => {
    const url = new URL(address);
    if (url.pathname.endsWith('/v1/me/referrals') && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      sent.push({ body, headers: new Headers(init.headers) });
      if (options.refer) return options.refer(body);
      const referral: MemberReferral = { name: `${body.firstName}${body.lastName ? ` ${String(body.lastName)[0]}.` : ''}`, status: 'Pending', createDate: new Date().toISOString() };
      friends.unshift(referral);
      return Response.json({ referral }, { status: 201 });
    }
    if (url.pathname.endsWith('/v1/me/referrals')) {
      const offset = Number(url.searchParams.get('offset'));
      const count = Number(url.searchParams.get('count'));
      return Response.json({ referrals: friends.slice(offset, offset + count), offset, total: friends.length, nextOffset: null });
    }
    return Response.json(options.me ?? ME);
  });
  return { sent, restore: fetchFake.restore };
}

const FORM_PROGRAM: MeResponse = { ...ME, offer: { member: 'a $25 gift card', friend: null, programType: 'Form' } };

async function card(attributes: { lang?: string; hide?: string } = {}, options: Parameters<typeof fakeBackend>[0] = {}) {
  const backend = fakeBackend(options);
  const el = await fixture<ReferralShareElement>(
    html`<referral-share endpoint="https://api.example" token="tok" lang=${attributes.lang ?? 'en'} hide=${attributes.hide ?? ''}></referral-share>`,
  );
  await loaded(el);
  return { el, backend };
}

const field = (el: Element, name: string) => $<HTMLInputElement>(el, `[part="refer-form"] [name="${name}"]`);
const refer = (el: Element) => waitUntil(() => has(el, '[part="refer-form"]'), 'no Refer a friend', { timeout: 4000 });

async function type(el: Element, name: string, value: string) {
  field(el, name).focus();
  await sendKeys({ type: value });
}

describe('refer a friend', () => {
  let backend: ReturnType<typeof fakeBackend> | undefined;
  afterEach(() => backend?.restore());

  it('is a closed disclosure under the channels for a Web program, and a member refers a friend with the keyboard alone', async () => {
    const made = await card();
    backend = made.backend;
    const { el } = made;
    await refer(el);
    const section = $<HTMLDetailsElement>(el, '[part="refer"]');
    expect(section.tagName).to.equal('DETAILS');
    expect(section.open).to.equal(false);
    expect($(el, '[part="channels"]').compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await expect(el).to.be.accessible();

    const events: CustomEvent[] = [];
    el.addEventListener('referral-share-refer', (event) => events.push(event as CustomEvent));
    $(el, '[part="refer"] summary').focus();
    await sendKeys({ press: 'Enter' });
    expect(section.open).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(field(el, 'firstName'));
    await sendKeys({ type: 'Sam' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Fisher' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'sam@example.org' });
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => $(el, '[part="refer-form"] [role="status"]').textContent === 'Sam F. is now on your list of friends.', 'not announced', { timeout: 4000 });
    expect(backend.sent).to.have.length(1);
    expect(backend.sent[0]!.body).to.deep.equal({ firstName: 'Sam', lastName: 'Fisher', email: 'sam@example.org' });
    expect(backend.sent[0]!.headers.get('authorization')).to.equal('Bearer tok');
    expect(backend.sent[0]!.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(field(el, 'firstName').value).to.equal('');
    expect(events.map((event) => event.detail)).to.deep.equal([{ status: 'sent' }]);
    await expect(el).to.be.accessible();
  });

  it('comes first and open for a Form program', async () => {
    const made = await card({}, { me: FORM_PROGRAM });
    backend = made.backend;
    await refer(made.el);
    const section = $(made.el, '[part="refer"]');
    expect(section.tagName).to.equal('SECTION');
    expect(section.compareDocumentPosition($(made.el, '[part="link"]')) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect($(made.el, '#refer-title').textContent).to.equal('Refer a friend');
    for (const [name, label] of [['firstName', 'First name'], ['lastName', 'Last name (optional)'], ['email', 'Email']]) {
      expect($(made.el, `label[for="refer-${name}"]`).textContent).to.equal(label);
    }
    await expect(made.el).to.be.accessible();
  });

  it('ties each field’s message to it, moves focus to the first wrong one, and sends nothing', async () => {
    const made = await card({}, { me: FORM_PROGRAM });
    backend = made.backend;
    const { el } = made;
    await refer(el);
    const events: CustomEvent[] = [];
    el.addEventListener('referral-share-refer', (event) => events.push(event as CustomEvent));
    $<HTMLButtonElement>(el, '[part="refer-submit"]').click();
    await waitUntil(() => field(el, 'firstName').getAttribute('aria-invalid') === 'true', 'not marked', { timeout: 4000 });
    const described = (name: string) => $(el, `#${field(el, name).getAttribute('aria-describedby')}`).textContent;
    expect(described('firstName')).to.equal("Enter your friend's first name.");
    expect(described('email')).to.equal("Enter your friend's email address.");
    expect(field(el, 'lastName').hasAttribute('aria-describedby')).to.equal(false);
    await waitUntil(() => deepActive() === field(el, 'firstName'), 'focus not on the first wrong field');
    await expect(el).to.be.accessible();

    await type(el, 'firstName', 'Sam');
    await type(el, 'email', 'sam@example');
    $<HTMLButtonElement>(el, '[part="refer-submit"]').click();
    await waitUntil(() => described('email') === 'Enter an email address like sam@example.com.', 'email not checked', { timeout: 4000 });
    expect(field(el, 'firstName').getAttribute('aria-invalid')).to.equal('false');
    await waitUntil(() => deepActive() === field(el, 'email'), 'focus not on the email');
    expect(backend.sent).to.have.length(0);
    expect(events.map((event) => event.detail)).to.deep.equal([{ status: 'invalid' }, { status: 'invalid' }]);
  });

  it('sends one submission at a time: the button says it is sending, and a second press sends nothing', async () => {
    let answer!: (response: Response) => void;
    const made = await card({}, { me: FORM_PROGRAM, refer: () => new Promise<Response>((resolve) => (answer = resolve)) });
    backend = made.backend;
    const { el } = made;
    await refer(el);
    await type(el, 'firstName', 'Noor');
    await type(el, 'email', 'noor@example.org');
    const submit = $<HTMLButtonElement>(el, '[part="refer-submit"]');
    submit.click();
    await waitUntil(() => submit.getAttribute('aria-disabled') === 'true', 'no progress shown', { timeout: 4000 });
    expect(submit.textContent!.trim()).to.equal('Sending…');
    submit.click();
    submit.click();
    await expect(el).to.be.accessible();
    expect(backend.sent).to.have.length(1);
    answer(Response.json({ referral: { name: 'Noor', status: 'Pending', createDate: new Date().toISOString() } }, { status: 201 }));
    await waitUntil(() => submit.getAttribute('aria-disabled') === 'false', 'still sending', { timeout: 4000 });
    expect(submit.textContent!.trim()).to.equal('Send referral');
    expect(backend.sent).to.have.length(1);
  });

  it('puts the friend at the top of “Your friends”', async () => {
    const made = await card();
    backend = made.backend;
    const { el } = made;
    await refer(el);
    $<HTMLDetailsElement>(el, '[part="friends"]').open = true;
    await waitUntil(() => $$(el, '[part="referral"]').length === 4, 'no friends', { timeout: 4000 });
    $<HTMLDetailsElement>(el, '[part="refer"]').open = true;
    await type(el, 'firstName', 'Iris');
    await type(el, 'email', 'iris@example.org');
    $<HTMLButtonElement>(el, '[part="refer-submit"]').click();
    await waitUntil(() => $$(el, '[part="referral"]').length === 5, 'the friend is not listed', { timeout: 4000 });
    expect($$(el, '[part="referral"] .name')[0]!.textContent).to.equal('Iris');
  });

  const refusals: Array<[number, string, string, string]> = [
    [409, 'already_referred', 'This friend has already been referred.', 'تمت إحالة هذا الصديق من قبل.'],
    [422, 'cannot_invite', "This friend can't be invited.", 'لا يمكن دعوة هذا الصديق.'],
    [429, 'daily_referral_limit', "You've referred as many friends as you can today. Try again tomorrow.", 'لقد أحلت أكبر عدد ممكن من الأصدقاء اليوم. حاول مجددًا غدًا.'],
    [422, 'self_referral', "You can't refer yourself.", 'لا يمكنك إحالة نفسك.'],
    [502, 'upstream_error', "Your referral wasn't sent. Please try again.", 'لم تُرسَل إحالتك. يُرجى المحاولة مرة أخرى.'],
  ];
  for (const [status, code, english, arabic] of refusals) {
    it(`says ${code} for the member, in English and in Arabic, and tells the page only the status`, async () => {
      for (const [lang, words] of [['en', english], ['ar', arabic]]) {
        backend?.restore();
        const made = await card({ lang }, { me: FORM_PROGRAM, refer: () => Response.json({ error: { code, message: 'technical' } }, { status }) });
        backend = made.backend;
        const { el } = made;
        await refer(el);
        await waitUntil(() => lang === 'en' || $(el, '#refer-title').textContent === 'أحِل صديقًا', 'no Arabic', { timeout: 4000 });
        const events: CustomEvent[] = [];
        el.addEventListener('referral-share-refer', (event) => events.push(event as CustomEvent));
        await type(el, 'firstName', 'Kai');
        await type(el, 'email', 'kai@example.org');
        $<HTMLButtonElement>(el, '[part="refer-submit"]').click();
        await waitUntil(() => has(el, '[part="refer-form"] [role="alert"]'), 'no refusal shown', { timeout: 4000 });
        expect($(el, '[part="refer-form"] [role="alert"]').textContent).to.equal(words);
        expect(events.map((event) => event.detail)).to.deep.equal([{ status: code === 'upstream_error' ? 'failed' : code }]);
        expect(field(el, 'email').value).to.equal('kai@example.org', 'the member’s typing is kept');
        await expect(el).to.be.accessible();
      }
    });
  }

  it('marks the field the backend names, and focuses it', async () => {
    const made = await card({}, { me: FORM_PROGRAM, refer: () => Response.json({ error: { code: 'invalid_field', message: 'email must be…', field: 'email' } }, { status: 400 }) });
    backend = made.backend;
    const { el } = made;
    await refer(el);
    await type(el, 'firstName', 'Theo');
    await type(el, 'email', 'theo@example.org');
    $<HTMLButtonElement>(el, '[part="refer-submit"]').click();
    await waitUntil(() => field(el, 'email').getAttribute('aria-invalid') === 'true', 'not marked', { timeout: 4000 });
    expect($(el, '#refer-email-problem').textContent).to.equal('Check this field.');
    await waitUntil(() => deepActive() === field(el, 'email'), 'not focused');
  });

  it('leaves the section out with hide="refer"', async () => {
    backend = fakeBackend({ me: FORM_PROGRAM });
    const host = await fixture(html`<div>
      <referral-share endpoint="https://api.example" token="tok" hide="refer"></referral-share>
      <referral-share endpoint="https://api.example" token="tok"></referral-share>
    </div>`);
    const [hidden, shown] = host.querySelectorAll<ReferralShareElement>('referral-share') as unknown as [ReferralShareElement, ReferralShareElement];
    // Once the card beside it shows the form, the hidden one would have too.
    await refer(shown);
    await hidden.updateComplete;
    expect(has(hidden, '[part="channels"]'), '[part="channels"]').to.equal(true);
    expect(has(hidden, '[part="refer"]'), '[part="refer"]').to.equal(false);
  });

  describe('Choose from contacts', () => {
    let restoreContacts: (() => void) | undefined;
    afterEach(() => restoreContacts?.());

    it('is absent where the browser cannot pick contacts', async () => {
      const made = await card({}, { me: FORM_PROGRAM });
      backend = made.backend;
      await refer(made.el);
      expect($$(made.el, '[part="refer-form"] button').map((button) => button.textContent!.trim())).to.deep.equal(['Send referral']);
    });

    it('fills name and e-mail from the contact picked, where the browser has the Contact Picker', async () => {
      const asked: unknown[] = [];
      restoreContacts = stubNavigator('contacts', {
        select: async (...args: unknown[]) => {
          asked.push(args);
          return [{ name: ['Mina Haddad'], email: ['mina@example.org'] }];
        },
      });
      const made = await card({}, { me: FORM_PROGRAM });
      backend = made.backend;
      const { el } = made;
      await refer(el);
      const pick = $$<HTMLButtonElement>(el, '[part="refer-form"] button').find((button) => button.textContent!.trim() === 'Choose from contacts')!;
      pick.click();
      await waitUntil(() => field(el, 'email').value === 'mina@example.org', 'not filled', { timeout: 4000 });
      expect([field(el, 'firstName').value, field(el, 'lastName').value]).to.deep.equal(['Mina', 'Haddad']);
      expect(asked).to.deep.equal([[['name', 'email'], { multiple: false }]]);
      await expect(el).to.be.accessible();
    });
  });
});
