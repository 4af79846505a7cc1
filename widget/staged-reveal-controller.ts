import type { ReactiveController } from 'lit';
import type { MeResponse } from '../types/v1.js';
import type { ReferSection } from './card-extras.js';
import { changedArgs } from './changed-args.js';
import { loadPart, type CardExtras } from './lazy-parts.js';
import type { MeController } from './me-controller.js';
import type { ReferHost, ReferPorts } from './refer-form.js';

/**
 * Resolves in the task after the next frame (or after 100 ms, in a tab that draws none): what
 * renders then is drawn in a frame of its own, after the one that showed the link.
 */
const afterNextFrame = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });

/**
 * The card's staged reveal: first the link — the element renders it in the task that receives the
 * member's data, with skeleton boxes for the rest — then the details (channels with their icons,
 * the code, the offer, the numbers, the lists' disclosures) in the task after the frame that showed
 * it. The details need the card's extras (`card-extras.ts`: icons, the stats' view, the later
 * parts' styles), asked for as a load starts, together with `/v1/me`; their styles are adopted
 * before the details render. The numbers' formatting is warm by then (ICU's start-up runs when the
 * page is first idle, see the element's `define`).
 */
export class StagedRevealController implements ReactiveController {
  /** The extras, once loaded. */
  extras?: CardExtras;
  /** They could not load: buttons show their names instead, and the card goes without numbers. */
  extrasFailed = false;
  /** "Refer a friend", set up with the extras (its own module loads from there), which also bring their styles. */
  refer?: ReferSection;
  /**
   * The data whose details are shown (while a newer one shows only its link, the older one stays:
   * the lists' disclosures, once built, stay through reloads).
   */
  shown?: MeResponse;
  readonly #host: ReferHost;
  readonly #me: MeController;
  /** What "Refer a friend" is given of the element. */
  readonly #referPorts: ReferPorts;
  /** The extras' module, asked for as soon as a load starts. */
  #module?: Promise<CardExtras>;
  /** The member's data, when it arrives: its details follow a frame later. */
  readonly #arrived = changedArgs(() => [this.#me.state.status === 'loaded' ? this.#me.state.data : undefined]);

  constructor(host: ReferHost, me: MeController, referPorts: ReferPorts) {
    this.#host = host;
    this.#me = me;
    this.#referPorts = referPorts;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#me.state.status === 'loading') void this.#loadModule();
  }

  hostUpdated(): void {
    this.extras?.showLinkEnd(this.#host.renderRoot.querySelector<HTMLInputElement>('[part="link"]'));
    const [data] = this.#arrived() ?? [];
    if (data) void this.#reveal(data);
  }

  async #reveal(data: MeResponse): Promise<void> {
    await afterNextFrame();
    // Without the extras (a failed chunk) the card still works.
    await this.#loadExtras();
    if (this.#me.state.status !== 'loaded' || this.#me.state.data !== data) return; // a newer load took its place
    this.shown = data;
    this.#host.requestUpdate();
  }

  #loadModule(): Promise<CardExtras> {
    if (!this.#module) {
      this.#module = loadPart('card-extras');
      this.#module.catch(() => {}); // reported where the details wait for it
    }
    return this.#module;
  }

  async #loadExtras(): Promise<void> {
    if (this.extras) return;
    try {
      const extras = await this.#loadModule();
      this.refer = extras.attach(this.#host, this.#referPorts);
      this.extras = extras;
      this.extrasFailed = false;
    } catch {
      // Names without icons, and no numbers: the link, Copy and the code still work. The next load
      // asks again rather than remember the module as failed.
      this.extrasFailed = true;
      this.#module = undefined;
    }
  }
}
