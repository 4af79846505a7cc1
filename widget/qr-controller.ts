import type { ReactiveControllerHost } from 'lit';
import { emit } from './events.js';
import { loadPart, type QrEncoder } from './lazy-parts.js';
import type { QrCode } from './qr-encoder.js';

/** The QR panel: open or closed, and the code of the link, encoded on the first opening (the encoder loads then). */
export class QrController {
  open = false;
  /** The code of `url`, with the encoder that drew it (it also renders and exports it). */
  code?: QrCode & { url: string; encoder: QrEncoder };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly failed: (err: unknown) => void,
  ) {}

  async toggle(url: string): Promise<void> {
    this.set(!this.open);
    if (!this.open || this.code?.url === url) return;
    try {
      const encoder = await loadPart('qr-encoder');
      this.code = { ...encoder.encodeQr(url), url, encoder };
      this.host.requestUpdate();
    } catch (err) {
      this.set(false);
      this.failed(err);
    }
  }

  async download(): Promise<void> {
    if (!this.code) return;
    await this.code.encoder.downloadPng(this.code);
    emit(this.host, 'referral-share-share', { channel: 'qr', url: this.code.url });
  }

  private set(open: boolean): void {
    this.open = open;
    this.host.requestUpdate();
  }
}
