import { render, type VNode } from 'preact';
import type { SummaryTrigger } from '../../messaging/protocol';
import type { SessionDeps } from './summary-session';
import { readForSummary } from '../page/read-for-summary';
import { placePanel, type Placement } from '../page/placement';
import type { ViewportRect } from '../../page-text/page/read-selection';
import { detectLanguage } from '../language';
import { checkSummaryInput } from '../check-input';
import { SummaryPanel } from './SummaryPanel';
import { copyText } from '../page/copy-text';
import { pageTheme } from '../page/page-theme';

export interface PanelHost {
  /** Mount `render(container)` in an isolated shadow root; returns a function that removes it. */
  mount(render: (container: HTMLElement) => void, unrender: (container: HTMLElement) => void): Promise<() => void>;
}

/** Read what the user asked for and show the summary panel beside it. Returns a function that closes it. */
export async function showSummaryPanel(trigger: SummaryTrigger, win: Window, host: PanelHost, deps: SessionDeps): Promise<() => void> {
  const { text, read, rect, title } = readForSummary(trigger, win);
  const refusal = checkSummaryInput(text, read.source);
  const job = refusal ? null : { text, info: { source: read.source, title, language: detectLanguage(text, win.document.documentElement.lang) } };
  const preview = text.trim().slice(0, 240);
  return showInPagePanel(win, host, rect, ({ theme, placement, copy, close }) => (
    <SummaryPanel theme={theme} job={job} read={read} preview={preview} refusal={refusal} placement={placement} deps={deps} copy={copy} onClose={close} />
  ));
}

/** What a panel in the page gets to lay itself out and act: where it sits, the page's darkness, copy and close. */
export interface InPagePanelContext {
  placement: Placement;
  theme: 'light' | 'dark' | null;
  copy(text: string): Promise<void>;
  close(): void;
}

/**
 * Mount a panel beside `rect` (the selection; null for the whole page) in the page's closed shadow root, in the
 * page's own darkness; Esc (a real key, on the page's body) or its own close button closes it and gives focus back.
 * The summary and the translation panels both live this way. Returns a function that closes it.
 */
export async function showInPagePanel(win: Window, host: PanelHost, rect: ViewportRect | null, panel: (ctx: InPagePanelContext) => VNode): Promise<() => void> {
  const placement = placePanel(rect, { width: win.innerWidth, height: win.innerHeight });
  // Sampled before the panel is there: where it will sit and the middle of the view.
  const theme = pageTheme(win, [
    { x: placement.left + 20, y: (placement.top ?? win.innerHeight - (placement.bottom ?? 0) - 40) + 20 },
    { x: win.innerWidth / 2, y: win.innerHeight / 2 },
  ]);
  // Give focus back where it was when the panel closes (keyboard users continue where they were).
  const previousFocus = win.document.activeElement as HTMLElement | null;
  let close = () => {};
  const onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted) return; // a page script's synthetic Escape does not close Hearth's panel
    const active = win.document.activeElement;
    if (e.key === 'Escape' && (!active || active === win.document.body)) close();
  };
  const remove = await host.mount(
    (container) => render(panel({ placement, theme, copy: (t) => copyText(t, win, container), close: () => close() }), container),
    (container) => render(null, container),
  );
  win.addEventListener('keydown', onKey, true);
  let closed = false;
  close = () => {
    if (closed) return; // the × and a newer panel may both close this one
    closed = true;
    win.removeEventListener('keydown', onKey, true);
    remove();
    previousFocus?.focus?.({ preventScroll: true });
  };
  return close;
}
