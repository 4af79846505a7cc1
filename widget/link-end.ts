/**
 * The link field shows its end, whenever it is drawn or resized: a link ends with the member's
 * code, the part that differs, which a narrow field would hide. One of the card's extras (it loads
 * a task after the link). Scrolled rather than laid out right to left: a link's punctuation and an
 * IP address would move.
 */

/**
 * Scrolls each link field it watches to its end when it is first observed and whenever its size
 * changes: after the frame's layout and before its paint, so the card's render never forces a
 * layout of its own (reading `scrollWidth` there cost the rest of the card 55–85 ms at CPU 4×).
 */
let fieldsFromEnd: ResizeObserver | undefined;
const scrollToEnd = (field: Element) => (field.scrollLeft = field.scrollWidth);

/** The link each watched field showed when it was last observed. */
const observedLinks = new WeakMap<HTMLInputElement, string>();

/**
 * Shows the end of `field` from its next frame on, and after each change of its size (it appears
 * with the popover, the card narrows, a phone turns). Called after every update of the element, it
 * observes a field again only for a new link (observing again reports it again): an update that
 * leaves the link alone (Copy, a list's page) leaves the field where the member scrolled it.
 */
export function showLinkEnd(field: HTMLInputElement | null): void {
  if (!field || observedLinks.get(field) === field.value) return;
  observedLinks.set(field, field.value);
  (fieldsFromEnd ??= new ResizeObserver((entries) => entries.forEach((entry) => scrollToEnd(entry.target)))).observe(field);
}
