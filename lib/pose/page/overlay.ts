const TAG = 'hearth-pose-overlay';

const CSS = `
:host { all: initial; position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; }
/* A page's !important rules for every element (* { border: … !important }) would reach the host; these win. */
:host { position: fixed !important; z-index: 2147483647 !important; display: block !important; visibility: visible !important;
  border: 0 !important; margin: 0 !important; padding: 0 !important; opacity: 1 !important; transform: none !important;
  filter: none !important; clip-path: none !important; width: auto !important; height: auto !important; }
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

import { rememberPlace, type PlaceStore } from './overlay-place';

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
 * it), holding Hearth's pose view as an extension page. Calling it again removes it, which ends the camera.
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
  const frame = doc.createElement('div');
  frame.className = 'frame';
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.textContent = 'Hearth · Pose';
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Turn the pose overlay off');
  close.addEventListener('click', () => host.remove());
  bar.append(close);
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
  // Esc on the title bar's close button closes it too (inside the view, the view itself does).
  frame.addEventListener('keydown', (e) => e.key === 'Escape' && host.remove());
  root.append(style, frame);
  makeDraggable(host, bar);
  if (deps.place) rememberPlace(host, frame, deps.place, await deps.place.load().catch(() => null));
  const onMessage = (e: MessageEvent) => {
    // Only the view itself may close the overlay: the page could post the same message, but not from that frame.
    if (e.source === iframe.contentWindow && e.origin === viewOrigin && (e.data as { hearth?: string })?.hearth === 'pose-close') host.remove();
  };
  doc.defaultView?.addEventListener('message', onMessage);
  new MutationObserver((_, obs) => {
    if (!host.isConnected) {
      doc.defaultView?.removeEventListener('message', onMessage);
      obs.disconnect();
    }
  }).observe(doc.documentElement, { childList: true });
  doc.documentElement.append(host);
  state.overlay = host;
  return true;
}

function makeDraggable(host: HTMLElement, handle: HTMLElement) {
  handle.addEventListener('pointerdown', (down) => {
    if ((down.target as HTMLElement).tagName === 'BUTTON') return;
    const rect = host.getBoundingClientRect();
    const dx = down.clientX - rect.left;
    const dy = down.clientY - rect.top;
    handle.setPointerCapture(down.pointerId);
    const move = (e: PointerEvent) => {
      host.style.left = `${Math.max(0, e.clientX - dx)}px`;
      host.style.top = `${Math.max(0, e.clientY - dy)}px`;
      host.style.right = 'auto';
      host.style.bottom = 'auto';
    };
    const up = () => {
      host.dispatchEvent(new Event('hearth-moved'));
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  });
}
