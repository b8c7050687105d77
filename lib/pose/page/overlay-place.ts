import type { OverlayPlace } from '../../messaging/protocol';

export type { OverlayPlace };

export interface PlaceStore {
  load(): Promise<OverlayPlace | null>;
  save(place: OverlayPlace): void;
}

// The frame's CSS limits and default size (lib/pose/page/overlay.ts).
const MIN = { width: 240, height: 220 };
const DEFAULT = { width: 380, height: 400 };

/** Keep a remembered place on screen in this window (it may be smaller than the one it was saved in). */
export function fitPlace(place: OverlayPlace, viewport: { width: number; height: number }): OverlayPlace {
  const width = place.width === undefined ? undefined : Math.max(MIN.width, Math.min(place.width, viewport.width));
  const height = place.height === undefined ? undefined : Math.max(MIN.height, Math.min(place.height, viewport.height));
  const fit = (pos: number | undefined, size: number, room: number) => (pos === undefined ? undefined : Math.max(0, Math.min(pos, room - size)));
  return { width, height, left: fit(place.left, width ?? DEFAULT.width, viewport.width), top: fit(place.top, height ?? DEFAULT.height, viewport.height) };
}

/** Moves the overlay (overlay.ts writes the place inside its closed shadow root, where the page cannot undo it). */
export interface Placer {
  move(left: number, top: number): void;
  /** Has it been moved from its default corner? */
  moved(): boolean;
}

/** Put the overlay where it was, then remember where the user drags it and how they resize it. */
export function rememberPlace(host: HTMLElement, frame: HTMLElement, store: PlaceStore, saved: OverlayPlace | null, placer: Placer): void {
  const win = host.ownerDocument.defaultView!;
  if (saved) {
    const p = fitPlace(saved, { width: win.innerWidth, height: win.innerHeight });
    if (p.width !== undefined) frame.style.width = `${p.width}px`;
    if (p.height !== undefined) frame.style.height = `${p.height}px`;
    if (p.left !== undefined && p.top !== undefined) placer.move(p.left, p.top);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!host.isConnected) return;
      const moved = placer.moved();
      const r = host.getBoundingClientRect();
      store.save({ width: frame.offsetWidth, height: frame.offsetHeight, ...(moved ? { left: Math.round(r.left), top: Math.round(r.top) } : {}) });
    }, 250);
  };
  let first = true;
  new win.ResizeObserver(() => (first ? (first = false) : save())).observe(frame);
  host.addEventListener('hearth-moved', save);
}
