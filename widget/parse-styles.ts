import type { CSSResultOrNative } from 'lit';

/**
 * Builds and parses the sheets of `styles` ahead of their first use (Lit builds a sheet when an
 * element first adopts it: for the element's own, in the task that creates the first element,
 * 8–30 ms at CPU 4×). No Lit import: a lazy module's `css` results are the element bundle's.
 */
export function parseStyles(styles: CSSResultOrNative[]): void {
  for (const style of styles) {
    // The getter builds the sheet once and keeps it.
    if (!(style instanceof CSSStyleSheet)) void style.styleSheet;
  }
}
