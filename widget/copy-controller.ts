import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit } from './events.js';

const CONFIRMATION_MS = 2000;

/** Copying the link: the Clipboard API or the old way, then "Copied" for two seconds and the event. */
export class CopyController implements ReactiveController {
  /** True while the confirmation shows. */
  copied = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.copied = false;
  }

  /** Copies `url`; `field` holds it, for browsers where only a selection can be copied. */
  async copy(url: string, field: HTMLInputElement | null): Promise<void> {
    if (!(await copyText(url, field))) return;
    this.setCopied(true);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setCopied(false), CONFIRMATION_MS);
    emit(this.host, 'referral-share-copy', { url });
  }

  private setCopied(copied: boolean): void {
    this.copied = copied;
    this.host.requestUpdate();
  }
}

/** Copies with the Clipboard API; where a page refuses it, selects `field` and copies the old way. */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand?.('copy') ?? false;
  }
}
