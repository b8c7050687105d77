import { readPage } from '../../page-text/page/read-page';
import { readSelection } from '../../page-text/page/read-selection';
import { readerCannotSee } from '../../page-text/page/visible-copy';
import { countWords } from '../../page-text/count-words';
import { findPassage } from './find-passage';
import { LIMITS } from '../../messaging/protocol-values';

/**
 * Text leaves the tab capped: one character past the limit, so the chat can still say "too long" without a page
 * of hundreds of MB being copied out of the tab's process (and serialized through Chrome) first.
 */
export const capForCopy = (text: string) => (text.length > LIMITS.inputChars ? text.slice(0, LIMITS.inputChars + 1) : text);

/** The highlight's name in the page's registry (CSS Custom Highlight API: no element is added or moved). */
export const HIGHLIGHT = 'hearth-ask';

/** A highlight's outcome: shown; not found on the page; or the tab shows another page than the passage's. */
export type Highlighted = 'shown' | 'absent' | 'elsewhere';

const noHash = (url: string) => url.replace(/#.*$/, '');

export interface PageRead {
  kind: 'page' | 'selection';
  text: string;
  title: string;
  url: string;
  words: number;
}

/**
 * What the chat asks of a tab, run in Hearth's isolated world there: read its text (the selection if there is
 * one, else the readable page, hidden text left out either way: summarize/page/ reads both), and show a passage.
 */
export function createAskPage(win: Window & typeof globalThis) {
  const doc = win.document;
  let sheet: CSSStyleSheet | null = null;
  const onKey = (e: KeyboardEvent) => e.key === 'Escape' && clear();

  function clear() {
    win.CSS.highlights?.delete(HIGHLIGHT);
    win.removeEventListener('keydown', onKey, true);
  }

  return {
    read(): PageRead {
      const selection = readSelection(win);
      if (selection?.text.trim()) {
        const text = capForCopy(selection.text);
        return { kind: 'selection', text, title: doc.title.slice(0, 1000), url: win.location.href, words: countWords(text) };
      }
      const page = readPage(doc);
      const text = capForCopy(page.text);
      return { kind: 'page', text, title: (page.title || doc.title).slice(0, 1000), url: win.location.href, words: countWords(text) };
    },
    /**
     * Highlight and scroll to the passage, read from `url`; nothing when the tab shows another page now (checked
     * here, in the same task as the highlight, so a navigation just before cannot slip in). Escape clears it.
     */
    highlight(text: string, url: string): Highlighted {
      if (noHash(win.location.href) !== noHash(url)) return 'elsewhere';
      const range = findPassage(doc, text, readerCannotSee(win));
      if (!range || !win.CSS.highlights) return 'absent';
      if (!sheet) {
        // A constructed sheet, adopted: no <style> element goes into the page.
        const made = new win.CSSStyleSheet();
        made.replaceSync(`::highlight(${HIGHLIGHT}) { background-color: #ffd54a; color: #000; }`);
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, made];
        sheet = made;
      }
      win.CSS.highlights.set(HIGHLIGHT, new win.Highlight(range));
      const el = range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      win.addEventListener('keydown', onKey, true);
      return 'shown';
    },
    clear,
  };
}

export type AskPage = ReturnType<typeof createAskPage>;
