/**
 * Finding a passage again in the live page. The passage was read from a copy (Readability's, with hidden text
 * removed and whitespace collapsed), so it is matched on its non-space characters against the text the page shows,
 * skipping what a reader cannot see; where the copy dropped something in the middle (an ad between two
 * paragraphs), the passage's head and tail are matched and the range spans both.
 */
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA)$/;
const EDGE = 60;

interface Flat {
  chars: string;
  at: { node: Text; offset: number }[];
}

function flatten(root: Element, isHidden: (el: Element) => boolean): Flat {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.nodeType === 1 && (SKIP.test((n as Element).tagName) || isHidden(n as Element)) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  let chars = '';
  const at: Flat['at'] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType !== 3) continue;
    const value = n.nodeValue ?? '';
    for (let i = 0; i < value.length; i++) {
      if (/\s/.test(value[i]!)) continue;
      chars += value[i];
      at.push({ node: n as Text, offset: i });
    }
  }
  return { chars, at };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The range of the page showing `text`, or null when the page no longer shows it. */
export function findPassage(doc: Document, text: string, isHidden: (el: Element) => boolean): Range | null {
  if (!doc.body) return null;
  const needle = squeeze(text);
  if (!needle) return null;
  const flat = flatten(doc.body, isHidden);
  let start = flat.chars.indexOf(needle);
  let end = start + needle.length;
  if (start < 0) {
    start = flat.chars.indexOf(needle.slice(0, EDGE));
    if (start < 0) return null;
    const tail = flat.chars.indexOf(needle.slice(-EDGE), start);
    end = tail >= 0 && tail - start < needle.length * 2 ? tail + Math.min(EDGE, needle.length) : start + Math.min(EDGE, needle.length);
  }
  const first = flat.at[start]!;
  const last = flat.at[end - 1]!;
  const range = doc.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + 1);
  return range;
}
