import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createAskPage, type AskPage } from '@/lib/ask/page/ask-page';
import type { AskCommand } from '@/lib/ask/page/ask-command';
import { runAskCommand } from '@/lib/ask/page/ask-command';

// Injected on demand by the chat (scripting.executeScript, files), never declared for all pages. One injection does
// one thing and returns its result: a read is a single injection, so the text is taken in one task of the page's
// event loop (no gap between "Hearth arrived" and "Hearth read" for a page to change what is shown). A highlight's
// passage is set in this isolated world first (`__hearthAskCommand`); without a command the script reads.
// An unlisted script, not a WXT content script, so the page is told nothing (see entrypoints/page-summary).
declare global {
  // eslint-disable-next-line no-var
  var __hearthAsk: AskPage | undefined;
  // eslint-disable-next-line no-var
  var __hearthAskCommand: AskCommand | undefined;
}

export default defineUnlistedScript(() => {
  const ask = (globalThis.__hearthAsk ??= createAskPage(window));
  const command = globalThis.__hearthAskCommand;
  globalThis.__hearthAskCommand = undefined;
  return runAskCommand(ask, command);
});
