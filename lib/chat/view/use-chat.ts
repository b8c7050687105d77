import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ChatMessage, LoadProgress, ModelSpec } from '../../messaging/protocol';
import { NotFoundError } from '../../messaging/errors';
import type { GenerationHandle, GenerateHandlers } from '../../messaging/stream-client';
import type { ChatStore, Conversation, StoredMessage } from '../chat-store';
import { createConversation, historyOf, newId, titleFor, withMessage } from '../conversation';
import { estimateTokens, fitContext } from '../fit-context';
import type { ChatSettings } from '../../llm/settings';
import type { HearthClient } from '../../llm/view/hearth-client';
import { createReadingFeed } from '../../ui-kit/reading-feed';
import { buildAskMessages } from '../../ask/prompt';
import { estimateTokensUpperBound } from '../../tokens/estimate';
import type { ReadingEstimate } from '../../ui-kit/reading-estimate';

/** A question about open tabs (lib/ask): its own prompt, built from the history, and the passages in it. */
export type AskTurn = (history: ChatMessage[], budget: { contextTokens: number; answerTokens: number }) => {
  messages: ChatMessage[];
  passages: NonNullable<StoredMessage['passages']>;
  droppedHistory: number;
};

/** The messages an answer is asked with, what was left out, and (for a question about tabs) its answer's length. */
type Fitted = { messages: ChatMessage[]; dropped: number; maxTokens?: number };

/** A question about tabs leaves a quarter of the context (at most the set answer length) for its answer. */
const askAnswerTokens = (settings: ChatSettings, model: ModelSpec) => Math.min(settings.maxTokens, Math.floor(model.contextTokens / 4));

export interface ChatState {
  conversations: Conversation[];
  current: Conversation | null;
  streamingId: string | null;
  progress: LoadProgress | null;
  /** Requests ahead of the streaming answer in the model host's queue (summaries in other tabs), while it waits. */
  waiting: number | null;
  /** The model reading the prompt, once loaded and until the answer's first word. */
  reading: ReadingEstimate | null;
  /** Shown above the composer, e.g. "3 earlier messages were left out to fit the model's context." */
  notice: string | null;
  error: string | null;
}

/**
 * The chat's state and actions. The app owns the user's messages (it adds them to IndexedDB); the model host owns
 * answers: it adds each answer to the conversation and saves it while it streams (lib/chat/host/persist-job.ts). What the
 * app shows of an answer is only what the host streams to it, kept in React state and never written back.
 */
export function useChat(client: HearthClient, store: ChatStore, settings: ChatSettings | null, model: ModelSpec | null) {
  const [state, setState] = useState<ChatState>({ conversations: [], current: null, streamingId: null, progress: null, waiting: null, reading: null, notice: null, error: null });
  const handle = useRef<GenerationHandle | null>(null);
  // What is on screen, for the reading estimate (the last measured reading speed in this conversation).
  const shown = useRef<Conversation | null>(null);
  shown.current = state.current;

  const patch = (p: Partial<ChatState>) => setState((s) => ({ ...s, ...p }));
  const reading = useRef(createReadingFeed((estimate) => patch({ reading: estimate }))).current;
  const refreshList = async () => patch({ conversations: await store.list() });
  const render = (id: string, change: (m: StoredMessage) => Partial<StoredMessage>) =>
    setState((s) => (s.current ? { ...s, current: withMessage(s.current, id, change) } : s));

  function follow(messageId: string, h: Promise<GenerationHandle> | GenerationHandle) {
    patch({ streamingId: messageId, error: null });
    Promise.resolve(h)
      .then(async (live) => {
        handle.current = live;
        const stats = await live.done;
        render(messageId, () => ({ status: stats.finishReason === 'aborted' ? 'stopped' : 'done', stats }));
      })
      .catch((err: Error) => {
        // Not found: the host has no such answer (the browser restarted); what it saved is shown as it was left.
        // The error is shown once, in the answer it ended (not again above the composer).
        const interrupted = err instanceof NotFoundError;
        render(messageId, () => ({ status: interrupted ? 'interrupted' : 'error', error: err.message }));
      })
      .finally(async () => {
        reading.end();
        handle.current = null;
        patch({ streamingId: null, progress: null, waiting: null });
        await refreshList();
      });
  }

  /** `expectedTokens`: the prompt's size as estimated here, shown until the engine says more. */
  const handlersFor = (messageId: string, expectedTokens?: number): GenerateHandlers & { onSnapshot(text: string): void } => ({
    onQueued: (position) => patch({ waiting: position > 0 ? position : null }),
    onBackend: () => patch({ waiting: null }), // sent when this answer's turn comes
    onProgress: (progress) => patch({ progress, waiting: null }),
    onReading: (progress) => {
      setState((s) => (s.progress || s.waiting ? { ...s, progress: null, waiting: null } : s));
      const earlier = shown.current?.messages.findLast((m) => m.role === 'assistant' && m.stats?.prefillTokensPerSec);
      reading.event(progress, { expectedTokens, priorTokensPerSec: earlier?.stats?.prefillTokensPerSec });
    },
    onSnapshot: (text) => render(messageId, () => ({ content: text })),
    onToken: (text) => {
      reading.end();
      render(messageId, (m) => ({ content: m.content + text }));
      setState((s) => (s.progress || s.waiting ? { ...s, progress: null, waiting: null } : s));
    },
  });

  /** What the model will see of `c`; throws (before anything is saved) when the last message alone is too long. */
  const fit = (c: Conversation, settings: ChatSettings, model: ModelSpec) =>
    fitContext(settings.systemPrompt, historyOf(c.messages), model.contextTokens, settings.maxTokens);

  function askAgain(question: string, passages: NonNullable<StoredMessage['passages']>, history: ChatMessage[], settings: ChatSettings, model: ModelSpec) {
    const answerTokens = askAnswerTokens(settings, model);
    const built = buildAskMessages(question, passages.map((passage) => ({ passage, score: 0 })), history, { contextTokens: model.contextTokens, answerTokens, countTokens: estimateTokensUpperBound });
    return { messages: built.messages, dropped: built.droppedHistory, maxTokens: answerTokens };
  }

  /**
   * The prompt for `next`, whose last message is the new `user` one: fitted to the context, or for a question about
   * tabs its own prompt (and the passages it was given, kept on `user`).
   */
  function promptFor(next: Conversation, user: StoredMessage, ask: AskTurn | undefined, settings: ChatSettings, model: ModelSpec): Fitted {
    if (!ask) return fit(next, settings, model);
    const answerTokens = askAnswerTokens(settings, model);
    const built = ask(historyOf(next.messages.slice(0, -1)), { contextTokens: model.contextTokens, answerTokens });
    user.passages = built.passages;
    return { messages: built.messages, dropped: built.droppedHistory, maxTokens: answerTokens };
  }

  /** Ask the host for an answer to the conversation as it stands (saved: the user's messages are in the store). */
  function answer(c: Conversation, fitted: Fitted, settings: ChatSettings) {
    const reply: StoredMessage = { id: newId(), role: 'assistant', content: '', createdAt: Date.now(), status: 'streaming' };
    patch({
      current: { ...c, messages: [...c.messages, reply] },
      notice: fitted.dropped > 0 ? `${fitted.dropped} earlier message${fitted.dropped > 1 ? 's were' : ' was'} left out to fit the model's context.` : null,
    });
    follow(
      reply.id,
      client.startJob(
        { input: { kind: 'chat', messages: fitted.messages }, options: { temperature: settings.temperature, maxTokens: fitted.maxTokens ?? settings.maxTokens } },
        reply.id,
        { conversationId: c.id, messageId: reply.id },
        handlersFor(reply.id, fitted.messages.reduce((n, m) => n + estimateTokens(m.content), 0)),
      ),
    );
  }

  /** Show a conversation; if its last answer was still streaming, attach to it (or learn it was interrupted). */
  function show(c: Conversation | null) {
    patch({ current: c, notice: null, error: null });
    const last = c?.messages.at(-1);
    if (last?.role === 'assistant' && last.status === 'streaming') follow(last.id, client.attach(last.id, handlersFor(last.id)));
  }

  const send = useCallback(
    async (text: string, ask?: AskTurn): Promise<boolean> => {
      if (state.streamingId || !settings || !model) return false;
      if (!text.trim()) {
        patch({ error: 'Type a message first.' });
        return false;
      }
      const base = state.current ?? createConversation();
      const c = { ...base, title: base.messages.length ? base.title : titleFor(text) };
      const user: StoredMessage = { id: newId(), role: 'user', content: text, createdAt: Date.now() };
      const next = { ...c, messages: [...c.messages, user] };
      let fitted: Fitted;
      try {
        fitted = promptFor(next, user, ask, settings, model);
        await store.addMessage(c, user);
      } catch (err) {
        patch({ error: (err as Error).message }); // the text stays in the composer, not half in the chat
        return false;
      }
      answer(next, fitted, settings);
      await refreshList();
      return true;
    },
    [state.streamingId, state.current, settings, model],
  );

  useEffect(() => {
    void (async () => {
      const list = await store.list();
      patch({ conversations: list });
      show(list[0] ?? null);
    })();
  }, []);

  return {
    state,
    send,
    stop: () => handle.current?.stop(),
    async regenerate() {
      const c = state.current;
      const last = c?.messages.at(-1);
      if (!c || !settings || !model || state.streamingId || last?.role !== 'assistant') return;
      try {
        const rest = { ...c, messages: c.messages.slice(0, -1) };
        const question = rest.messages.at(-1);
        // A question about open tabs is asked again with the passages it was given (the tabs may have changed since).
        const fitted = question?.passages ? askAgain(question.content, question.passages, historyOf(rest.messages.slice(0, -1)), settings, model) : fit(rest, settings, model);
        await store.removeMessage(c.id, last.id);
        answer(rest, fitted, settings);
      } catch (err) {
        patch({ error: (err as Error).message });
      }
    },
    newChat() {
      if (state.streamingId) return;
      show(null);
    },
    async open(id: string) {
      if (state.streamingId) return;
      show((await store.get(id)) ?? null);
    },
    /** Delete a conversation; returns it as it was, for undo. */
    async remove(id: string): Promise<Conversation | undefined> {
      const gone = await store.get(id);
      await store.remove(id);
      if (state.current?.id === id) show(null);
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
      if (!c || at < 0 || c.messages[at]!.role !== 'user' || state.streamingId || !settings || !model) return false;
      if (!text.trim()) {
        patch({ error: 'Type a message first.' });
        return false;
      }
      const rest = { ...c, messages: c.messages.slice(0, at) };
      const user: StoredMessage = { id: newId(), role: 'user', content: text, createdAt: Date.now() };
      const next = { ...rest, messages: [...rest.messages, user] };
      try {
        const fitted = promptFor(next, user, ask, settings, model);
        await store.removeFrom(c.id, messageId);
        await store.addMessage(next, user);
        answer(next, fitted, settings);
      } catch (err) {
        patch({ error: (err as Error).message });
        return false;
      }
      await refreshList();
      return true;
    },
    clearError: () => patch({ error: null }),
  };
}
