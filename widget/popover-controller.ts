import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadPart } from './lazy-parts.js';
import { adoptStyles } from './style-sheets.js';
import { popoverStyles } from './popover.styles.js';
import { placeBeside } from './simple-placement.js';

/**
 * Where the popover becomes a bottom sheet. Decided here, from `matchMedia`, and shown to the styles
 * as the popover's `sheet` class: WebKit can keep stale `@media` results in a shadow root created
 * after the viewport changed, and the sheet's rule then disagreed with this query.
 */
export const BOTTOM_SHEET = '(max-width: 40rem)';

type Host = ReactiveControllerHost & HTMLElement & { layout: string; renderRoot: HTMLElement | DocumentFragment; updateComplete: Promise<boolean> };

/**
 * The popover of `layout="button"`: opens in the top layer beside its button (placed by Floating
 * UI, loaded on the first opening; placed once by `placeBeside` when that module did not load), or
 * as a sheet along the bottom of a narrow screen (with a Close button; decided at each opening). Its
 * styles come with this controller, adopted on the first opening: styled without any on-demand
 * module, and never in the first paint's stylesheet. It takes focus, and closes
 * on Escape, on a click outside and when Tab takes focus out of it, giving focus back to the button
 * where focus would otherwise be lost, and when the element's `layout` is no longer `button`.
 */
export class PopoverController implements ReactiveController {
  open = false;
  /** The open popover is a bottom sheet (the viewport matched {@link BOTTOM_SHEET}). */
  sheet = false;
  #stopAnchoring?: () => void;

  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#host.layout !== 'button') this.close(false); // a no-op unless the popover is open
  }

  hostDisconnected(): void {
    this.close(false);
  }

  /** Loads the positioning code before it is needed: the button was hovered or focused. */
  prepare = (): void => {
    void loadPart('anchor').catch(() => {});
  };

  /** The open button, and the sheet's Close button. */
  toggle = (): void => {
    if (this.open) this.close(true);
    else void this.show();
  };

  async show(): Promise<void> {
    this.open = true;
    const sheet = (this.sheet = matchMedia(BOTTOM_SHEET).matches);
    this.#host.requestUpdate();
    // A sheet has nothing to place beside the button. Without the positioning code (a failed chunk)
    // the popover opens all the same, placed once; the next opening asks again.
    const [anchoring] = await Promise.all([sheet ? undefined : loadPart('anchor').catch(() => undefined), this.#host.updateComplete]);
    const panel = this.#part('popover');
    const button = this.#part('open-button');
    if (!this.open || !panel || !button) return; // closed again while the code loaded
    adoptStyles(this.#host.renderRoot, popoverStyles);
    panel.showPopover?.(); // The top layer: no ancestor's overflow or z-index can clip it.
    if (sheet) panel.removeAttribute('style');
    else if (anchoring) this.#stopAnchoring = anchoring.anchor(button, panel, { fit: true });
    else placeBeside(button, panel);
    document.addEventListener('click', this.#onDocumentClick, true);
    panel.focus();
  }

  close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.#host.requestUpdate();
    this.#stopAnchoring?.();
    this.#stopAnchoring = undefined;
    const panel = this.#part('popover');
    if (panel?.matches(':popover-open')) panel.hidePopover();
    document.removeEventListener('click', this.#onDocumentClick, true);
    if (returnFocus) this.#part('open-button')?.focus();
  }

  onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.close(true);
    }
  };

  /** Tabbing out of the popover closes it: it must never cover where focus went. */
  onFocusout = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (to && !this.#host.contains(to) && !this.#host.renderRoot.contains(to)) this.close(false);
  };

  #onDocumentClick = (event: MouseEvent): void => {
    if (event.composedPath().includes(this.#host)) return;
    // Focus goes back to the button unless the click put it somewhere of its own.
    this.close(!document.activeElement || document.activeElement === document.body);
  };

  #part(name: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[part="${name}"]`);
  }
}
