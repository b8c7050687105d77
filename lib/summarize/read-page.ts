import { Readability } from '@mozilla/readability';

export interface PageText {
  text: string;
  title: string;
  /** 'article': Readability found the main text; 'visible-text': it did not, so all visible text was read. */
  method: 'article' | 'visible-text';
}

const BLOCK = /^(P|DIV|SECTION|ARTICLE|MAIN|ASIDE|HEADER|FOOTER|NAV|H[1-6]|LI|UL|OL|DL|DT|DD|PRE|BLOCKQUOTE|TABLE|TR|FIGURE|FIGCAPTION|HR)$/;

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
        else if (BLOCK.test(tag)) {
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
 * The page's main text through Readability (on a copy: it changes the document it reads). Pages that are not
 * articles (apps, lists) fall back to the visible text, and the panel says so.
 */
export function readPage(doc: Document): PageText {
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    article = new Readability(doc.cloneNode(true) as Document, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  const title = (article?.title || doc.title || '').trim();
  if (article?.content) {
    // DOMParser documents are inert: nothing in the article's HTML runs or loads.
    const parsed = new DOMParser().parseFromString(article.content, 'text/html');
    const text = blockText(parsed.body);
    if (text.length >= 200 || text.length >= (doc.body?.innerText ?? '').trim().length / 2) return { text, title, method: 'article' };
  }
  return { text: (doc.body?.innerText ?? '').trim(), title, method: 'visible-text' };
}
