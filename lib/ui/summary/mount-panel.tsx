import { render } from 'preact';
import type { SummaryTrigger } from '../../messaging/protocol';
import type { SessionDeps } from '../../summarize/summary-session';
import { readSelection } from '../../summarize/read-selection';
import { readPage } from '../../summarize/read-page';
import { placePanel } from '../../summarize/placement';
import { detectLanguage } from '../../summarize/language';
import { checkSummaryInput, countWords } from '../../summarize/text-size';
import type { ReadInfo } from './status-text';
import { SummaryPanel } from './SummaryPanel';
import { copyText } from './copy-text';

export interface PanelHost {
  /** Mount `render(container)` in an isolated shadow root; returns a function that removes it. */
  mount(render: (container: HTMLElement) => void, unrender: (container: HTMLElement) => void): Promise<() => void>;
}

/** What the panel needs from the page, read once when the user asks (later selection changes do not matter). */
export function readForSummary(trigger: SummaryTrigger, win: Window) {
  const doc = win.document;
  if (trigger.mode === 'page') {
    const page = readPage(doc);
    const read: ReadInfo = { source: 'page', words: countWords(page.text), chars: page.text.length, title: page.title, method: page.method };
    return { text: page.text, read, rect: null, title: page.title };
  }
  let sel = readSelection(win);
  let fromChrome = false;
  if (!sel?.text.trim() && trigger.selectionText?.trim()) {
    sel = { text: trigger.selectionText, rect: null, inFrame: false }; // the page's own copy is gone (never another origin's: summary-entry.ts)
    fromChrome = true;
  }
  const text = sel?.text ?? '';
  const read: ReadInfo = { source: 'selection', words: countWords(text), chars: text.length, inFrame: sel?.inFrame, fromChrome };
  return { text, read, rect: sel?.rect ?? null, title: doc.title };
}

/** Read what the user asked for and show the summary panel beside it. Returns a function that closes it. */
export async function showSummaryPanel(trigger: SummaryTrigger, win: Window, host: PanelHost, deps: SessionDeps): Promise<() => void> {
  const { text, read, rect, title } = readForSummary(trigger, win);
  const refusal = checkSummaryInput(text, read.source);
  const job = refusal ? null : { text, info: { source: read.source, title, language: detectLanguage(text, win.document.documentElement.lang) } };
  const placement = placePanel(rect, { width: win.innerWidth, height: win.innerHeight });
  const preview = text.trim().slice(0, 240);
  // Give focus back where it was when the panel closes (keyboard users continue where they were).
  const previousFocus = win.document.activeElement as HTMLElement | null;
  let close = () => {};
  const onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted) return; // a page script's synthetic Escape does not close Hearth's panel
    const active = win.document.activeElement;
    if (e.key === 'Escape' && (!active || active === win.document.body)) close();
  };
  const remove = await host.mount(
    (container) =>
      render(
        <SummaryPanel job={job} read={read} preview={preview} refusal={refusal} placement={placement} deps={deps} copy={(t) => copyText(t, win, container)} onClose={() => close()} />,
        container,
      ),
    (container) => render(null, container),
  );
  win.addEventListener('keydown', onKey, true);
  close = () => {
    win.removeEventListener('keydown', onKey, true);
    remove();
    previousFocus?.focus?.({ preventScroll: true });
  };
  return close;
}
