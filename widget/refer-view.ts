/**
 * The "Refer a friend" section's template, English and styles (loaded on demand with `refer-form.ts`).
 * Labels are visible; a field's message is tied to it (`aria-describedby`, `aria-invalid`); the
 * friend sent is announced politely, a refusal as an alert.
 */
import { css, html, nothing } from 'lit';
import { FRIEND_FIELD_LIMITS } from '../shared/v1.js';
import type { ReferStatus } from './events.js';
import { fill, type LoadedStrings, type en } from './i18n/en.js';
import type { ReferForm } from './refer-form.js';

/** English for this section (the other languages' catalogs have the same keys). */
export const referEn = {
  refer: 'Refer a friend',
  referFirstName: 'First name',
  referLastName: 'Last name (optional)',
  referEmail: 'Email',
  referSubmit: 'Send referral',
  referSending: 'Sending…',
  referContacts: 'Choose from contacts',
  referSent: '{name} is now on your list of friends.',
  referFirstNameRequired: "Enter your friend's first name.",
  referEmailRequired: "Enter your friend's email address.",
  referEmailInvalid: 'Enter an email address like sam@example.com.',
  referTooLong: 'Use at most {max} characters.',
  referNotName: 'Enter a name, not an email address or phone number.',
  referInvalid: 'Check this field.',
  referSelf: "You can't refer yourself.",
  referAlreadyReferred: 'This friend has already been referred.',
  referCannotInvite: "This friend can't be invited.",
  referLimit: "You've referred as many friends as you can today. Try again tomorrow.",
  referFailed: "Your referral wasn't sent. Please try again.",
};

type ViewStrings = typeof en & typeof referEn;
export type ReferFieldName = 'firstName' | 'lastName' | 'email';
export type ReferProblem = 'required' | 'tooLong' | 'email' | 'notName' | 'invalid';

const FIELDS: Array<{ name: ReferFieldName; label: keyof typeof referEn; type: string; inputmode?: string }> = [
  { name: 'firstName', label: 'referFirstName', type: 'text' },
  { name: 'lastName', label: 'referLastName', type: 'text' },
  { name: 'email', label: 'referEmail', type: 'email', inputmode: 'email' },
];

const REFUSAL_TEXT: Partial<Record<ReferStatus, keyof typeof referEn>> = {
  self_referral: 'referSelf',
  already_referred: 'referAlreadyReferred',
  cannot_invite: 'referCannotInvite',
  daily_referral_limit: 'referLimit',
  failed: 'referFailed',
};

function problemText(field: ReferFieldName, problem: ReferProblem, t: ViewStrings): string {
  if (problem === 'required') return field === 'email' ? t.referEmailRequired : t.referFirstNameRequired;
  if (problem === 'tooLong') return fill(t.referTooLong, { max: String(FRIEND_FIELD_LIMITS[field]) });
  if (problem === 'email') return t.referEmailInvalid;
  return problem === 'notName' ? t.referNotName : t.referInvalid;
}

export interface ReferHandlers {
  /** A `Form` program's section: first, open, with a heading. Otherwise a closed disclosure. */
  open: boolean;
  input(field: ReferFieldName, value: string): void;
  submit(event: Event): void;
  pickContact(): void;
}

/** The section: a heading and the form (a `Form` program), or a disclosure holding the form. */
export function referView(form: ReferForm, loaded: LoadedStrings, on: ReferHandlers) {
  const t: ViewStrings = { ...referEn, ...loaded };
  const body = referFormView(form, t, on);
  return on.open
    ? html`<section part="refer" aria-labelledby="refer-title"><h3 id="refer-title">${t.refer}</h3>${body}</section>`
    : html`<details part="refer"><summary>${t.refer}</summary><div class="refer-body">${body}</div></details>`;
}

function referFormView(form: ReferForm, t: ViewStrings, on: ReferHandlers) {
  const refusal = form.refusal && REFUSAL_TEXT[form.refusal];
  return html`<form part="refer-form" novalidate @submit=${on.submit}>
    ${FIELDS.map(({ name, label, type, inputmode }) => {
      const problem = form.problems[name];
      return html`<div class="refer-field">
        <label for="refer-${name}">${t[label]}</label>
        <input
          id="refer-${name}"
          name=${name}
          type=${type}
          inputmode=${inputmode ?? nothing}
          autocomplete="off"
          maxlength=${FRIEND_FIELD_LIMITS[name]}
          ?required=${name !== 'lastName'}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? `refer-${name}-problem` : nothing}
          .value=${form.values[name]}
          @input=${(event: Event) => on.input(name, (event.target as HTMLInputElement).value)}
        />
        ${problem ? html`<p id="refer-${name}-problem" class="refer-problem">${problemText(name, problem, t)}</p>` : nothing}
      </div>`;
    })}
    <div class="refer-actions">
      <button type="submit" part="refer-submit" aria-disabled=${form.sending ? 'true' : 'false'}>${form.sending ? t.referSending : t.referSubmit}</button>
      ${form.canPickContacts ? html`<button type="button" class="secondary" @click=${on.pickContact}>${t.referContacts}</button>` : nothing}
    </div>
    ${refusal ? html`<p class="refer-refusal" role="alert">${t[refusal]}</p>` : nothing}
    <p class="refer-sent" role="status">${form.sent ? fill(t.referSent, { name: form.sent.name }) : ''}</p>
  </form>`;
}

/** Adopted by the element when this module loads. */
export const referStyles = css`
  [part='refer'] h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  [part='refer-form'] {
    --_refer-problem: light-dark(#b42318, #fda29b);
    display: grid;
    gap: 0.75rem;
  }
  .refer-body {
    padding-block-start: 0.75rem;
  }
  .refer-field {
    display: grid;
    gap: 0.25rem;
  }
  .refer-field label {
    font-size: 0.875rem;
    font-weight: 600;
  }
  .refer-field input {
    width: 100%;
    box-sizing: border-box;
  }
  /* Names follow the card's direction (an Arabic name reads right to left); an address stays left to right. */
  .refer-field input:not([type='email']) {
    direction: inherit;
  }
  .refer-field input[aria-invalid='true'] {
    border-color: var(--_refer-problem);
  }
  .refer-problem,
  .refer-refusal {
    margin: 0;
    color: var(--_refer-problem);
    font-size: 0.875rem;
  }
  .refer-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part='refer-submit'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }
  /* Kept in the form while empty: a live region present from the start is announced when it fills. */
  .refer-sent {
    margin: 0;
    font-size: 0.875rem;
  }
`;
