import { defineContentScript } from 'wxt/utils/define-content-script';
import { readPage } from '@/lib/page-text/page/read-page';

// Injected on demand by the side panel's "Summarize this page" (scripting.executeScript, under activeTab); never
// declared for all pages. It only reads: the page's main text goes back to the side panel as main()'s result.
export default defineContentScript({
  registration: 'runtime',
  main() {
    const page = readPage(document);
    return { text: page.text, title: page.title, url: location.href, method: page.method };
  },
});
