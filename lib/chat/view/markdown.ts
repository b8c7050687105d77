import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

const ALLOWED = new Set([
  'p', 'br', 'hr', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'span',
]);
const ATTRS: Record<string, string[]> = { a: ['href', 'title'], input: ['type', 'checked', 'disabled'], td: ['align'], th: ['align'], code: ['class'], ol: ['start'] };
const SAFE_URL = /^(https?:|mailto:)/i;

/**
 * Model output → nodes that can only format text. micromark already escapes raw HTML and drops dangerous
 * link protocols; this allowlist pass is the second lock. Images become links (loading one would send a
 * request from the user's browser, and Hearth keeps everything on the device).
 *
 * It returns the checked tree itself (parsed once, in an inert document), never its HTML: serializing a
 * sanitized tree and parsing it again can build a different tree (mutation XSS), so callers insert these nodes.
 */
export function renderMarkdown(text: string, parser: DOMParser = new DOMParser()): DocumentFragment {
  const html = micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  const doc = parser.parseFromString(`<body>${html}</body>`, 'text/html');
  clean(doc.body, doc);
  const out = doc.createDocumentFragment();
  out.append(...doc.body.childNodes);
  return out;
}

const bare = (s: string) => s.trim().toLowerCase().replace(/^(https?:\/\/|mailto:)/, '').replace(/^www\./, '').replace(/\/$/, '');

/**
 * A link whose words differ from where it goes ("[your bank](https://evil.example)", text a page planted in what the
 * model read) shows its real target beside it: the site's host, or a mail address.
 */
function showTarget(a: Element, doc: Document) {
  const href = a.getAttribute('href');
  if (!href || bare(a.textContent ?? '') === bare(href)) return;
  let label: string;
  try {
    const u = new URL(href);
    label = u.protocol === 'mailto:' ? decodeURIComponent(u.pathname) : u.host;
  } catch {
    return;
  }
  const note = doc.createElement('span');
  note.className = 'link-target';
  note.textContent = ` (${label})`;
  a.after(note);
}

function clean(node: Element, doc: Document) {
  for (const child of [...node.children]) {
    const tag = child.tagName.toLowerCase();
    if (tag === 'img') {
      const src = child.getAttribute('src') ?? '';
      const alt = child.getAttribute('alt') || 'image';
      const replacement = SAFE_URL.test(src) ? doc.createElement('a') : doc.createElement('span');
      replacement.textContent = `[${alt}]`;
      if (replacement.tagName === 'A') replacement.setAttribute('href', src);
      child.replaceWith(replacement);
      clean(node, doc);
      return;
    }
    if (!ALLOWED.has(tag)) {
      child.replaceWith(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    for (const attr of [...child.attributes]) {
      if (!(ATTRS[tag] ?? []).includes(attr.name)) child.removeAttribute(attr.name);
    }
    if (tag === 'a') {
      const href = child.getAttribute('href') ?? '';
      if (!SAFE_URL.test(href.trim())) child.removeAttribute('href');
      child.setAttribute('target', '_blank');
      child.setAttribute('rel', 'noopener noreferrer nofollow');
      showTarget(child, doc);
    }
    if (tag === 'input' && child.getAttribute('type') !== 'checkbox') child.remove();
    else clean(child, doc);
  }
}
