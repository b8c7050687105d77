/**
 * Page furniture that is not the article: advertisements, newsletter sign-up boxes, cookie banners, "most read" and
 * related-story lists. Readability drops most of a page's furniture, but what sits inside the article's column (an
 * inline ad, a sign-up box between two paragraphs) or looks like prose (a cookie banner on a short page) gets
 * through, and a summary then mentions "50% off shoes". These checks run on the inert copy Hearth reads (never the
 * live page), before Readability and again on what it returns.
 */

// Class and id words (whole words between - _ or spaces), ARIA labels and roles that name furniture.
const FURNITURE_NAME =
  /(^|[-_\s])(ads?|adv|advert|adverts|advertisement|advertising|adslot|adunit|ad-?slot|ad-?unit|ad-?container|dfp|gpt|sponsor|sponsored|promo|promoted|outbrain|taboola|newsletter|newsletters|subscribe|subscription|signup|sign-up|cookie|cookies|consent|gdpr|cmp|most-?read|most-?popular|most-?viewed|trending|related|recommended|recirc|paywall)([-_\s]|$)/i;
const FURNITURE_LABEL = /\b(advert|advertisement|sponsored|newsletter|sign[ -]?up|subscribe|cookie|consent|most (read|popular|viewed)|related|recommended|trending)\b/i;
// A short line that labels the box it sits in as an ad.
const AD_LABEL = /^\s*(advertisement|advertising|sponsored( content| post)?|paid (content|post)|promoted|ad|anzeige|publicité|story continues below( this)? advertisement)\s*$/i;
// Headings over lists of other stories.
const LIST_HEADING =
  /^\s*(most (read|popular|viewed|shared|commented)|related( (stories|articles|posts|content|reading|coverage))?|recommended( for you| stories| reading)?|you (may|might) also like|more (stories|from [^.]{1,40}|to read|on this)|trending( now)?|popular( now| today)?|read (more|next)|editor'?s picks|top stories)\s*:?\s*$/i;
const COOKIE_TEXT = /\b(we use cookies|this (site|website) uses cookies|accept (all )?cookies|cookie (policy|settings|preferences)|manage (your )?consent)\b/i;
const SIGNUP_TEXT = /\b(sign up (for|to)|subscribe (to|for)|get (our|the) [\w ]{0,30}newsletter|enter your e-?mail|newsletter)\b/i;

const SMALL = 700; // characters: furniture is short; a box longer than this is left alone
const CONTAINER = /^(DIV|SECTION|ASIDE|FORM|UL|OL|NAV|FIGURE|INS|DIALOG|FOOTER|HEADER|LI)$/;

// Text lengths of every element, measured once (a big page has thousands of nested boxes: asking each for its
// textContent would read the page's text once per level of nesting). Stale after a removal, which only makes a box
// look bigger than it is, and bigger boxes are left alone.
let sizes = new WeakMap<Element, number>();
function measure(el: Element): number {
  let n = 0;
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === 3) n += (child.nodeValue ?? '').replace(/\s+/g, ' ').length;
    else if (child.nodeType === 1) n += measure(child as Element);
  }
  sizes.set(el, n);
  return n;
}
const textLength = (el: Element) => sizes.get(el) ?? measure(el);

/** An element that holds the article itself (or most of the text), which no furniture check may remove. */
function holdsArticle(el: Element, total: number): boolean {
  if (/^(BODY|HTML|MAIN|ARTICLE)$/.test(el.tagName.toUpperCase())) return true;
  if (el.querySelector('article, main, h1, [itemprop=articleBody]')) return true;
  const len = textLength(el);
  return len > 500 && len > total * 0.4;
}

/** Why `el` is furniture by its own markup (names, roles, labels), or null. */
function namedFurniture(el: Element): string | null {
  const tag = el.tagName.toUpperCase();
  if (tag === 'INS' && /adsbygoogle/.test(el.className)) return 'ad';
  for (const a of Array.from(el.attributes)) if (/^data-(ad|ad-?slot|ad-?unit|google-query-id|native-ad)$/i.test(a.name)) return 'ad';
  const names = `${typeof el.className === 'string' ? el.className : ''} ${el.id}`;
  if (FURNITURE_NAME.test(names)) return 'named';
  const label = `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('data-testid') ?? ''}`;
  if (label.trim() && FURNITURE_LABEL.test(label)) return 'labelled';
  const role = el.getAttribute('role');
  if ((role === 'dialog' || role === 'alertdialog') && COOKIE_TEXT.test(el.textContent ?? '')) return 'cookie dialog';
  return null;
}

/** The box to remove around a small telltale element: its nearest container that is still small. */
function boxAround(el: Element, limit: number, total: number): Element {
  let box = el;
  for (let up = el.parentElement; up && CONTAINER.test(up.tagName.toUpperCase()) && textLength(up) <= limit && !holdsArticle(up, total); up = up.parentElement) box = up;
  return box;
}

/** Lists of links (other stories, tags, share buttons): most of their text is links. */
function linkList(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (!/^(UL|OL|NAV|SECTION|ASIDE|DIV)$/.test(tag)) return false;
  const links = el.querySelectorAll('a');
  if (links.length < 3) return false;
  const len = textLength(el);
  if (!len || len > 2000) return false;
  let linked = 0;
  links.forEach((a) => (linked += textLength(a)));
  // A paragraph-like list item cites a source inside a sentence; a story list is almost all link text.
  return linked / len > 0.65;
}

/**
 * Remove furniture from `root` (an inert copy). Returns what was removed, for tests and the curious. Elements that
 * hold the article (or most of the text) are never removed, whatever their class says.
 */
export function removeBoilerplate(root: Element): string[] {
  const removed: string[] = [];
  sizes = new WeakMap();
  const total = measure(root);
  const drop = (el: Element, why: string) => {
    if (!root.contains(el) || el === root || holdsArticle(el, total)) return;
    removed.push(`${why}: ${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}`);
    el.remove();
  };
  const all = () => Array.from(root.querySelectorAll('*'));
  for (const el of all()) {
    if (!root.contains(el)) continue;
    const why = namedFurniture(el);
    if (why) drop(el, why);
  }
  for (const el of all()) {
    if (!root.contains(el)) continue;
    const heading = /^H[2-6]$/.test(el.tagName.toUpperCase());
    if ((el.children.length && !heading) || textLength(el) > 80) continue;
    const own = (el.textContent ?? '').trim();
    if (!heading && AD_LABEL.test(own)) drop(boxAround(el, 400, total), 'ad label');
    else if (heading && LIST_HEADING.test(own)) {
      const box = boxAround(el, 2000, total);
      if (box !== el) drop(box, 'story list');
      else {
        const next = el.nextElementSibling;
        if (next && /^(UL|OL|DIV)$/.test(next.tagName.toUpperCase())) drop(next, 'story list');
        drop(el, 'story list heading');
      }
    }
  }
  for (const el of all()) {
    if (!root.contains(el)) continue;
    const tag = el.tagName.toUpperCase();
    if (tag === 'INPUT' && (el.getAttribute('type') ?? '').toLowerCase() === 'email') drop(boxAround(el, SMALL, total), 'sign-up box');
    else if (CONTAINER.test(tag) && textLength(el) <= SMALL) {
      const text = el.textContent ?? '';
      if (COOKIE_TEXT.test(text) && el.querySelector('button, a, input')) drop(boxAround(el, SMALL, total), 'cookie banner');
      else if (SIGNUP_TEXT.test(text) && el.querySelector('button, input[type=submit]')) drop(boxAround(el, SMALL, total), 'sign-up box');
    }
  }
  for (const el of all()) if (root.contains(el) && linkList(el)) drop(el, 'link list');
  return removed;
}
