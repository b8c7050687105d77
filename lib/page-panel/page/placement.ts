import type { ViewportRect } from '../../page-text/page/read-selection';

export interface Placement {
  left: number;
  width: number;
  maxHeight: number;
  /** Exactly one of top / bottom is set: the panel grows away from the selection. */
  top?: number;
  bottom?: number;
}

const GAP = 8;

/**
 * Where the panel goes: below the selection if there is room, else above it, else beside it; a page summary
 * (no selection) goes to the top right corner. Coordinates are for `position: fixed`.
 */
export function placePanel(anchor: ViewportRect | null, viewport: { width: number; height: number }, want = { width: 420, minHeight: 220 }): Placement {
  const width = Math.min(want.width, viewport.width - 2 * GAP);
  const clampLeft = (x: number) => Math.max(GAP, Math.min(x, viewport.width - width - GAP));
  const corner = { left: viewport.width - width - GAP, width, top: GAP, maxHeight: viewport.height - 2 * GAP };
  if (!anchor) return corner;
  const below = viewport.height - anchor.bottom - 2 * GAP;
  const above = anchor.top - 2 * GAP;
  if (below >= want.minHeight) return { left: clampLeft(anchor.left), width, top: anchor.bottom + GAP, maxHeight: below };
  if (above >= want.minHeight) return { left: clampLeft(anchor.left), width, bottom: viewport.height - anchor.top + GAP, maxHeight: above };
  const right = viewport.width - anchor.right - 2 * GAP;
  if (right >= width) return { left: anchor.right + GAP, width, top: GAP, maxHeight: viewport.height - 2 * GAP };
  if (anchor.left - 2 * GAP >= width) return { left: anchor.left - GAP - width, width, top: GAP, maxHeight: viewport.height - 2 * GAP };
  // The selection fills the view (a very long one): nothing can avoid it, so use the corner.
  return corner;
}
