import { autoUpdate, computePosition, flip, offset, shift, size, type Placement } from '@floating-ui/dom';

export interface AnchorOptions {
  placement?: Placement;
  /** Gap between the two, in px. */
  gap?: number;
  /** Shrink `floating` to the room left in the viewport (popover); tooltips keep their size. */
  fit?: boolean;
}

const EDGE = 8;

/**
 * Keeps `floating` (position: fixed) beside `reference` through scroll, resize and layout changes,
 * flipping and shifting to stay in the viewport, until the returned function is called. Positions
 * are set through CSSOM (`element.style`), which a strict CSP allows.
 */
export function anchor(reference: Element, floating: HTMLElement, { placement = 'bottom-start', gap = 8, fit = false }: AnchorOptions = {}): () => void {
  const middleware = [offset(gap), flip({ padding: EDGE }), shift({ padding: EDGE })];
  if (fit) {
    middleware.push(
      size({
        padding: EDGE,
        apply({ availableWidth, availableHeight }) {
          Object.assign(floating.style, { maxWidth: `${Math.max(0, availableWidth)}px`, maxHeight: `${Math.max(0, availableHeight)}px` });
        },
      }),
    );
  }
  const update = () =>
    computePosition(reference, floating, { placement, strategy: 'fixed', middleware }).then(({ x, y }) =>
      Object.assign(floating.style, { left: `${x}px`, top: `${y}px` }),
    );
  return autoUpdate(reference, floating, update);
}
