import { BLOCK_TAG, blockText } from './read-page';
import { hiddenInRange, rangesAround, readerCannotSee } from './visible-copy';

export interface ViewportRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ReadSelection {
  text: string;
  /** Where the selection is, in the top window's viewport. */
  rect: ViewportRect | null;
  inFrame: boolean;
}

const TEXT_INPUT = /^(text|search|url|email|tel)$/i;

function own(win: Window): ReadSelection | null {
  const active = win.document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  // A selection inside a text field is not part of the document selection.
  if (active && (active.tagName === 'TEXTAREA' || (active.tagName === 'INPUT' && TEXT_INPUT.test(active.type)))) {
    const { selectionStart: s, selectionEnd: e } = active;
    if (s !== null && e !== null && e > s) return { text: active.value.slice(s, e), rect: toRect(active.getBoundingClientRect()), inFrame: false };
  }
  const sel = win.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(sel.rangeCount - 1);
  return { text: visibleText(sel, range, win), rect: toRect(range.getBoundingClientRect()), inFrame: false };
}

/**
 * The selection's text as shown (Chrome's own serialization, line breaks kept), without the words the page hides
 * from its visitors inside it (visible-copy.ts): those are cut out and the rest read from copies of the parts.
 */
function visibleText(sel: Selection, range: Range, win: Window): string {
  const hidden = hiddenInRange(range, readerCannotSee(win));
  if (!hidden.length) return sel.toString();
  let out = '';
  let blockGap = false;
  rangesAround(range, hidden).forEach((part, i) => {
    if (i > 0) blockGap ||= BLOCK_TAG.test(hidden[i - 1]!.tagName);
    const text = blockText(part.cloneContents());
    if (!text) return;
    out += (out ? (blockGap ? '\n\n' : ' ') : '') + text;
    blockGap = false;
  });
  return out;
}

const toRect = (r: DOMRect): ViewportRect => ({ top: r.top, left: r.left, bottom: r.bottom, right: r.right });

/**
 * The whole selection as the user sees it (line breaks kept; Chrome's `selectionText` can be cut short),
 * looking into same-origin frames when the top document has none. Cross-origin frames cannot be read.
 */
export function readSelection(win: Window): ReadSelection | null {
  const mine = own(win);
  if (mine?.text.trim()) return mine;
  for (const frame of Array.from(win.document.querySelectorAll('iframe, frame')) as HTMLIFrameElement[]) {
    let inner: ReadSelection | null = null;
    try {
      if (frame.contentWindow) inner = readSelection(frame.contentWindow);
    } catch {
      continue; // another origin
    }
    if (inner?.text.trim()) {
      const box = frame.getBoundingClientRect();
      const dx = box.left + frame.clientLeft;
      const dy = box.top + frame.clientTop;
      const r = inner.rect;
      return { text: inner.text, inFrame: true, rect: r && { top: r.top + dy, bottom: r.bottom + dy, left: r.left + dx, right: r.right + dx } };
    }
  }
  return mine;
}
