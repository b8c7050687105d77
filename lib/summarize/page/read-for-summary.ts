import type { SummaryTrigger } from '../../messaging/protocol';
import type { ReadInfo } from '../read-info';
import { readSelection } from '../../page-text/page/read-selection';
import { readPage } from '../../page-text/page/read-page';
import { countWords } from '../../page-text/count-words';

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
    sel = { text: trigger.selectionText, rect: null, inFrame: false }; // the page's own copy is gone (never another origin's: worker/summary-entry.ts)
    fromChrome = true;
  }
  const text = sel?.text ?? '';
  const read: ReadInfo = { source: 'selection', words: countWords(text), chars: text.length, inFrame: sel?.inFrame, fromChrome };
  return { text, read, rect: sel?.rect ?? null, title: doc.title };
}
