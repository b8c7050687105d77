import { useMemo, useRef } from 'preact/hooks';
import type { StoredMessage } from '../../chat/chat-store';
import type { AskTurn } from '../../ui/use-chat';
import { createTokenRatio, estimateTokensUpperBound } from '../../summarize/chunk';
import { calibrateWithCount } from '../../summarize/size-text';
import { readPdfTab } from '../../pdf/view/read-pdf-tab';
import { createTabAccess, type ReadPdf, type TabsBrowser } from './tab-access';
import { useAsk, type TabEvents } from './use-ask';

export interface AskChatDeps {
  /** Tokens by the loaded model's tokenizer (`llm.countTokens`), or null when none is at hand. */
  countTokens(text: string): Promise<number | null>;
  browser?: TabsBrowser & { tabs: TabEvents };
  /** Reads a PDF tab (Chrome's viewer runs no content script). */
  readPdf?: ReadPdf;
}

/**
 * The chat app's side of "Ask about this page": while sources are in use, a message is a question about them
 * (its prompt built from the ranked passages); otherwise it goes to the chat as before. Passages are sized in the
 * model's own tokens: the engine counts the sources' text once (summarize's calibration).
 */
export function useAskChat(send: (text: string, ask?: AskTurn) => Promise<boolean>, { countTokens, browser: b = browser as never, readPdf = readPdfTab }: AskChatDeps) {
  const access = useMemo(() => createTabAccess(b, readPdf), [b, readPdf]);
  const ask = useAsk(access, b.tabs);
  const ratio = useRef(createTokenRatio());
  const calibrated = useRef('');

  async function sendAsk(text: string): Promise<boolean> {
    const sources = ask.text();
    if (calibrated.current !== sources) {
      await calibrateWithCount(ratio.current, sources, countTokens); // null when no model is loaded yet: the prior stays
      if (ratio.current.measured !== null) calibrated.current = sources;
    }
    const r = ratio.current;
    // Until the engine has counted (no model loaded yet), one token per UTF-8 byte: no tokenizer makes more, so
    // the first question fits whatever the model; once loaded, its own count sizes the passages.
    const count = (t: string) => (!t ? 0 : r.measured === null ? estimateTokensUpperBound(t) : Math.ceil((t.length * 1000) / r.charsFor(1000, t)));
    return send(text, (history, budget) => ask.prepare(text, history, { ...budget, countTokens: count }));
  }

  return { ask, access, send: (text: string) => (ask.active && text.trim() ? sendAsk(text) : send(text)) };
}

/** The passages given with the question an answer replies to (the user message just before it), if any. */
export const passagesFor = (messages: StoredMessage[], index: number) =>
  messages[index]?.role === 'assistant' ? messages[index - 1]?.passages : undefined;
