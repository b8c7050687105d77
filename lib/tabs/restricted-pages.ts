/**
 * Pages where Chrome lets no extension run a content script, with the reason shown in the side panel (`what` is the
 * feature that opens there: "the summary opens here"). Anything not listed is tried; an injection that still fails
 * falls back to the side panel too.
 */
export function whyCannotInject(url: string | undefined, what: 'summary' | 'translation' = 'summary'): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol === 'view-source:') return `Chrome does not let extensions read view-source pages, so the ${what} opens here.`;
  if (/^(chrome|chrome-untrusted|chrome-search|edge|brave|devtools|about|chrome-extension):$/.test(u.protocol)) {
    return `Chrome does not let extensions run on its own pages (${u.protocol}//…), so the ${what} opens here.`;
  }
  if (u.hostname === 'chromewebstore.google.com' || (u.hostname === 'chrome.google.com' && u.pathname.startsWith('/webstore'))) {
    return `Chrome does not let extensions run on the Chrome Web Store, so the ${what} opens here.`;
  }
  if (/\.pdf$/i.test(u.pathname)) return `Chrome's PDF viewer does not let extensions read the document, so the ${what} opens here.`;
  return null;
}
