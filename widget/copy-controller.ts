import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit } from './events.js';

const CONFIRMATION_MS = 2000;

/** What was copied: the link, or the referral code. */
export type Copied = 'link' | 'code';

/** Copying the link or the code: the Clipboard API or the old way, then "Copied" for two seconds and the event. */
export class CopyController implements ReactiveController {
  /** What shows its confirmation, if anything. */
  shows?: Copied;

  /** True while the link's confirmation shows. */
  get copied(): boolean {
    return this.shows === 'link';
  }
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.shows = undefined;
  }

  /** Copies `url`; `field` holds it, for browsers where only a selection can be copied. */
  async copy(url: string, field: HTMLInputElement | null): Promise<void> {
    if (!(await copyText(url, field))) return;
    this.confirm('link');
    emit(this.host, 'referral-share-copy', { url });
  }

  /** Copies the referral `code` (`url` is the share link, for the event). */
  async copyCode(code: string, url: string): Promise<void> {
    if (!(await copyText(code, null))) return;
    this.confirm('code');
    emit(this.host, 'referral-share-copy', { url, code });
  }

  private confirm(what: Copied): void {
    this.set(what);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.set(undefined), CONFIRMATION_MS);
  }

  private set(shows: Copied | undefined): void {
    this.shows = shows;
    this.host.requestUpdate();
  }
}

/**
 * Copies with the Clipboard API; where a page refuses it, puts `text` in `field` (the link field
 * shows the link without its scheme), selects it and copies the old way.
 */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.value = text;
    field.select();
    return document.execCommand?.('copy') ?? false;
  }
}
