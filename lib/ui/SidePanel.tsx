import { useEffect, useState } from 'preact/hooks';
import { App } from './App';
import { SidePanelSummary, type SessionStorageLike } from '../summarize/view/SidePanelSummary';
import { SIDE_PANEL_KEY } from '../messaging/protocol-values';
import type { SessionDeps } from '../summarize/view/summary-session';

/** The side panel: the chat, and summaries handed over for pages where the in-page panel cannot run. */
export function SidePanel({ session, runtime }: { session: SessionStorageLike; runtime: SessionDeps['runtime'] }) {
  const [view, setView] = useState<'chat' | 'summary'>('chat');
  useEffect(() => {
    // A summary handed over now or before the panel opened takes the panel; the chat stays a click away.
    session.get(SIDE_PANEL_KEY).then((got) => got[SIDE_PANEL_KEY] && setView('summary'));
    session.onChanged.addListener((changes) => changes[SIDE_PANEL_KEY]?.newValue && setView('summary'));
  }, [session]);
  return (
    <>
      <nav class="side-switch" aria-label="Side panel">
        <button type="button" class={`tab ${view === 'chat' ? 'active' : ''}`} aria-pressed={view === 'chat'} onClick={() => setView('chat')}>
          Chat
        </button>
        <button type="button" class={`tab ${view === 'summary' ? 'active' : ''}`} aria-pressed={view === 'summary'} onClick={() => setView('summary')}>
          Summary
        </button>
      </nav>
      {view === 'chat' ? <App /> : <SidePanelSummary session={session} runtime={runtime} />}
    </>
  );
}
