import { useMemo } from 'preact/hooks';
import type { StoredMessage } from '../../chat/chat-store';
import type { AskTurn } from '../../ui/use-chat';
import { createTabAccess, type TabsBrowser } from './tab-access';
import { useAsk, type TabEvents } from './use-ask';

/**
 * The chat app's side of "Ask about this page": while sources are in use, a message is a question about them
 * (its prompt built from the ranked passages); otherwise it goes to the chat as before.
 */
export function useAskChat(send: (text: string, ask?: AskTurn) => Promise<boolean>, b: TabsBrowser & { tabs: TabEvents } = browser as never) {
  const access = useMemo(() => createTabAccess(b), [b]);
  const ask = useAsk(access, b.tabs);
  return {
    ask,
    access,
    send: (text: string) => (ask.active && text.trim() ? send(text, (history, budget) => ask.prepare(text, history, budget)) : send(text)),
  };
}

/** The passages given with the question an answer replies to (the user message just before it), if any. */
export const passagesFor = (messages: StoredMessage[], index: number) =>
  messages[index]?.role === 'assistant' ? messages[index - 1]?.passages : undefined;
