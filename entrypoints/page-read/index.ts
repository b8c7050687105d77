import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readPage } from '@/lib/page-text/page/read-page';
import { capForCopy } from '@/lib/ask/page/ask-page';

// Injected on demand by the side panel's "Summarize this page" (scripting.executeScript, under activeTab); never
// declared for all pages. It only reads: the page's main text goes back to the side panel as main()'s result.
// An unlisted script, not a WXT content script, so the page is told nothing (see entrypoints/page-summary).
export default defineUnlistedScript(() => {
  const page = readPage(document);
  // Capped before it leaves the tab (one character over the limit still tells the side panel it is too long).
  return { text: capForCopy(page.text), title: page.title.slice(0, 1000), url: location.href, method: page.method };
});
