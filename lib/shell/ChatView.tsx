import { Fragment, type ComponentChildren, type RefObject } from 'preact';
import { useMemo } from 'preact/hooks';
import type { BackendChoice, ModelSpec, ModelState } from '../messaging/protocol';
import { toMarkdown } from '../chat/conversation';
import type { Conversation } from '../chat/chat-store';
import type { useChat } from '../chat/view/use-chat';
import { MessageView } from '../chat/view/MessageView';
import { Composer } from '../chat/view/Composer';
import { ModelPicker } from '../llm/view/ModelPicker';
import { FirstRunOffer } from '../llm/view/FirstRunOffer';
import { createBuiltinSpeedCheck } from '../llm/view/builtin-speed-check';
import { pageLanguageModel } from '../llm/view/use-builtin';
import type { HearthClient } from '../llm/view/hearth-client';
import { PoseToggle } from '../pose/view/PoseToggle';
import { formatBytes } from '../ui-kit/format';
import { formatReading } from '../ui-kit/reading-estimate';
import { AskBar } from '../ask/view/AskBar';
import { AskSources } from '../ask/view/AskSources';
import { passagesFor, type useAskChat } from '../ask/view/use-ask-chat';

type Chat = ReturnType<typeof useChat>;
type Asking = ReturnType<typeof useAskChat>;

export interface ChatViewProps {
  client: HearthClient;
  chat: Chat;
  asking: Asking;
  models: ModelSpec[];
  states: Record<string, ModelState>;
  backend: BackendChoice | null;
  selected: ModelSpec | null;
  selectedState: ModelState | undefined;
  nudged: boolean;
  onChoose(model: ModelSpec): void;
  onModelsChanged(): void;
  /** An action for the page beside the chat ("Summarize this page"). */
  pageAction: ComponentChildren;
  list: RefObject<HTMLElement | null>;
}

/** The Chat view: toolbar, the download offer, the conversation, its status lines, the ask bar and the composer. */
export function ChatView(p: ChatViewProps) {
  const { current, streamingId } = p.chat.state;
  // A curated model is offered whenever it is missing; an added one (its address was typed) only in an empty chat.
  // The picker lists Chrome's built-in model only when Chrome has it here (lib/shell/App.tsx).
  const builtinChoice = p.models.find((m) => m.engine === 'builtin') ?? null;
  const needsDownload = p.selected && p.selectedState?.cached === false && (!p.selected.custom || !current?.messages.length);
  const checkBuiltin = useMemo(() => createBuiltinSpeedCheck({ languageModel: pageLanguageModel(), storage: browser.storage.local as never, browser: navigator.userAgent }), []);
  return (
    <>
      <ChatToolbar {...p} />
      {needsDownload && p.selected && (
        <FirstRunOffer key={p.selected.id} model={p.selected} state={p.selectedState} nudged={p.nudged} download={offerDownload(p)} onChanged={p.onModelsChanged}
          builtin={builtinChoice && { label: builtinChoice.label, use: () => p.onChoose(builtinChoice), check: checkBuiltin }} />
      )}
      <Messages chat={p.chat} asking={p.asking} list={p.list} />
      <ChatStatus state={p.chat.state} />
      <AskBar ask={p.asking.ask} access={p.asking.access} busy={!!streamingId} followUp={p.asking.followUp} primed={p.asking.primed} />
      <Composer busy={!!streamingId} onSend={p.asking.send} onStop={p.chat.stop} />
    </>
  );
}

/**
 * The offer's download, through the same re-check as every Download button (lib/llm/download-flow.ts). Taking the
 * re-check's suggestion chooses that model (the offer then follows it) and downloads it.
 */
function offerDownload(p: ChatViewProps) {
  return {
    recheck: (m: ModelSpec) => p.client.recheckDownload(m),
    download: (m: ModelSpec) => p.client.download(m),
    downloadSuggested: (m: ModelSpec) => {
      p.onChoose(m);
      return p.client.download(m);
    },
  };
}

function ChatToolbar({ chat, asking, models, states, backend, selected, onChoose, pageAction }: ChatViewProps) {
  const { current, streamingId } = chat.state;
  const last = current?.messages.at(-1);
  return (
    <div class="toolbar">
      <ModelPicker models={models} states={states} backend={backend} selectedId={selected?.id ?? null} disabled={!!streamingId} onChoose={onChoose} />
      {pageAction}
      <button type="button" class="small" onClick={chat.newChat} disabled={!!streamingId}>New chat</button>
      <button type="button" class="small" onClick={() => current && exportConversation(current)} disabled={!current?.messages.length}>Export</button>
      {last?.role === 'assistant' && !streamingId && (
        // A question about tabs is asked again with the turn it was asked with (its passages, a follow-up's summary).
        <button type="button" class="small" onClick={() => void asking.again(current?.messages.at(-2)).then(chat.regenerate)}>Regenerate</button>
      )}
      <PoseToggle />
    </div>
  );
}

function Messages({ chat, asking, list }: { chat: Chat; asking: Asking; list: RefObject<HTMLElement | null> }) {
  const { current, streamingId, waiting } = chat.state;
  return (
    <section class="messages" aria-label="Conversation" aria-live="polite" ref={list}>
      {current?.messages.map((m, i) => {
        const passages = passagesFor(current.messages, i);
        return (
          <Fragment key={m.id}>
            <MessageView message={m} streaming={m.id === streamingId} waiting={m.id === streamingId ? waiting : null}
              onEdit={m.role === 'user' && !streamingId && (!m.passages || asking.ask.active)
                // A question about tabs is asked again over the sources still open (not offered once none is).
                ? (text) => (m.passages ? asking.edit(m.id, text, chat.editAndResend) : chat.editAndResend(m.id, text)) : undefined} />
            {passages && <AskSources passages={passages} answer={m.content} streaming={m.id === streamingId} access={asking.access} />}
          </Fragment>
        );
      })}
    </section>
  );
}

/** The model's download or load, the prompt's reading, and the chat's notice and error. */
function ChatStatus({ state: { progress, reading, notice, error } }: { state: Chat['state'] }) {
  return (
    <>
      {progress && (
        <p class="progress" role="status">
          {progress.phase === 'download'
            ? `Downloading the model: ${formatBytes(progress.loadedBytes)} of ${formatBytes(progress.totalBytes)}`
            : 'Loading the model into memory…'}
          <progress max={progress.totalBytes || 1} value={progress.loadedBytes} />
        </p>
      )}
      {reading && (
        <p class="progress" role="status" data-testid="reading">
          {formatReading(reading)}
          {reading.totalTokens > 0 && <progress max={reading.totalTokens} value={reading.doneTokens} />}
        </p>
      )}
      {notice && <p class="notice" role="status">{notice}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </>
  );
}

/** Save the conversation as a Markdown file (a download the browser names after its title). */
function exportConversation(c: Conversation) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([toMarkdown(c)], { type: 'text/markdown' }));
  a.download = `${c.title.replace(/[^\w\- ]+/g, '').trim() || 'chat'}.md`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
