import { defineContentScript } from 'wxt/utils/define-content-script';
import { createAskPage, type AskPage } from '@/lib/ask/page/ask-page';

// Injected on demand by the chat (scripting.executeScript, files), never declared for all pages. It only puts an
// object in Hearth's isolated world; the chat calls it with a second executeScript and gets the return value, so
// no message listener is added to the page's content-script side.
declare global {
  // eslint-disable-next-line no-var
  var __hearthAsk: AskPage | undefined;
}

export default defineContentScript({
  registration: 'runtime',
  main() {
    globalThis.__hearthAsk ??= createAskPage(window);
  },
});
