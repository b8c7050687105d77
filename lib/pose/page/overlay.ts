const TAG = 'hearth-pose-overlay';

const CSS = `
:host { all: initial; position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; }
/* A page's !important rules for every element (* { border: … !important }) would reach the host; these win. */
:host { position: fixed !important; z-index: 2147483647 !important; display: block !important; visibility: visible !important;
  border: 0 !important; margin: 0 !important; padding: 0 !important; opacity: 1 !important; transform: none !important;
  filter: none !important; clip-path: none !important; width: auto !important; height: auto !important;
  translate: none !important; scale: none !important; rotate: none !important; zoom: 1 !important; mask: none !important;
  mix-blend-mode: normal !important; content-visibility: visible !important; pointer-events: auto !important; }
.frame { display: flex; flex-direction: column; width: 380px; height: 400px; min-width: 240px; min-height: 220px;
  resize: both; overflow: hidden; border-radius: 12px; background: #fff; border: 1px solid rgba(0,0,0,.18);
  box-shadow: 0 12px 32px rgba(0,0,0,.28), 0 2px 6px rgba(0,0,0,.18); }
/* Hearth's orange title bar (white on it: 5.2:1), the same in light and dark pages. */
.bar { display: flex; align-items: center; justify-content: space-between; gap: 8px; height: 34px; padding: 0 4px 0 12px;
  cursor: move; font: 600 13px/1 system-ui, sans-serif; letter-spacing: .01em; color: #fff; background: #c2410c; user-select: none; }
.bar button { all: unset; box-sizing: border-box; display: grid; place-items: center; width: 28px; height: 28px; border-radius: 6px;
  cursor: pointer; font: 400 20px/1 system-ui, sans-serif; color: #fff; }
.bar button:hover { background: rgba(255,255,255,.18); }
.bar button:focus-visible { outline: 2px solid #fff; outline-offset: -2px; }
@media (prefers-color-scheme: dark) { .frame { background: #18181b; border-color: rgba(255,255,255,.16); } }
iframe { flex: 1; border: 0; width: 100%; }
`;

import { rememberPlace, type PlaceStore, type Placer } from './overlay-place';

/** What the overlay keeps between injections, in the content script's isolated world (the page cannot reach it). */
export interface OverlayState {
  overlay?: HTMLElement;
  opening?: boolean;
}

export interface OverlayDeps {
  state: OverlayState;
  /** A fresh unguessable token (crypto.randomUUID). */
  token(): string;
  /** Register the token with the worker (`pose.grant`); throws if Hearth was not asked for the overlay here. */
  grant(token: string): Promise<unknown>;
  /** Where the user last put it (storage.local); optional. */
  place?: PlaceStore;
  /**
   * The view document's origin, when it differs from `viewUrl`'s: the view is web-accessible only at its dynamic
   * URL (`use_dynamic_url`, so pages cannot probe for Hearth), yet the document it loads has the extension's
   * own origin, and postMessage must name that one.
   */
  viewOrigin?: string;
}

/**
 * The in-page overlay: a floating, draggable, resizable frame in a closed shadow root (page styles cannot reach
 * it), holding Hearth's pose view as an extension page. Calling it again removes it, which ends the camera; so does
 * the view's own Turn off (through the worker, lib/pose/worker/pose-close.ts).
 * The overlay is remembered in the isolated world, not looked up in the page, so a page's look-alike element is
 * never mistaken for it. The view gets its one-time camera token by postMessage to the extension origin only.
 * Returns whether the overlay is now on.
 */
export async function togglePoseOverlay(doc: Document, viewUrl: string, deps: OverlayDeps): Promise<boolean> {
  const { state } = deps;
  if (state.opening) return true;
  if (state.overlay?.isConnected) {
    state.overlay.remove();
    state.overlay = undefined;
    return false;
  }
  const token = deps.token();
  state.opening = true;
  try {
    await deps.grant(token);
  } finally {
    state.opening = false;
  }
  const host = doc.createElement(TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const placer = createPlacer(doc);
  const frame = doc.createElement('div');
  frame.className = 'frame';
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.textContent = 'Hearth · Pose';
  // No close button here: the page sees every click and key in its own document first and could swallow them.
  // Turn off, × and Esc are inside the view (an extension page), which stops the camera itself (PoseView.tsx).
  const iframe = doc.createElement('iframe');
  iframe.src = viewUrl;
  const viewOrigin = deps.viewOrigin ?? new URL(viewUrl).origin;
  iframe.addEventListener(
    'load',
    () => {
      iframe.contentWindow?.postMessage({ hearth: 'pose-token', token }, viewOrigin);
      // The user just asked for the overlay: the keyboard goes to it, so Esc closes it at once (the view handles Esc).
      iframe.focus({ preventScroll: true });
    },
    { once: true },
  );
  // Named, not the default 'src': the src is the dynamic address, the document's origin is the extension's own.
  iframe.allow = `camera ${viewOrigin}`;
  iframe.title = 'Hearth pose overlay';
  frame.append(bar, iframe);
  root.append(style, placer.style, frame);
  makeDraggable(host, bar, placer);
  if (deps.place) rememberPlace(host, frame, deps.place, await deps.place.load().catch(() => null), placer);
  doc.documentElement.append(host);
  state.overlay = host;
  return true;
}

/**
 * The overlay's place, as `!important` rules in its closed shadow root: a page's own styles on the host element, even
 * `!important` inline ones, lose to those (the shadow tree's important declarations win the cascade), so the page
 * cannot move the overlay out of sight. What it can still do (cover it, fade it) the view notices (watch-visible.ts).
 */
function createPlacer(doc: Document): Placer & { style: HTMLStyleElement } {
  const style = doc.createElement('style');
  style.textContent = ':host { right: 16px !important; bottom: 16px !important; left: auto !important; top: auto !important; }';
  let at: { left: number; top: number } | null = null;
  return {
    style,
    move(left, top) {
      at = { left: Math.round(left), top: Math.round(top) };
      style.textContent = `:host { left: ${at.left}px !important; top: ${at.top}px !important; right: auto !important; bottom: auto !important; }`;
    },
    moved: () => at !== null,
  };
}

function makeDraggable(host: HTMLElement, handle: HTMLElement, placer: Placer) {
  handle.addEventListener('pointerdown', (down) => {
    const rect = host.getBoundingClientRect();
    const dx = down.clientX - rect.left;
    const dy = down.clientY - rect.top;
    handle.setPointerCapture(down.pointerId);
    const move = (e: PointerEvent) => placer.move(Math.max(0, e.clientX - dx), Math.max(0, e.clientY - dy));
    const up = () => {
      host.dispatchEvent(new Event('hearth-moved'));
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  });
}
