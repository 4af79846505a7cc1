/**
 * "Refer a friend": the form's state and its one submission at a time, loaded on demand with the
 * card's details. The element gives it a few hooks (its token, its friends list, its render); the
 * view is `refer-view.ts`.
 */
import type { ReactiveControllerHost } from 'lit';
import { FRIEND_EMAIL_PATTERN, FRIEND_FIELD_LIMITS } from '../shared/v1.js';
import type { ErrorBody, FriendReferralRequest, FriendReferralResponse, MemberReferral, MeResponse } from '../types/v1.js';
import type { ReferStatus } from './events.js';
import type { LoadedStrings } from './i18n/en.js';
import type { ListState } from './list-controller.js';
import { referView, type ReferFieldName, type ReferProblem } from './refer-view.js';

export { referStyles } from './refer-view.js';

/** What the form needs of the element. */
export interface ReferHost extends ReactiveControllerHost, HTMLElement {
  endpoint: string;
  /** Sections left out (`refer` among them leaves this one out). */
  hide: string;
  renderRoot: HTMLElement | DocumentFragment;
}

/** The element's hooks, passed in: its module's copies, never a second one. */
export interface ReferPorts {
  /** Calls the backend with the member's token (a fresh one after a 401). */
  withToken<T>(call: (token: string) => Promise<T>): Promise<T>;
  /** The element's failure class: what `withToken` recognises for its retry after a 401. */
  LoadError: new (code: string, message: string, status: number) => Error;
  /** The "Your friends" list: a friend referred goes to its top. */
  friends: { state: ListState<MemberReferral> };
}

/** Where a submission's refusal sits: a field of the form, or the form as a whole. */
const FIELD_OF_PROBLEM: Partial<Record<string, ReferFieldName>> = { firstName: 'firstName', lastName: 'lastName', email: 'email' };
const REFUSALS: readonly ReferStatus[] = ['self_referral', 'cannot_invite', 'already_referred', 'daily_referral_limit'];

/**
 * The form's state: values, each field's problem, the refusal or the friend last sent, and whether
 * a submission is on its way (a second one waits for it: never two at once). Each submission has an
 * `Idempotency-Key`, kept when the same values are sent again after a failure, so a retry of a
 * request that did reach the server makes no second referral.
 */
export class ReferForm {
  values: Record<ReferFieldName, string> = { firstName: '', lastName: '', email: '' };
  problems: Partial<Record<ReferFieldName, ReferProblem>> = {};
  /** Why the last submission was refused (a status other than `sent` or `invalid`). */
  refusal?: ReferStatus;
  /** The friend last referred, as the friends list shows them (announced politely). */
  sent?: MemberReferral;
  sending = false;
  #pending?: { key: string; values: string };

  constructor(
    private readonly host: ReferHost,
    private readonly ports: ReferPorts,
  ) {}

  /** Whether the browser can pick from the device's contacts (the Contact Picker API: Android Chrome). */
  get canPickContacts(): boolean {
    return typeof (navigator as NavigatorWithContacts).contacts?.select === 'function';
  }

  /** The template, placed by the element: first and open for a `Form` program, else a closed disclosure. */
  render(data: MeResponse, t: LoadedStrings, first: boolean) {
    const isForm = data.offer?.programType === 'Form';
    if (isForm !== first) return undefined;
    return referView(this, t, {
      open: isForm,
      input: (field, value) => this.#input(field, value),
      submit: (event) => void this.#submit(event),
      pickContact: () => void this.#pickContact(),
    });
  }

  #input(field: ReferFieldName, value: string): void {
    this.values[field] = value;
    // A field marked wrong is checked again as it is corrected; an unmarked one waits for submit.
    if (this.problems[field]) this.problems[field] = problemOf(field, value.trim());
    this.host.requestUpdate();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const form = event.currentTarget as HTMLFormElement;
    this.refusal = undefined;
    this.sent = undefined;
    for (const field of Object.keys(this.values) as ReferFieldName[]) this.problems[field] = problemOf(field, this.values[field].trim());
    if (this.#focusFirstProblem(form)) return this.#finish('invalid');

    const friend: FriendReferralRequest = { firstName: this.values.firstName.trim(), email: this.values.email.trim() };
    if (this.values.lastName.trim()) friend.lastName = this.values.lastName.trim();
    const values = JSON.stringify(friend);
    if (this.#pending?.values !== values) this.#pending = { key: crypto.randomUUID(), values };
    this.sending = true;
    this.host.requestUpdate();
    try {
      const { referral } = await this.ports.withToken((token) => this.#post(token, friend, this.#pending!.key));
      this.#pending = undefined;
      this.values = { firstName: '', lastName: '', email: '' };
      this.sent = referral;
      this.#addToFriends(referral);
      this.#finish('sent');
    } catch (err) {
      const { code, field } = err as { code?: string; field?: string };
      const status = REFUSALS.find((s) => s === code);
      if (code === 'invalid_field' && field && FIELD_OF_PROBLEM[field]) {
        this.problems[FIELD_OF_PROBLEM[field]!] = 'invalid';
        this.#finish('invalid');
        await this.host.updateComplete;
        this.#focusFirstProblem(form);
        return;
      }
      this.refusal = status ?? 'failed';
      this.#finish(this.refusal);
    }
  }

  /** `POST /v1/me/referrals`; a refusal throws the element's error (with the field the backend named). */
  async #post(token: string, friend: FriendReferralRequest, key: string): Promise<FriendReferralResponse> {
    const { LoadError } = this.ports;
    let response: Response;
    try {
      response = await fetch(`${this.host.endpoint.replace(/\/+$/, '')}/v1/me/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(friend),
        credentials: 'omit',
      });
    } catch {
      throw new LoadError('network_error', 'The referral service could not be reached.', 0);
    }
    const body = (await response.json().catch(() => undefined)) as (FriendReferralResponse & ErrorBody) | undefined;
    if (response.ok && typeof body?.referral?.name === 'string') return body;
    const error = body?.error;
    throw Object.assign(new LoadError(error?.code ?? 'http_error', error?.message ?? 'Something went wrong.', response.status), { field: error?.field });
  }

  /** The friend at the top of "Your friends" when it is shown; a list not opened yet loads them with its first page. */
  #addToFriends(referral: MemberReferral): void {
    const list = this.ports.friends;
    if (list.state.status === 'idle') return;
    const { items, total, next } = list.state;
    list.state = { ...list.state, items: [referral, ...items], total: total + 1, next: next === null ? null : next + 1 };
  }

  #focusFirstProblem(form: HTMLFormElement): boolean {
    const field = (Object.keys(this.values) as ReferFieldName[]).find((name) => this.problems[name]);
    if (field === undefined) return false;
    void this.host.updateComplete.then(() => form.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus());
    return true;
  }

  #finish(status: ReferStatus): void {
    this.sending = false;
    this.host.requestUpdate();
    // The status alone: the friend's details never leave the card.
    this.host.dispatchEvent(new CustomEvent('referral-share-refer', { detail: { status }, bubbles: true, composed: true }));
  }

  /** Fills name and e-mail from one contact the member picks (Android Chrome's Contact Picker). */
  async #pickContact(): Promise<void> {
    try {
      const [contact] = await (navigator as NavigatorWithContacts).contacts!.select(['name', 'email'], { multiple: false });
      if (!contact) return;
      const [first = '', ...rest] = (contact.name?.[0] ?? '').trim().split(/\s+/);
      this.values = { firstName: first, lastName: rest.join(' '), email: contact.email?.[0] ?? '' };
      this.problems = {};
      this.host.requestUpdate();
    } catch {
      // Dismissed, or not allowed: the fields stay as they were.
    }
  }
}

/** What is wrong with a field's (trimmed) value, if anything: the backend's rules, checked first here. */
function problemOf(field: ReferFieldName, value: string): ReferProblem | undefined {
  if (value === '') return field === 'lastName' ? undefined : 'required';
  if ([...value].length > FRIEND_FIELD_LIMITS[field]) return 'tooLong';
  if (field === 'email') return FRIEND_EMAIL_PATTERN.test(value) && !value.includes('..') ? undefined : 'email';
  // A name holding an address or a phone number is not a name (the backend refuses it too).
  return /@|\d{7}/.test(value.replace(/[\s().-]/g, '')) ? 'notName' : undefined;
}

/** The Contact Picker API, where the browser has it. */
type NavigatorWithContacts = Navigator & {
  contacts?: { select(properties: string[], options?: { multiple?: boolean }): Promise<Array<{ name?: string[]; email?: string[] }>> };
};
