/**
 * What the card adds once the link is on screen, asked for with the member's data and shown in the
 * task after the link's frame: the channel icons, the offer line, the stats' view (or the nudge),
 * the numbers' formatting, the link field's scrolling to its end (the member's code), and the later
 * sheets of the views that render from then on (`*.later-styles.ts`: the icons' colour, the offer
 * and code, the nudge and period label, numbers that never break and fit their stats' tiles). Kept
 * out of the first frame's stylesheet and the script tag's first load: styling the first frame is
 * on the link's path.
 */
import { html } from 'lit';
import type { MeResponse } from '../types/v1.js';
import type { LoadedStrings } from './i18n/en.js';
import { warmUpNumbers } from './format.js';
import { numberStyles } from './number-styles.js';
import { offerLaterStyles } from './offer-view.later-styles.js';
import type { ReferForm, ReferHost, ReferPorts } from './refer-form.js';
import { adoptStyles, parseStyles } from './style-sheets.js';
import { shareLaterStyles } from './share-view.later-styles.js';
import { statsLaterStyles } from './stats-view.later-styles.js';

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

/** The views' later sheets, adopted after the element's own styles once this module has loaded. */
export const cardExtrasStyles = [shareLaterStyles, offerLaterStyles, numberStyles, ...statsLaterStyles];

/**
 * What the element does with this module once it is in: adopts the later sheets (after the
 * element's own styles) and sets up "Refer a friend".
 */
export function attach(host: ReferHost, ports: ReferPorts): ReferSection {
  adoptStyles(host.renderRoot, ...cardExtrasStyles);
  return referSection(host, ports);
}

/** Ready before the first card needs them (the element calls this when the page is first idle): the page language's number formats and these styles. */
export function warmUp(): void {
  warmUpNumbers();
  parseStyles(cardExtrasStyles);
}
