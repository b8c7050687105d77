import { useRef } from 'preact/hooks';
import type { LoadProgress } from '../../messaging/protocol';
import { NotFoundError } from '../../messaging/errors';
import type { GenerationHandle, GenerateHandlers } from '../../messaging/stream-client';
import type { HearthClient } from '../../llm/view/hearth-client';
import type { ChatSettings } from '../../llm/settings';
import type { Conversation, StoredMessage } from '../chat-store';
import { newId, withMessage } from '../conversation';
import { estimateTokens } from '../fit-context';
import type { Fitted } from '../prompt-for';
import { createReadingFeed } from '../../ui-kit/reading-feed';
import type { ReadingEstimate } from '../../ui-kit/reading-estimate';

/** What the chat shows of the answer being written: where it is in the host's queue, the model loading, reading. */
export interface StreamState {
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

const droppedNotice = (dropped: number) =>
  dropped > 0 ? `${dropped} earlier message${dropped > 1 ? 's were' : ' was'} left out to fit the model's context.` : null;
/** What is said above the composer with an answer: what was left out, and the ask turn's own word. */
const noticeFor = (fitted: Fitted) => [droppedNotice(fitted.dropped), fitted.notice].filter(Boolean).join(' ') || null;

/**
 * Answers as they stream: asks the host for one (it saves the answer itself, lib/chat/host/persist-job.ts), attaches
 * to one still being written, and renders what the host streams (in state only, never written back). `refreshList`
 * runs when an answer ends (its conversation moved up the list).
 */
export function useAnswerStream<S extends StreamState>(client: HearthClient, setState: (change: (s: S) => S) => void, refreshList: () => Promise<void>) {
  const handle = useRef<GenerationHandle | null>(null);
  // What is on screen, for the reading estimate (the last measured reading speed in this conversation).
  const shown = useRef<Conversation | null>(null);
  const patch = (p: Partial<StreamState>) => setState((s) => ({ ...s, ...p }));
  const reading = useRef(createReadingFeed((estimate) => patch({ reading: estimate }))).current;
  const render = (id: string, change: (m: StoredMessage) => Partial<StoredMessage>) =>
    setState((s) => (s.current ? { ...s, current: withMessage(s.current, id, change) } : s));
  const clearWait = () => setState((s) => (s.progress || s.waiting ? { ...s, progress: null, waiting: null } : s));

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
      clearWait();
      const earlier = shown.current?.messages.findLast((m) => m.role === 'assistant' && m.stats?.prefillTokensPerSec);
      reading.event(progress, { expectedTokens, priorTokensPerSec: earlier?.stats?.prefillTokensPerSec });
    },
    onSnapshot: (text) => render(messageId, () => ({ content: text })),
    onToken: (text) => {
      reading.end();
      render(messageId, (m) => ({ content: m.content + text }));
      clearWait();
    },
  });

  return {
    /** Keep the conversation on screen in step (for the reading estimate's earlier speed). */
    showing(c: Conversation | null) {
      shown.current = c;
    },
    /** Ask the host for an answer to `c` as it stands (saved: the user's messages are in the store). */
    answer(c: Conversation, fitted: Fitted, settings: ChatSettings) {
      const reply: StoredMessage = { id: newId(), role: 'assistant', content: '', createdAt: Date.now(), status: 'streaming' };
      patch({ current: { ...c, messages: [...c.messages, reply] }, notice: noticeFor(fitted) });
      const request = { input: { kind: 'chat' as const, messages: fitted.messages }, options: { temperature: settings.temperature, maxTokens: fitted.maxTokens ?? settings.maxTokens } };
      const expected = fitted.messages.reduce((n, m) => n + estimateTokens(m.content), 0);
      follow(reply.id, client.startJob(request, reply.id, { conversationId: c.id, messageId: reply.id }, handlersFor(reply.id, expected)));
    },
    /** Show a conversation; if its last answer was still streaming, attach to it (or learn it was interrupted). */
    show(c: Conversation | null) {
      patch({ current: c, notice: null, error: null });
      const last = c?.messages.at(-1);
      if (last?.role === 'assistant' && last.status === 'streaming') follow(last.id, client.attach(last.id, handlersFor(last.id)));
    },
    stop: () => handle.current?.stop(),
  };
}
