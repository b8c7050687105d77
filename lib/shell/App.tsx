import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ModelSpec } from '../messaging/protocol';
import { sendCommand } from '../messaging/commands';
import { createChatStore } from '../chat/chat-store';
import { useChat } from '../chat/view/use-chat';
import { createHearthClient } from '../llm/view/hearth-client';
import { useModelStates } from '../llm/view/use-models';
import { ModelManager } from '../llm/view/ModelManager';
import { useBuiltinModel } from '../llm/view/use-builtin';
import { BUILTIN_MODEL } from '../llm/builtin-ai';
import { EngineLine } from '../llm/view/EngineLine';
import { useAskChat } from '../ask/view/use-ask-chat';
import { HistoryView } from './HistoryView';
import { SettingsPanel } from './SettingsPanel';
import { ChatView } from './ChatView';
import { useFollowTail, useHost, useSendGate } from './use-host';

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

/** The chat, shared by the popup and the side panel: the tab bar, the host's state, and the view that is open. */
export function App({ extraViews = [], openView = null, pageAction = null }: AppProps = {}) {
  const client = useMemo(() => createHearthClient({ runtime: browser.runtime as never, storage: browser.storage.local }), []);
  const chats = useMemo(() => createChatStore(indexedDB), []);
  const host = useHost(client);
  const { status, models, settings, selected } = host;
  const [view, setView] = useState<View>('chat');
  const chat = useChat(client, chats, settings, selected);
  const builtin = useBuiltinModel();
  // Chrome's built-in model is a choice in the chat's picker once Chrome has it (or while it is the chosen one).
  const pickable = useMemo(() => (builtin.state === 'available' || selected?.engine === 'builtin' ? [BUILTIN_MODEL, ...models] : models), [builtin.state, selected?.engine, models]);
  const modelStates = useModelStates(client, models);
  const selectedState = selected ? modelStates.states[selected.id] : undefined;
  const gate = useSendGate(client, selected, selectedState, chat);
  const asking = useAskChat(
    { send: gate.send, messages: chat.state.current?.messages ?? [], budget: chat.askBudget, answering: !!chat.state.streamingId },
    { countTokens: async (text) => (await sendCommand(browser.runtime as never, 'host', 'llm.countTokens', { text })).tokens, prime: client.prime, primeProgress: client.primeProgress },
  );

  // Follow the answer to its last line, including the Copy button and stats that appear when it ends.
  const tail = chat.state.current?.messages.at(-1);
  const list = useFollowTail([tail?.id, tail?.content, tail?.status, chat.state.streamingId, view]);
  useEffect(() => void (openView && setView(openView.id)), [openView?.at]);
  // An answer loads (and for a model added by address, stores) the model: the picker's "download" mark goes with it.
  useEffect(() => void (!chat.state.streamingId && modelStates.refresh()), [chat.state.streamingId]);
  // It also fixes the model's real context (chosen at load): the next prompts are sized with it.
  useEffect(() => void (!chat.state.streamingId && status && host.refreshStatus()), [chat.state.streamingId]);
  const choose = (m: ModelSpec) => void host.choose(m, modelStates.refresh);

  return (
    <main class="app">
      <header>
        <h1>Hearth</h1>
        <TabBar tabs={[VIEWS[0]!, ...extraViews, ...VIEWS.slice(1)]} view={view} onView={setView} />
      </header>
      <EngineLine status={status} />
      {host.fatal && <p class="error" role="alert">{host.fatal}</p>}

      {view === 'history' && (
        <HistoryView
          conversations={chat.state.conversations}
          currentId={chat.state.current?.id ?? null}
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
          builtin={builtin}
          onChoose={choose}
          onChanged={modelStates.refresh}
        />
      )}
      {view === 'settings' && settings && <SettingsPanel settings={settings} onSave={(s) => host.saveSettings(s, () => setView('chat'))} />}
      {/* Kept mounted while hidden: a summary under way goes on while the user looks at the chat. */}
      {extraViews.map((v) => <div key={v.id} class="extra-view" hidden={view !== v.id}>{v.render()}</div>)}
      {view === 'chat' && (
        <ChatView client={client} chat={chat} asking={asking} models={pickable} states={modelStates.states}
          backend={status?.backend ?? null} selected={selected} selectedState={selectedState} nudged={gate.nudged}
          onChoose={choose} onModelsChanged={modelStates.refresh} pageAction={pageAction} list={list} />
      )}
    </main>
  );
}

function TabBar({ tabs, view, onView }: { tabs: { id: View; label: string }[]; view: View; onView(id: View): void }) {
  return (
    <nav aria-label="Views">
      {tabs.map(({ id, label }) => (
        <button key={id} type="button" class={`tab ${view === id ? 'active' : ''}`} aria-pressed={view === id} onClick={() => onView(id)}>
          {label}
        </button>
      ))}
    </nav>
  );
}
