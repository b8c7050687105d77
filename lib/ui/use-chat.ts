import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { LoadProgress, ModelSpec } from '../messaging/protocol';
import { NotFoundError } from '../messaging/errors';
import type { GenerationHandle, GenerateHandlers } from '../messaging/stream-client';
import type { ChatStore, Conversation, StoredMessage } from '../chat/chat-store';
import { createConversation, historyOf, newId, titleFor } from '../chat/conversation';
import { estimateTokens, fitContext } from '../chat/fit-context';
import type { ChatSettings } from '../chat/settings';
import type { HearthClient } from './hearth-client';
import { createReadingFeed } from './reading-feed';
import type { ReadingEstimate } from './reading-progress';

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

/** The chat's state and actions; conversations live in IndexedDB, answers run as jobs in the model host. */
export function useChat(client: HearthClient, store: ChatStore, settings: ChatSettings | null, model: ModelSpec | null) {
  const [state, setState] = useState<ChatState>({ conversations: [], current: null, streamingId: null, progress: null, waiting: null, reading: null, notice: null, error: null });
  const current = useRef<Conversation | null>(null);
  const handle = useRef<GenerationHandle | null>(null);

  const patch = (p: Partial<ChatState>) => setState((s) => ({ ...s, ...p }));
  const reading = useRef(createReadingFeed((estimate) => patch({ reading: estimate }))).current;
  const show = (c: Conversation | null) => {
    current.current = c;
    patch({ current: c ? { ...c, messages: [...c.messages] } : null });
  };
  const refreshList = async () => patch({ conversations: await store.list() });
  const updateMessage = (id: string, change: Partial<StoredMessage>) => {
    const c = current.current;
    const m = c?.messages.find((x) => x.id === id);
    if (!c || !m) return;
    Object.assign(m, change);
    show(c);
  };

  function follow(messageId: string, h: Promise<GenerationHandle> | GenerationHandle) {
    patch({ streamingId: messageId, error: null });
    Promise.resolve(h)
      .then(async (live) => {
        handle.current = live;
        const stats = await live.done;
        updateMessage(messageId, { status: stats.finishReason === 'aborted' ? 'stopped' : 'done', stats });
      })
      .catch((err: Error) => {
        const interrupted = err instanceof NotFoundError;
        updateMessage(messageId, { status: interrupted ? 'interrupted' : 'error', error: err.message });
        if (!interrupted) patch({ error: err.message });
      })
      .finally(async () => {
        reading.end();
        handle.current = null;
        patch({ streamingId: null, progress: null, waiting: null });
        if (current.current) await store.put(current.current);
        await refreshList();
      });
  }

  /** `expectedTokens`: the prompt's size as estimated here, shown until the engine says more. */
  const handlersFor = (messageId: string, expectedTokens?: number): GenerateHandlers => ({
    onQueued: (position) => patch({ waiting: position > 0 ? position : null }),
    onBackend: () => patch({ waiting: null }), // sent when this answer's turn comes
    onProgress: (progress) => patch({ progress, waiting: null }),
    onReading: (progress) => {
      setState((s) => (s.progress || s.waiting ? { ...s, progress: null, waiting: null } : s));
      const earlier = current.current?.messages.findLast((m) => m.role === 'assistant' && m.stats?.prefillTokensPerSec);
      reading.event(progress, { expectedTokens, priorTokensPerSec: earlier?.stats?.prefillTokensPerSec });
    },
    onSnapshot: (text) => updateMessage(messageId, { content: text }),
    onToken: (text) => {
      reading.end();
      const m = current.current?.messages.find((x) => x.id === messageId);
      if (m) updateMessage(messageId, { content: m.content + text });
      setState((s) => (s.progress || s.waiting ? { ...s, progress: null, waiting: null } : s));
    },
  });

  /** Ask for an answer to the conversation as it stands. */
  async function answer(c: Conversation) {
    if (!settings || !model) return;
    const fitted = fitContext(settings.systemPrompt, historyOf(c.messages), model.contextTokens, settings.maxTokens);
    const reply: StoredMessage = { id: newId(), role: 'assistant', content: '', createdAt: Date.now(), status: 'streaming' };
    c.messages.push(reply);
    c.updatedAt = Date.now();
    await store.put(c);
    show(c);
    patch({
      notice: fitted.dropped > 0 ? `${fitted.dropped} earlier message${fitted.dropped > 1 ? 's were' : ' was'} left out to fit the model's context.` : null,
    });
    follow(
      reply.id,
      client.startJob(
        { input: { kind: 'chat', messages: fitted.messages }, options: { temperature: settings.temperature, maxTokens: settings.maxTokens } },
        reply.id,
        { conversationId: c.id, messageId: reply.id },
        handlersFor(reply.id, fitted.messages.reduce((n, m) => n + estimateTokens(m.content), 0)),
      ),
    );
  }

  const send = useCallback(
    async (text: string): Promise<boolean> => {
      if (state.streamingId) return false;
      if (!text.trim()) {
        patch({ error: 'Type a message first.' });
        return false;
      }
      const c = current.current ?? createConversation();
      const user: StoredMessage = { id: newId(), role: 'user', content: text, createdAt: Date.now() };
      c.messages.push(user);
      if (c.messages.length === 1) c.title = titleFor(text);
      try {
        await answer(c);
        await refreshList();
        return true;
      } catch (err) {
        c.messages.splice(c.messages.indexOf(user), 1); // keep the text in the composer, not half in the chat
        patch({ error: (err as Error).message });
        return false;
      }
    },
    [state.streamingId, settings, model],
  );

  useEffect(() => {
    void (async () => {
      const list = await store.list();
      const latest = list[0] ?? null;
      patch({ conversations: list });
      show(latest);
      const last = latest?.messages.at(-1);
      if (last?.role === 'assistant' && last.status === 'streaming') follow(last.id, client.attach(last.id, { ...handlersFor(last.id), onSnapshot: (t) => updateMessage(last.id, { content: t }) }));
    })();
  }, []);

  return {
    state,
    send,
    stop: () => handle.current?.stop(),
    async regenerate() {
      const c = current.current;
      if (!c || state.streamingId || c.messages.at(-1)?.role !== 'assistant') return;
      c.messages.pop();
      await answer(c).catch((err: Error) => patch({ error: err.message }));
    },
    newChat() {
      if (state.streamingId) return;
      show(null);
      patch({ notice: null, error: null });
    },
    async open(id: string) {
      if (state.streamingId) return;
      show((await store.get(id)) ?? null);
      patch({ notice: null, error: null });
    },
    async remove(id: string) {
      await store.remove(id);
      if (current.current?.id === id) show(null);
      await refreshList();
    },
    clearError: () => patch({ error: null }),
  };
}
