/**
 * What the card adds once the link is on screen, asked for with the member's data and shown in the
 * task after the link's frame: the channel icons, the offer line, the stats' view (or the nudge),
 * the numbers' formatting, the link field's scrolling to its end (the member's code), and the styles
 * of the parts that render from then on (icons and the narrow icon grid, the offer and code, the
 * nudge, the period label, numbers that never break and fit their stats' tiles). Kept out of the
 * first frame's stylesheet and the script tag's first load: styling the first frame is on the
 * link's path.
 */
import { css, html } from 'lit';
import type { MeResponse } from '../types/v1.js';
import type { LoadedStrings } from './i18n/en.js';
import { warmUpNumbers } from './format.js';
import { adoptStyles } from './list-controller.js';
import { numberStyles, statNumberStyles } from './number-styles.js';
import type { ReferForm, ReferHost, ReferPorts } from './refer-form.js';
import { parseStyles } from './parse-styles.js';

export { channelIcon } from './channel-icons.js';
export { formatters } from './format.js';
export { showLinkEnd } from './link-end.js';
export { offerLine } from './offer-line.js';
export { statsSection } from './stats-view.js';

/** The element's handle on "Refer a friend": nothing renders until its module is in. */
export interface ReferSection {
  render(data: MeResponse | undefined, t: LoadedStrings, first: boolean): unknown;
}

/** The box of a closed disclosure's line, as the element's skeleton draws it (its styles are the element's). */
const disclosureBox = html`<div class="skeleton disclosure" aria-hidden="true"></div>`;

/**
 * "Refer a friend", its module asked for here (with the extras, after the link) rather than by the
 * first frame's code; unless `hide` leaves it out. Until it is in, the closed disclosure's box holds
 * its place under the channels; a failed chunk leaves the card sharing without it.
 */
export function referSection(host: ReferHost, ports: ReferPorts): ReferSection {
  let form: ReferForm | undefined;
  let failed = false;
  const hidden = () => host.hide.split(/[\s,]+/).includes('refer');
  if (!hidden()) {
    import('./refer-form.js').then(
      (module) => {
        adoptStyles(host.renderRoot, module.referStyles);
        form = new module.ReferForm(host, ports);
        host.requestUpdate();
      },
      () => {
        failed = true;
        host.requestUpdate();
      },
    );
  }
  return {
    render: (data, t, first) => {
      if (hidden() || failed) return undefined;
      if (!data || !form) return first ? undefined : disclosureBox;
      return form.render(data, t, first);
    },
  };
}

const channelIconStyles = css`
  /* Icons take the text colour. */
  .icon path {
    fill: currentColor;
  }
`;

const offerStyles = css`
  [part='offer'] {
    font-size: 1rem;
    font-weight: 600;
    color: var(--referral-share-accent);
  }
  [part='code'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .code-label,
  [part='nudge'],
  .period {
    color: var(--referral-share-muted);
    font-size: 0.875rem;
  }
  .code {
    padding: 0.25rem 0.625rem;
    border: 1px dashed var(--referral-share-border);
    border-radius: 0.375rem;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-weight: 600;
    letter-spacing: 0.05em;
    white-space: nowrap;
    user-select: all;
  }
  [part='code-copy'] {
    padding-block: 0.25rem;
    font-size: 0.875rem;
  }
  [part='nudge'] {
    padding: 0.75rem;
    border-radius: calc(var(--referral-share-radius) / 2);
    background: color-mix(in srgb, var(--referral-share-accent) 8%, transparent);
    color: var(--referral-share-text);
  }
`;

/**
 * A stat's tile is one column no wider than itself: a label's long word ("Empfehlungen" in a
 * phone's tile) breaks, hyphenated where the browser can, rather than push out of the tile. Labels
 * break between words only (the card breaks anywhere, for URLs) and take two lines however short:
 * the skeleton's tiles (without text) hold them. Their lines are whole pixels (the element's
 * `--_label-line` and `--_number-line`), as WebKit draws them, so the skeleton's tiles match in every
 * engine. The number comes first (a `dl` wants the `dt` first in the markup).
 */
const statTextStyles = css`
  .stats > div {
    grid-template-columns: minmax(0, 1fr);
  }
  dt {
    line-height: var(--_label-line);
    min-height: calc(2 * var(--_label-line));
    color: var(--referral-share-muted);
    font-size: var(--_label-size);
    overflow-wrap: break-word;
    hyphens: auto;
  }
  dd {
    order: -1;
    margin: 0;
    font-size: var(--_number-size);
    line-height: var(--_number-line);
    font-weight: 600;
  }
`;

/** Adopted after the element's own styles once this module has loaded. */
export const cardExtrasStyles = [channelIconStyles, offerStyles, numberStyles, statNumberStyles, statTextStyles];

/** Ready before the first card needs them (the element calls this when the page is first idle): the page language's number formats and these styles. */
export function warmUp(): void {
  warmUpNumbers();
  parseStyles(cardExtrasStyles);
}
