import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { changedArgs } from './changed-args.js';
import { emit } from './events.js';
import { loadPart, type QrEncoder } from './lazy-parts.js';
import { adoptStyles } from './style-sheets.js';
import type { QrCode } from './qr-encoder.js';

/**
 * The QR panel: open or closed, and the code of the link, encoded on the first opening (the encoder
 * loads then). A new link (a reload, another member) closes it: it showed the old link's code.
 */
export class QrController implements ReactiveController {
  open = false;
  /** The code of `url`, with the encoder that drew it (it also renders and exports it). */
  code?: QrCode & { url: string; encoder: QrEncoder };
  readonly #linkChanged: () => unknown;

  readonly #host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
  readonly #failed: (err: unknown) => void;

  constructor(
    host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    /** The member's share link, while their data is loaded. */
    link: () => string | undefined,
    failed: (err: unknown) => void,
  ) {
    this.#host = host;
    this.#failed = failed;
    this.#linkChanged = changedArgs(() => [link()]);
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#linkChanged()) this.open = false;
  }

  async toggle(url: string): Promise<void> {
    this.#set(!this.open);
    if (!this.open || this.code?.url === url) return;
    try {
      const encoder = await loadPart('qr-encoder');
      adoptStyles(this.#host.renderRoot, encoder.qrStyles);
      this.code = { ...encoder.encodeQr(url), url, encoder };
      this.#host.requestUpdate();
    } catch (err) {
      this.#set(false);
      this.#failed(err);
    }
  }

  async download(): Promise<void> {
    if (!this.code) return;
    await this.code.encoder.downloadPng(this.code);
    emit(this.#host, 'referral-share-share', { channel: 'qr', url: this.code.url });
  }

  #set(open: boolean): void {
    this.open = open;
    this.#host.requestUpdate();
  }
}
