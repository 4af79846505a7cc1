import type { CSSResult, CSSResultOrNative } from 'lit';

/**
 * The stylesheets of the parts that come after the element's own (lazy views, the card's extras,
 * the popover). No Lit import: a lazy module's `css` results are the element bundle's.
 */

/**
 * Adds `sheets` after the shadow root's own, in one assignment (each is a constructed sheet:
 * CSP-safe); a sheet already there is left where it is.
 */
export function adoptStyles(root: HTMLElement | DocumentFragment, ...sheets: CSSResult[]): void {
  const shadowRoot = root as ShadowRoot;
  if (!shadowRoot.adoptedStyleSheets) return;
  const adopted = shadowRoot.adoptedStyleSheets;
  const added = sheets.map((styles) => styles.styleSheet).filter((sheet): sheet is CSSStyleSheet => !!sheet && !adopted.includes(sheet));
  if (added.length) shadowRoot.adoptedStyleSheets = [...adopted, ...added];
}

/**
 * Builds and parses the sheets of `styles` ahead of their first use (Lit builds a sheet when an
 * element first adopts it: for the element's own, in the task that creates the first element,
 * 8–30 ms at CPU 4×).
 */
export function parseStyles(styles: CSSResultOrNative[]): void {
  for (const style of styles) {
    // The getter builds the sheet once and keeps it.
    if (!(style instanceof CSSStyleSheet)) void style.styleSheet;
  }
}
