const EDGE = 8;

/**
 * Where the popover goes when Floating UI (`anchor.ts`, on demand) did not load: beside its button
 * on the side with more room, lined up with its start (its right edge in right-to-left text), inside
 * the viewport, placed once (it does not follow a scroll).
 */
export function placeBeside(button: HTMLElement, panel: HTMLElement): void {
  const room = button.getBoundingClientRect();
  const below = innerHeight - room.bottom - 2 * EDGE;
  const above = room.top - 2 * EDGE;
  const height = Math.max(below, above);
  panel.style.maxHeight = `${height}px`;
  const top = below >= above ? room.bottom + EDGE : room.top - EDGE - Math.min(panel.offsetHeight, height);
  const start = getComputedStyle(panel).direction === 'rtl' ? room.right - panel.offsetWidth : room.left;
  const left = Math.max(EDGE, Math.min(start, innerWidth - panel.offsetWidth - EDGE));
  Object.assign(panel.style, { top: `${top}px`, left: `${left}px` });
}
