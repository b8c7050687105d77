import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ModelSpec } from '../../messaging/protocol';
import type { ChatStore, Conversation, StoredMessage } from '../chat-store';
import { createConversation, newId, titleFor } from '../conversation';
import type { ChatSettings } from '../../llm/settings';
import type { HearthClient } from '../../llm/view/hearth-client';
import { askBudget, type AskTurn, type TurnBudget } from '../ask-turn';
import { promptFor, type Fitted } from '../prompt-for';
import { useAnswerStream, type StreamState } from './use-answer-stream';

export type { AskTurn } from '../ask-turn';

export interface ChatState extends StreamState {
  conversations: Conversation[];
}

const EMPTY: ChatState = { conversations: [], current: null, streamingId: null, progress: null, waiting: null, reading: null, notice: null, error: null };

/** A question to put to the model: the conversation it ends, and what the store must do before it is answered. */
interface Asking {
  next: Conversation;
  question: StoredMessage;
  ask?: AskTurn;
  save(fitted: Fitted): Promise<void>;
}

/**
 * The chat's state and actions. The app owns the user's messages (it adds them to IndexedDB); the model host owns
 * answers (useAnswerStream). A new message, an edited one and one asked again all get their prompt from `promptFor`:
 * the chat fitted to the context, or the `ask` turn the ask feature hands over for a question about tabs.
 */
export function useChat(client: HearthClient, store: ChatStore, settings: ChatSettings | null, model: ModelSpec | null) {
  const [state, setState] = useState<ChatState>(EMPTY);
  const patch = (p: Partial<ChatState>) => setState((s) => ({ ...s, ...p }));
  const refreshList = async () => patch({ conversations: await store.list() });
  const stream = useAnswerStream(client, setState, refreshList);
  stream.showing(state.current);
  const ready = (s: ChatSettings | null, m: ModelSpec | null): s is ChatSettings => !!s && !!m && !state.streamingId;

  /** Build the prompt (nothing is saved when it fails: the text stays in the composer), save, and ask the host. */
  async function put({ next, question, ask, save }: Asking): Promise<boolean> {
    try {
      const fitted = promptFor(next, question, ask, settings!, model!);
      await save(fitted);
      stream.answer(next, fitted, settings!);
    } catch (err) {
      patch({ error: (err as Error).message });
      return false;
    }
    await refreshList();
    return true;
  }

  const typed = (text: string) => {
    if (!text.trim()) patch({ error: 'Type a message first.' });
    return !!text.trim();
  };
  const userMessage = (text: string): StoredMessage => ({ id: newId(), role: 'user', content: text, createdAt: Date.now() });

  const send = useCallback(
    async (text: string, ask?: AskTurn): Promise<boolean> => {
      if (!ready(settings, model) || !typed(text)) return false;
      const base = state.current ?? createConversation();
      const c = { ...base, title: base.messages.length ? base.title : titleFor(text) };
      const question = userMessage(text);
      return put({ next: { ...c, messages: [...c.messages, question] }, question, ask, save: () => store.addMessage(c, question) });
    },
    [state.streamingId, state.current, settings, model],
  );

  useEffect(() => {
    void (async () => {
      const list = await store.list();
      patch({ conversations: list });
      stream.show(list[0] ?? null);
    })();
  }, []);

  return {
    state,
    send,
    stop: stream.stop,
    /** What a question about tabs may take (null until the model and settings are known): for ask turns and primes. */
    askBudget: (settings && model ? askBudget(settings, model) : null) as TurnBudget | null,
    /**
     * Ask the last question again. A question about open tabs comes with its `ask` turn (lib/ask hands over the one
     * it was asked with: its passages, the same earlier context), as `send` takes it.
     */
    async regenerate(ask?: AskTurn): Promise<boolean> {
      const c = state.current;
      const last = c?.messages.at(-1);
      const asked = c?.messages.at(-2);
      if (!c || !ready(settings, model) || last?.role !== 'assistant' || asked?.role !== 'user') return false;
      const question = { ...asked }; // its passages are set again from the turn (the same ones, or fewer if fewer fit)
      const next = { ...c, messages: [...c.messages.slice(0, -2), question] };
      return put({ next, question, ask, save: async () => void (await store.removeMessage(c.id, last.id)) });
    },
    newChat() {
      if (state.streamingId) return;
      stream.show(null);
    },
    async open(id: string) {
      if (state.streamingId) return;
      stream.show((await store.get(id)) ?? null);
    },
    /** Delete a conversation; returns it as it was, for undo. */
    async remove(id: string): Promise<Conversation | undefined> {
      const gone = await store.get(id);
      await store.remove(id);
      if (state.current?.id === id) stream.show(null);
      await refreshList();
      return gone;
    },
    async restore(c: Conversation) {
      await store.restore(c);
      await refreshList();
    },
    /**
     * Replace a message of the user's with `text`: it and everything after go, and the new text is sent. A question
     * about open tabs comes with its `ask` turn (the sources ranked again for the new text), as `send` takes it.
     */
    async editAndResend(messageId: string, text: string, ask?: AskTurn): Promise<boolean> {
      const c = state.current;
      const at = c?.messages.findIndex((m) => m.id === messageId) ?? -1;
      if (!c || at < 0 || c.messages[at]!.role !== 'user' || !ready(settings, model) || !typed(text)) return false;
      const rest = { ...c, messages: c.messages.slice(0, at) };
      const question = userMessage(text);
      const next = { ...rest, messages: [...rest.messages, question] };
      const save = async () => {
        await store.removeFrom(c.id, messageId);
        await store.addMessage(next, question);
      };
      return put({ next, question, ask, save });
    },
    clearError: () => patch({ error: null }),
  };
}
