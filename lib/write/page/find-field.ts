import type { ViewportRect } from '../../page-text/page/read-selection';
import type { FieldFacts } from '../check-field';

/**
 * The field the user asked about: the focused element, looked for through same-origin frames (a web mail's editor
 * is often a document of its own in an iframe). Chrome leaves focus in the field when its context menu opens, and
 * a shortcut is pressed in it, so the focused element is the field in both cases.
 */
export type TextControl = HTMLInputElement | HTMLTextAreaElement;

export type FoundField =
  | { facts: Extract<FieldFacts, { found: 'none' | 'other-origin-frame' }> }
  | { facts: Extract<FieldFacts, { found: 'control' }>; el: TextControl; offset: { x: number; y: number } }
  | { facts: { found: 'rich' }; root: HTMLElement; offset: { x: number; y: number } };

const isFrame = (el: Element | null): el is HTMLIFrameElement => !!el && (el.tagName === 'IFRAME' || el.tagName === 'FRAME');

/** The editing host an element is in: its topmost contenteditable ancestor, or a designMode document's body. */
function editingHost(el: Element | null, doc: Document): HTMLElement | null {
  if (doc.designMode === 'on' && doc.body) return doc.body;
  let host: HTMLElement | null = null;
  for (let e = el as HTMLElement | null; e && e.isContentEditable; e = e.parentElement) host = e;
  return host;
}

/** The focused element in `doc`, through same-origin frames, with its frame's offset in the top viewport. */
export function findField(doc: Document): FoundField {
  let offset = { x: 0, y: 0 };
  let active = doc.activeElement;
  while (isFrame(active)) {
    let inner: Document | null = null;
    try {
      inner = active.contentDocument;
    } catch {
      inner = null;
    }
    if (!inner) return { facts: { found: 'other-origin-frame' } };
    const box = active.getBoundingClientRect();
    offset = { x: offset.x + box.left + active.clientLeft, y: offset.y + box.top + active.clientTop };
    doc = inner;
    active = inner.activeElement;
  }
  if (active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT')) {
    const el = active as TextControl;
    const type = el.tagName === 'INPUT' ? (el.getAttribute('type') ?? '').toLowerCase() : 'textarea';
    return { facts: { found: 'control', tag: el.tagName as 'INPUT' | 'TEXTAREA', type, readOnly: el.readOnly, disabled: el.disabled }, el, offset };
  }
  // A rich editor: the focused element's editing host, or the selection's when focus is elsewhere in the document.
  const sel = doc.getSelection();
  const anchor = sel?.anchorNode ? (sel.anchorNode.nodeType === 1 ? (sel.anchorNode as Element) : sel.anchorNode.parentElement) : null;
  const root = editingHost(active, doc) ?? editingHost(anchor, doc);
  return root ? { facts: { found: 'rich' }, root, offset } : { facts: { found: 'none' } };
}

/** A rectangle of the field's document, in the top viewport. */
export function toTopRect(r: DOMRect, offset: { x: number; y: number }): ViewportRect {
  return { top: r.top + offset.y, bottom: r.bottom + offset.y, left: r.left + offset.x, right: r.right + offset.x };
}
