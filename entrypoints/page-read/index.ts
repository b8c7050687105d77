import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readPage } from '@/lib/page-text/page/read-page';

// Injected on demand by the side panel's "Summarize this page" (scripting.executeScript, under activeTab); never
// declared for all pages. It only reads: the page's main text goes back to the side panel as main()'s result.
// An unlisted script, not a WXT content script, so the page is told nothing (see entrypoints/page-summary).
export default defineUnlistedScript(() => {
  const page = readPage(document);
  return { text: page.text, title: page.title, url: location.href, method: page.method };
});
