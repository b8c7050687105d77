import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HostStatus, ModelSpec } from '../messaging/protocol';
import { createChatStore } from '../chat/chat-store';
import { toMarkdown } from '../chat/conversation';
import type { ChatSettings } from '../llm/settings';
import { createHearthClient } from '../llm/view/hearth-client';
import { sendCommand } from '../messaging/commands';
import { useChat } from '../chat/view/use-chat';
import { useModelStates } from '../llm/view/use-models';
import { MessageView } from '../chat/view/MessageView';
import { Composer } from '../chat/view/Composer';
import { HistoryView } from './HistoryView';
import { ModelPicker } from '../llm/view/ModelPicker';
import type { ComponentChildren } from 'preact';
import { ModelManager } from '../llm/view/ModelManager';
import { SettingsPanel } from './SettingsPanel';
import { formatBytes } from '../ui-kit/format';
import { FirstRunOffer } from '../llm/view/FirstRunOffer';
import { EngineLine } from '../llm/view/EngineLine';
import { PoseToggle } from '../pose/view/PoseToggle';
import { formatReading } from '../ui-kit/reading-estimate';
import { AskBar } from '../ask/view/AskBar';
import { AskSources } from '../ask/view/AskSources';
import { passagesFor, useAskChat } from '../ask/view/use-ask-chat';

type View = string;
const VIEWS: { id: View; label: string }[] = [{ id: 'chat', label: 'Chat' }, { id: 'history', label: 'History' }, { id: 'models', label: 'Models' }, { id: 'settings', label: 'Settings' }];

/** A view a host page adds beside the chat's own (the side panel's Summary), in the one tab bar. */
export interface ExtraView {
  id: string;
  label: string;
  render(): ComponentChildren;
}

interface AppProps {
  /** Views shown after Chat in the tab bar. */
  extraViews?: ExtraView[];
  /** Switch to this view whenever `at` changes (a summary handed to the side panel). */
  openView?: { id: View; at: number } | null;
  /** An action for the page beside the chat, in the chat's toolbar ("Summarize this page"). */
  pageAction?: ComponentChildren;
}

/** The chat, shared by the popup and the side panel. */
export function App({ extraViews = [], openView = null, pageAction = null }: AppProps = {}) {
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
  const asking = useAskChat(send, { countTokens: async (text) => (await sendCommand(browser.runtime as never, 'host', 'llm.countTokens', { text })).tokens });
  const modelStates = useModelStates(client, models);
  const selectedState = selected ? modelStates.states[selected.id] : undefined;
  const list = useRef<HTMLElement>(null);
  // Send pressed while the model still has to be downloaded: the offer says why nothing was sent.
  const [nudged, setNudged] = useState(false);

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

  // Follow the answer to its last line, including the Copy button and stats that appear when it ends.
  const tail = chat.state.current?.messages.at(-1);
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [tail?.id, tail?.content, tail?.status, chat.state.streamingId, view]);
  // An error (or a "download first") about the model that was chosen before is not about this one.
  useEffect(() => {
    chat.clearError();
    setNudged(false);
  }, [selected?.id]);

  /** Send never starts a curated model's download (hundreds of MB): that takes the offer's own click. */
  async function send(...args: Parameters<typeof chat.send>): Promise<boolean> {
    if (selected && !selected.custom) {
      const state = selectedState ?? (await client.modelStates([selected]).then((l) => l[0], () => undefined));
      if (state?.cached === false) {
        setNudged(true);
        return false;
      }
    }
    setNudged(false);
    return chat.send(...args);
  }
  useEffect(() => void (openView && setView(openView.id)), [openView?.at]);
  const tabs = [VIEWS[0]!, ...extraViews, ...VIEWS.slice(1)];

  async function choose(model: ModelSpec) {
    try {
      setFatal(null); // an error about the model chosen before is not about this one
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
  // An answer loads (and for a model added by address, stores) the model: the picker's "download" mark goes with it.
  useEffect(() => void (!streamingId && modelStates.refresh()), [streamingId]);
  // It also fixes the model's real context (the CPU engine chooses it at load): the next prompts are sized with it.
  useEffect(() => void (!streamingId && status && client.status().then(setStatus, () => {})), [streamingId]);
  // A curated model is offered whenever it is missing; an added one (its address was typed) only in an empty chat.
  const needsDownload = selected && selectedState?.cached === false && (!selected.custom || !current?.messages.length);
  const last = current?.messages.at(-1);

  return (
    <main class="app">
      <header>
        <h1>Hearth</h1>
        <nav aria-label="Views">
          {tabs.map(({ id, label }) => (
            <button key={id} type="button" class={`tab ${view === id ? 'active' : ''}`} aria-pressed={view === id} onClick={() => setView(id)}>
              {label}
            </button>
          ))}
        </nav>
      </header>
      <EngineLine status={status} />
      {fatal && <p class="error" role="alert">{fatal}</p>}

      {view === 'history' && (
        <HistoryView
          conversations={chat.state.conversations}
          currentId={current?.id ?? null}
          onOpen={(id) => void chat.open(id).then(() => setView('chat'))}
          onDelete={chat.remove}
          onRestore={chat.restore}
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
      {/* Kept mounted while hidden: a summary under way goes on while the user looks at the chat. */}
      {extraViews.map((v) => <div key={v.id} class="extra-view" hidden={view !== v.id}>{v.render()}</div>)}
      {view === 'chat' && (
        <>
          <div class="toolbar">
            <ModelPicker models={models} states={modelStates.states} backend={status?.backend ?? null} selectedId={selected?.id ?? null} disabled={!!streamingId} onChoose={(m) => void choose(m)} />
            {pageAction}
            <button type="button" class="small" onClick={chat.newChat} disabled={!!streamingId}>New chat</button>
            <button type="button" class="small" onClick={exportCurrent} disabled={!current?.messages.length}>Export</button>
            {last?.role === 'assistant' && !streamingId && (
              <button type="button" class="small" onClick={() => void chat.regenerate()}>Regenerate</button>
            )}
            <PoseToggle />
          </div>
          {needsDownload && selected && (
            <FirstRunOffer key={selected.id} model={selected} state={selectedState} nudged={nudged} download={client.download} onChanged={modelStates.refresh} />
          )}
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
          <AskBar ask={asking.ask} access={asking.access} busy={!!streamingId} followUp={asking.followUp} />
          <Composer busy={!!streamingId} onSend={asking.send} onStop={chat.stop} />
        </>
      )}
    </main>
  );
}
