/**
 * The link field shows its end, whenever it is drawn or resized: a link ends with the member's
 * code, the part that differs, which a narrow field would hide. One of the card's extras (it loads
 * a task after the link). Scrolled rather than laid out right to left: a link's punctuation and an
 * IP address would move.
 */

/** Scrolls each link field it watches to its end whenever the field's size changes. */
let fieldsFromEnd: ResizeObserver | undefined;
const scrollToEnd = (field: Element) => (field.scrollLeft = field.scrollWidth);

/** Shows the end of `field` now and after each change of its size (it appears with the popover, the card narrows, a phone turns). */
export function showLinkEnd(field: HTMLInputElement | null): void {
  if (!field) return;
  scrollToEnd(field);
  (fieldsFromEnd ??= new ResizeObserver((entries) => entries.forEach((entry) => scrollToEnd(entry.target)))).observe(field);
}
