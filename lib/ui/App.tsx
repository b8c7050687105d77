import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HostStatus, ModelSpec } from '../messaging/protocol';
import { createChatStore } from '../chat/chat-store';
import { toMarkdown } from '../chat/conversation';
import type { ChatSettings } from '../chat/settings';
import { createHearthClient } from './hearth-client';
import { sendCommand } from '../messaging/commands';
import { useChat } from './use-chat';
import { useModelStates } from './use-models';
import { MessageView } from './MessageView';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { ModelManager } from './ModelManager';
import { SettingsPanel } from './SettingsPanel';
import { formatBytes } from './format';
import { PoseToggle } from '../pose/view/PoseToggle';
import { formatReading } from './reading-progress';
import { AskBar } from '../ask/view/AskBar';
import { AskSources } from '../ask/view/AskSources';
import { passagesFor, useAskChat } from '../ask/view/use-ask-chat';

type View = 'chat' | 'history' | 'models' | 'settings';

/** The chat, shared by the popup and the side panel. */
export function App() {
  const client = useMemo(() => createHearthClient({ runtime: browser.runtime as never, storage: browser.storage.local }), []);
  const chats = useMemo(() => createChatStore(), []);
  const [status, setStatus] = useState<HostStatus | null>(null);
  const [models, setModels] = useState<ModelSpec[]>([]);
  const [settings, setSettings] = useState<ChatSettings | null>(null);
  const [view, setView] = useState<View>('chat');
  const [fatal, setFatal] = useState<string | null>(null);
  // The chosen model is the host's (the worker keeps it and the stored choice in step); no copy of it here.
  const selected = status?.model ?? null;
  const chat = useChat(client, chats, settings, selected);
  const asking = useAskChat(chat.send, { countTokens: async (text) => (await sendCommand(browser.runtime as never, 'host', 'llm.countTokens', { text })).tokens });
  const modelStates = useModelStates(client, models);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    client
      .connect()
      .then((r) => {
        setStatus(r.status);
        setModels(r.models);
        setSettings(r.settings);
      })
      .catch((e: Error) => setFatal(e.message));
  }, [client]);

  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [chat.state.current?.messages.at(-1)?.content]);

  async function choose(model: ModelSpec) {
    try {
      setStatus(await client.select(model));
      setModels(await client.models());
      modelStates.refresh();
    } catch (e) {
      setFatal((e as Error).message);
    }
  }

  function exportCurrent() {
    const c = chat.state.current;
    if (!c) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([toMarkdown(c)], { type: 'text/markdown' }));
    a.download = `${c.title.replace(/[^\w\- ]+/g, '').trim() || 'chat'}.md`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  const { current, streamingId, progress, waiting, reading, notice, error } = chat.state;
  const selectedState = selected ? modelStates.states[selected.id] : undefined;
  const needsDownload = selected && selectedState?.cached === false && selectedState.download?.state !== 'running' && !current?.messages.length;
  const last = current?.messages.at(-1);

  return (
    <main class="app">
      <header>
        <h1>Hearth</h1>
        <nav aria-label="Views">
          {(['chat', 'history', 'models', 'settings'] as View[]).map((v) => (
            <button key={v} type="button" class={`tab ${view === v ? 'active' : ''}`} aria-pressed={view === v} onClick={() => setView(v)}>
              {v === 'chat' ? 'Chat' : v === 'history' ? 'History' : v === 'models' ? 'Models' : 'Settings'}
            </button>
          ))}
        </nav>
      </header>
      <p class="backend muted" data-testid="backend" data-engine={status?.backend.engine ?? ''}>
        {status ? `${selected?.label ?? ''} · ${status.backend.reason}` : 'Starting the model host…'}
      </p>
      {fatal && <p class="error" role="alert">{fatal}</p>}

      {view === 'history' && (
        <ConversationList
          conversations={chat.state.conversations}
          currentId={current?.id ?? null}
          onOpen={(id) => void chat.open(id).then(() => setView('chat'))}
          onDelete={(id) => void chat.remove(id)}
        />
      )}
      {view === 'models' && (
        <ModelManager
          client={client}
          models={models}
          states={modelStates.states}
          storage={modelStates.storage}
          backend={status?.backend ?? null}
          selectedId={selected?.id ?? null}
          onChoose={(m) => void choose(m)}
          onChanged={modelStates.refresh}
        />
      )}
      {view === 'settings' && settings && (
        <SettingsPanel
          settings={settings}
          onSave={(s) =>
            void client.saveSettings(s).then((r) => {
              setSettings(r.settings);
              setStatus(r.status);
              setView('chat');
            }, (e: Error) => setFatal(e.message))
          }
        />
      )}
      {view === 'chat' && (
        <>
          <div class="toolbar">
            <button type="button" class="small" onClick={chat.newChat} disabled={!!streamingId}>New chat</button>
            <button type="button" class="small" onClick={exportCurrent} disabled={!current?.messages.length}>Export</button>
            {last?.role === 'assistant' && !streamingId && (
              <button type="button" class="small" onClick={() => void chat.regenerate()}>Regenerate</button>
            )}
            <PoseToggle />
          </div>
          {needsDownload && selected && (
            <div class="first-run" role="region" aria-label="Download a model">
              <p>To start, Hearth needs a model on this device.</p>
              <button type="button" class="primary" onClick={() => void client.download(selected).then(modelStates.refresh)}>
                Download {selected.label}
                {selected.sizeBytes ? ` (${formatBytes(selected.sizeBytes)})` : ''}
              </button>
            </div>
          )}
          {selectedState?.download?.state === 'running' && (
            <p class="muted" role="status">Downloading {selected?.label}… see Models for progress.</p>
          )}
          <section class="messages" aria-label="Conversation" aria-live="polite">
            {current?.messages.map((m, i) => {
              const passages = passagesFor(current.messages, i);
              return (
                <Fragment key={m.id}>
                  <MessageView message={m} streaming={m.id === streamingId} waiting={m.id === streamingId ? waiting : null} />
                  {passages && <AskSources passages={passages} answer={m.content} streaming={m.id === streamingId} access={asking.access} />}
                </Fragment>
              );
            })}
            <div ref={end} />
          </section>
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
          <AskBar ask={asking.ask} access={asking.access} busy={!!streamingId} />
          <Composer busy={!!streamingId} onSend={asking.send} onStop={chat.stop} />
        </>
      )}
    </main>
  );
}
