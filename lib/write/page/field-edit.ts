import type { ViewportRect } from '../../page-text/page/read-selection';
import { diffWords, hunksOf } from '../word-diff';
import { distributeHunks } from '../segments';
import { findField, toTopRect, type FoundField, type TextControl } from './find-field';
import { readRichCopy, rebuildRichCopy } from './rich-copy';

/**
 * The text writing help works on, read from the field when the user asked, and the one way back into the field:
 * Apply, through the browser's editing pipeline (execCommand on the restored selection). The site's editor then
 * sees a normal edit (beforeinput and input events, so a framework that ignores direct value changes takes it), and
 * the edit goes on the field's undo stack, so Ctrl+Z there restores the original.
 */
export type ApplyResult = { ok: true; undoable: boolean } | { ok: false; reason: string };

export interface FieldSnapshot {
  text: string;
  /** Nothing was selected: the text is the whole field's. */
  whole: boolean;
  rect: ViewportRect;
  /** The page's `lang` where the field is, for telling the text's language. */
  lang: string;
  /** The field still holds exactly what was read (not edited by the page or the user since). */
  stillSame(): boolean;
  apply(suggestion: string): ApplyResult;
  /** Call `cb` on each edit in the field's document (to tell the user at once when the field changes). */
  watch(cb: () => void): () => void;
}

export const CHANGED =
  'The text in the field changed while Hearth was writing, so the suggestion no longer fits it; nothing was applied. Use “Try again” for a suggestion on the text as it is now.';
const REFUSED = 'The page’s editor did not accept the change; nothing was applied. Use “Copy” and paste it in yourself.';

const watchIn = (doc: Document) => (cb: () => void) => {
  doc.addEventListener('input', cb, true);
  return () => doc.removeEventListener('input', cb, true);
};

function insert(doc: Document, text: string, html?: string): boolean {
  if (html !== undefined) return doc.execCommand('insertHTML', false, html);
  return text ? doc.execCommand('insertText', false, text) : doc.execCommand('delete', false);
}

function snapshotControl(el: TextControl, offset: { x: number; y: number }): FieldSnapshot {
  const value = el.value;
  let start = el.selectionStart ?? 0;
  let end = el.selectionEnd ?? 0;
  const whole = start === end;
  if (whole) [start, end] = [0, value.length];
  const stillSame = () => el.isConnected && !el.readOnly && !el.disabled && el.value === value;
  return {
    text: value.slice(start, end),
    whole,
    rect: toTopRect(el.getBoundingClientRect(), offset),
    lang: el.closest('[lang]')?.getAttribute('lang') ?? el.ownerDocument.documentElement.lang,
    stillSame,
    watch: watchIn(el.ownerDocument),
    apply(suggestion) {
      if (!stillSame()) return { ok: false, reason: CHANGED };
      el.focus({ preventScroll: true });
      el.setSelectionRange(start, end);
      insert(el.ownerDocument, suggestion);
      if (el.value !== value) return { ok: true, undoable: true };
      // The editing pipeline did nothing (a page that cancels it): set the text and tell the page as typing would.
      el.setRangeText(suggestion, start, end, 'end');
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: suggestion }));
      return el.value === value ? { ok: false, reason: REFUSED } : { ok: true, undoable: false };
    },
  };
}

const KEEPS_SPACES = /^(pre|pre-wrap|pre-line|break-spaces)$/;

function snapshotRich(root: HTMLElement, offset: { x: number; y: number }): FieldSnapshot {
  const doc = root.ownerDocument;
  const win = doc.defaultView!;
  const sel = doc.getSelection();
  const chosen = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
  const whole = !chosen || chosen.collapsed || !root.contains(chosen.commonAncestorContainer);
  // A live Range: the browser moves it with edits, and stillSame() tells when it no longer holds the same text.
  const range = whole ? doc.createRange() : chosen.cloneRange();
  if (whole) range.selectNodeContents(root);
  const keepsSpaces = KEEPS_SPACES.test(win.getComputedStyle(root).whiteSpace);
  const text = readRichCopy(range, keepsSpaces).text;
  const rootText = root.textContent;
  const rangeText = range.toString();
  const box = range.getBoundingClientRect();
  const stillSame = () => root.isConnected && (root.isContentEditable || doc.designMode === 'on') && root.textContent === rootText && range.toString() === rangeText;
  return {
    text,
    whole,
    rect: toTopRect(box.width || box.height ? box : root.getBoundingClientRect(), offset),
    lang: root.closest('[lang]')?.getAttribute('lang') ?? doc.documentElement.lang,
    stillSame,
    watch: watchIn(doc),
    apply(suggestion) {
      const copy = readRichCopy(range, keepsSpaces);
      if (!stillSame() || copy.text !== text) return { ok: false, reason: CHANGED };
      root.focus({ preventScroll: true });
      const s = doc.getSelection()!;
      s.removeAllRanges();
      s.addRange(range);
      // Plain text in one node: insertText. Formatting or line breaks: the copy with only the changed words changed,
      // in one insertHTML, so one Ctrl+Z undoes it all.
      const plain = copy.fragment.childNodes.length <= 1 && copy.fragment.firstChild?.nodeType !== 1;
      const html = plain ? undefined : rebuildRichCopy(copy, distributeHunks(copy.text, copy.segments, hunksOf(diffWords(copy.text, suggestion))), doc);
      const before = root.innerHTML;
      insert(doc, suggestion, html);
      return root.innerHTML !== before ? { ok: true, undoable: true } : { ok: false, reason: REFUSED };
    },
  };
}

/**
 * Read the field found by findField. Only for a field whyNotWritable accepted: a password field's value is never
 * read at all.
 */
export function snapshotField(found: FoundField): FieldSnapshot | null {
  if ('el' in found) return snapshotControl(found.el, found.offset);
  if ('root' in found) return snapshotRich(found.root, found.offset);
  return null;
}

export { findField };
