import { BLOCK_TAG } from '../../page-text/page/read-page';
import type { Segment } from '../segments';

/**
 * A copy of a rich editor's selection (Range.cloneContents), read as flat text with the pieces it is made of
 * (segments.ts): its text nodes, its <br>s and the edges between its blocks. Read from the copy itself, so a piece
 * and the node it came from are the same node, and changing the pieces changes the copy Apply puts back.
 */
export interface RichCopy {
  fragment: DocumentFragment;
  text: string;
  segments: Segment[];
  /** The node of each segment (null for a block edge). */
  nodes: Array<Node | null>;
  /** The editor keeps spaces and line breaks as typed (white-space: pre-wrap and the like). */
  keepsSpaces: boolean;
}

const SKIP = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/;

export function readRichCopy(range: Range, keepsSpaces: boolean): RichCopy {
  const fragment = range.cloneContents();
  const copy: RichCopy = { fragment, text: '', segments: [], nodes: [], keepsSpaces };
  let pendingBreak = false;
  const push = (text: string, kind: Segment['kind'], node: Node | null) => {
    copy.segments.push({ start: copy.text.length, end: copy.text.length + text.length, kind });
    copy.nodes.push(node);
    copy.text += text;
  };
  const breakIfPending = () => {
    if (pendingBreak && copy.text && !copy.text.endsWith('\n')) push('\n', 'block', null);
    pendingBreak = false;
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      let data = (node as Text).data;
      if (!keepsSpaces) {
        data = data.replace(/\s+/g, ' ');
        if (/[\s]$/.test(copy.text) || (pendingBreak && !data.trim())) data = data.replace(/^ /, '');
      }
      if (data) breakIfPending();
      push(data, 'text', node);
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const tag = (node as Element).tagName ?? '';
    if (SKIP.test(tag)) return;
    if (tag === 'BR') {
      pendingBreak = false;
      push('\n', 'br', node);
      return;
    }
    const block = BLOCK_TAG.test(tag);
    if (block) pendingBreak = true;
    node.childNodes.forEach(walk);
    if (block) pendingBreak = true;
  };
  walk(fragment);
  return copy;
}

/** Remove `node`, and the elements around it that held nothing else (a <b> or a <p> whose words all went). */
function removeWithEmptied(node: Node, top: Node): void {
  let parent: Node | null = node.parentNode;
  (node as ChildNode).remove();
  while (parent && parent !== top && !parent.hasChildNodes()) {
    const up: Node | null = parent.parentNode;
    (parent as ChildNode).remove();
    parent = up;
  }
}

/**
 * Put each segment's new text into the copy: a changed text node gets its new text (line breaks as <br> where the
 * editor collapses spaces), a <br> whose break was deleted goes. Returns the copy's HTML for one insertHTML edit.
 * The HTML is the page's own markup (it was in the field already) with the model's words as text nodes, so nothing
 * the model wrote is ever parsed as markup; scripts and inline handlers are left out all the same.
 */
export function rebuildRichCopy(copy: RichCopy, texts: string[], doc: Document): string {
  copy.segments.forEach((s, k) => {
    const node = copy.nodes[k];
    const before = copy.text.slice(s.start, s.end);
    if (!node || texts[k] === before) return;
    if (texts[k] === '') return removeWithEmptied(node, copy.fragment);
    if (s.kind === 'br') return;
    const next = texts[k]!;
    if (copy.keepsSpaces || !next.includes('\n')) {
      (node as Text).data = next;
      return;
    }
    const pieces = next.split('\n');
    const parts: Node[] = [];
    pieces.forEach((p, i) => {
      if (i > 0) parts.push(doc.createElement('br'));
      if (p) parts.push(doc.createTextNode(p));
    });
    (node as ChildNode).replaceWith(...parts);
  });
  const box = doc.createElement('div');
  box.append(copy.fragment);
  box.querySelectorAll('script, style, template, noscript, iframe, object, embed').forEach((e) => e.remove());
  for (const el of Array.from(box.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) el.removeAttribute(a.name);
  }
  return box.innerHTML;
}
