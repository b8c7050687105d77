import { Readability } from '@mozilla/readability';
import { copyWithout, readerCannotSee } from './visible-copy';
import { removeBoilerplate } from './boilerplate';

export interface PageText {
  text: string;
  title: string;
  /** 'article': Readability found the main text; 'visible-text': it did not, so all visible text was read. */
  method: 'article' | 'visible-text';
}

/** Elements a reader sees as blocks of their own (upper-case tag names). */
export const BLOCK_TAG = /^(P|DIV|SECTION|ARTICLE|MAIN|ASIDE|HEADER|FOOTER|NAV|H[1-6]|LI|UL|OL|DL|DT|DD|PRE|BLOCKQUOTE|TABLE|TR|TD|TH|CAPTION|FIGURE|FIGCAPTION|HR|DETAILS|SUMMARY|FORM|FIELDSET|LEGEND|ADDRESS|DIALOG)$/;

/** Text of a parsed (inert) element with a line break around every block, as a reader sees it. */
export function blockText(root: Node): string {
  const out: string[] = [];
  const walk = (node: Node, pre: boolean) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) out.push(pre ? child.nodeValue ?? '' : (child.nodeValue ?? '').replace(/\s+/g, ' '));
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName.toUpperCase();
        if (tag === 'BR') out.push('\n');
        else if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
        else if (BLOCK_TAG.test(tag)) {
          out.push('\n\n');
          walk(child, pre || tag === 'PRE');
          out.push('\n\n');
        } else walk(child, pre);
      }
    }
  };
  walk(root, false);
  return out.join('').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * The page's main text through Readability, read from a copy without the text a visitor cannot see (see
 * visible-copy.ts); Readability changes the document it reads, so it gets a copy of that. Pages that are not
 * articles (apps, lists) fall back to all the visible text, and the panel says so. Ads, sign-up boxes, cookie
 * banners and story lists (boilerplate.ts) are taken out before Readability and out of what it keeps.
 */
export function readPage(doc: Document, isHidden = readerCannotSee(doc.defaultView!)): PageText {
  const { copy: visible } = copyWithout(doc, isHidden);
  if (visible.body) removeBoilerplate(visible.body);
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    article = new Readability(visible.cloneNode(true) as Document, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  const title = (article?.title || doc.title || '').trim();
  // All the visible text: the fallback, and the measure of a short article (read only when needed: big pages).
  const all = () => (visible.body ? blockText(visible.body) : '');
  if (article?.content) {
    // DOMParser documents are inert: nothing in the article's HTML runs or loads.
    const parsed = new DOMParser().parseFromString(article.content, 'text/html');
    removeBoilerplate(parsed.body);
    const text = blockText(parsed.body);
    if (text.length >= 200) return { text, title, method: 'article' };
    const everything = all();
    return text.length >= everything.length / 2 ? { text, title, method: 'article' } : { text: everything, title, method: 'visible-text' };
  }
  return { text: all(), title, method: 'visible-text' };
}
