import { render, type VNode } from 'preact';
import type { ViewportRect } from '../../page-text/page/read-selection';
import { placePanel, type Placement } from '../page/placement';
import { pageTheme } from '../page/page-theme';
import { copyText } from '../page/copy-text';
import type { PanelHost } from '../page/shadow-host';

/** What a panel in the page gets to lay itself out and act: where it sits, the page's darkness, copy and close. */
export interface InPagePanelContext {
  placement: Placement;
  theme: 'light' | 'dark' | null;
  copy(text: string): Promise<void>;
  /** `refocus` false: leave the focus where it is (after writing help's Apply the field has it). */
  close(refocus?: boolean): void;
}

/** Closes the panel; `refocus` false leaves the focus where it is (a newer panel's field may have it). */
export type ClosePanel = (refocus?: boolean) => void;

/**
 * Mount a panel beside `rect` (the selection or field; null for the whole page) in the page's closed shadow root, in
 * the page's own darkness; Esc (a real key, on the page's body) or its own close button closes it and gives focus
 * back. The summary, translation and writing-help panels all live this way. `size` is the panel's wished width and
 * least height (placePanel's default when left out). Returns a function that closes it.
 */
export async function showInPagePanel(
  win: Window,
  host: PanelHost,
  rect: ViewportRect | null,
  panel: (ctx: InPagePanelContext) => VNode,
  size?: { width: number; minHeight: number },
): Promise<ClosePanel> {
  const placement = placePanel(rect, { width: win.innerWidth, height: win.innerHeight }, size);
  // Sampled before the panel is there: where it will sit and the middle of the view.
  const theme = pageTheme(win, [
    { x: placement.left + 20, y: (placement.top ?? win.innerHeight - (placement.bottom ?? 0) - 40) + 20 },
    { x: win.innerWidth / 2, y: win.innerHeight / 2 },
  ]);
  // Give focus back where it was when the panel closes (keyboard users continue where they were).
  const previousFocus = win.document.activeElement as HTMLElement | null;
  let close: ClosePanel = () => {};
  const onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted) return; // a page script's synthetic Escape does not close Hearth's panel
    const active = win.document.activeElement;
    if (e.key === 'Escape' && (!active || active === win.document.body)) close();
  };
  const remove = await host.mount(
    (container) => render(panel({ placement, theme, copy: (t) => copyText(t, win, container), close: (refocus) => close(refocus !== false) }), container),
    (container) => render(null, container),
  );
  win.addEventListener('keydown', onKey, true);
  let closed = false;
  close = (refocus = true) => {
    if (closed) return; // the × and a newer panel may both close this one
    closed = true;
    win.removeEventListener('keydown', onKey, true);
    remove();
    if (refocus) previousFocus?.focus?.({ preventScroll: true });
  };
  return close;
}
