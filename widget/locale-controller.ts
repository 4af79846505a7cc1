import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { changedArgs } from './changed-args.js';
import { en, type LoadedStrings } from './i18n/en.js';
import { numberLocale, numberingOf, resolveLocale, type Locale } from './i18n/locale.js';
import { loadPart } from './lazy-parts.js';

/**
 * The element's language: its own `lang`, else the nearest `lang` of the page — watched while
 * connected, since a single-page app may change `<html lang>` at any time, and followed again when
 * the element's own `lang` changes. Catalogs other than
 * English load on demand; until one arrives the element speaks the previous language.
 */
export class LocaleController implements ReactiveController {
  locale: Locale = 'en';
  /** The locale numbers and dates are written in: the language shown, in the digits the tag names (`numberingOf`). */
  get formatLocale(): string {
    return numberLocale(this.locale, this.#numbering);
  }
  strings: LoadedStrings = en;
  #numbering = 'latn';
  #wanted: Locale = 'en';
  #pageLang?: MutationObserver;
  readonly #changed = changedArgs(() => [this.#host.lang]);

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    // The language of the page as it is now (this may be a move to another part of it), then live.
    void this.follow();
    (this.#pageLang ??= new MutationObserver(() => this.follow())).observe(document.documentElement, { attributeFilter: ['lang'] });
  }

  hostUpdate(): void {
    if (this.#changed()) void this.follow();
  }

  hostDisconnected(): void {
    this.#pageLang?.disconnect();
  }

  /** Takes up the language the element and page ask for now. */
  async follow(): Promise<void> {
    const host = this.#host;
    const tag = host.lang || host.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
    const locale = resolveLocale(tag);
    // Before the first await: an update that called this renders with it.
    this.#numbering = numberingOf(tag);
    if (locale === this.#wanted) return; // shown already, or on its way
    this.#wanted = locale;
    const strings = locale === 'en' ? en : await loadPart(`i18n-${locale}`).then((catalog) => catalog.default, () => undefined);
    // Another language may have been asked for while this one loaded.
    if (this.#wanted !== locale) return;
    // The catalog did not arrive: the element keeps its language, and asks again when next told to follow.
    if (!strings) {
      this.#wanted = this.locale;
      return;
    }
    this.locale = locale;
    this.strings = strings;
    host.requestUpdate();
  }
}
