import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { StoredMessage } from '../../chat/chat-store';
import type { AskTurn } from '../../chat/view/use-chat';
import { createTokenRatio, estimateTokensUpperBound } from '../../tokens/estimate';
import { calibrateWithCount } from '../../tokens/count-text';
import { readPdfTab } from '../../pdf/view/read-pdf-tab';
import { createTabAccess, type ReadPdf, type TabsBrowser } from './tab-access';
import { useAsk, type TabEvents } from './use-ask';
import { summaryTurns, watchFollowUps, type FollowUp, type FollowUpStorage } from '../follow-up';

export interface AskChatDeps {
  /** Tokens by the loaded model's tokenizer (`llm.countTokens`), or null when none is at hand. */
  countTokens(text: string): Promise<number | null>;
  browser?: TabsBrowser & { tabs: TabEvents };
  /** Reads a PDF tab (Chrome's viewer runs no content script). */
  readPdf?: ReadPdf;
  /** Where a summary leaves "Ask a follow-up" (storage.session); null: none is taken. */
  session?: FollowUpStorage | null;
}

/**
 * The chat app's side of "Ask about this page": while sources are in use, a message is a question about them
 * (its prompt built from the ranked passages); otherwise it goes to the chat as before. Passages are sized in the
 * model's own tokens: the engine counts the sources' text once (summarize's calibration).
 */
export function useAskChat(send: (text: string, ask?: AskTurn) => Promise<boolean>, { countTokens, browser: b = browser as never, readPdf = readPdfTab, session = browser.storage.session as never }: AskChatDeps) {
  const access = useMemo(() => createTabAccess(b, readPdf), [b, readPdf]);
  const ask = useAsk(access, b.tabs);
  // A summary's "Ask a follow-up": ask about its tab, the summary as the turns before the first question.
  const [context, setContext] = useState<(FollowUp & { tabId: number }) | null>(null);
  const askAboutTab = useRef(ask.askAboutTab);
  askAboutTab.current = ask.askAboutTab;
  useEffect(() => {
    if (!session) return;
    return watchFollowUps(session, async (f) => {
      const tabId = f.tabId ?? (await access.current())?.id;
      if (tabId === undefined) return;
      setContext({ ...f, tabId });
      await askAboutTab.current(tabId);
    });
  }, [session, access]);
  const followUp = context && ask.state.sources.some((s) => s.tabId === context.tabId) ? context : null;
  const ratio = useRef(createTokenRatio());
  const calibrated = useRef('');

  /** The ask turn for a question: the sources' passages ranked for it, sized in the model's tokens. */
  async function turnFor(text: string): Promise<AskTurn> {
    const sources = ask.text();
    if (calibrated.current !== sources) {
      await calibrateWithCount(ratio.current, sources, countTokens); // null when no model is loaded yet: the prior stays
      if (ratio.current.measured !== null) calibrated.current = sources;
    }
    const r = ratio.current;
    // Until the engine has counted (no model loaded yet), one token per UTF-8 byte: no tokenizer makes more, so
    // the first question fits whatever the model; once loaded, its own count sizes the passages.
    const count = (t: string) => (!t ? 0 : r.measured === null ? estimateTokensUpperBound(t) : Math.ceil((t.length * 1000) / r.charsFor(1000, t)));
    return (history, budget) => ask.prepare(text, followUp ? [...summaryTurns(followUp), ...history] : history, { ...budget, countTokens: count });
  }
  const sendAsk = async (text: string) => send(text, await turnFor(text));

  return {
    ask,
    access,
    followUp,
    /** Edit an earlier question about the sources: asked again over the sources still open, ranked for the new text. */
    edit: async (messageId: string, text: string, editAndResend: (id: string, text: string, ask?: AskTurn) => Promise<boolean>) =>
      editAndResend(messageId, text, text.trim() ? await turnFor(text) : undefined),
    send: (text: string) => (ask.active && text.trim() ? sendAsk(text) : send(text)) };
}

/** The passages given with the question an answer replies to (the user message just before it), if any. */
export const passagesFor = (messages: StoredMessage[], index: number) =>
  messages[index]?.role === 'assistant' ? messages[index - 1]?.passages : undefined;
