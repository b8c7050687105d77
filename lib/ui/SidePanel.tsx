import { useEffect, useState } from 'preact/hooks';
import { App } from './App';
import { SidePanelSummary, type SessionStorageLike } from '../summarize/view/SidePanelSummary';
import { SIDE_PANEL_KEY } from '../messaging/protocol-values';
import type { SessionDeps } from '../summarize/view/summary-session';

/** The side panel: the chat with a Summary view in its one tab bar (summaries of the page beside it, or handed over). */
export function SidePanel({ session, runtime }: { session: SessionStorageLike; runtime: SessionDeps['runtime'] }) {
  const [open, setOpen] = useState<{ id: string; at: number } | null>(null);
  const [start, setStart] = useState(0);
  useEffect(() => {
    // A summary handed over now or before the panel opened takes the panel; the chat stays a click away.
    session.get(SIDE_PANEL_KEY).then((got) => got[SIDE_PANEL_KEY] && setOpen({ id: 'summary', at: Date.now() }));
    session.onChanged.addListener((changes) => changes[SIDE_PANEL_KEY]?.newValue && setOpen({ id: 'summary', at: Date.now() }));
  }, [session]);
  const summarizePage = () => {
    setStart(Date.now());
    setOpen({ id: 'summary', at: Date.now() });
  };
  return (
    <App
      extraViews={[{ id: 'summary', label: 'Summary', render: () => <SidePanelSummary session={session} runtime={runtime} startAt={start} /> }]}
      openView={open}
      pageAction={<button type="button" class="small primary" data-testid="summarize-page-chat" onClick={summarizePage}>Summarize this page</button>}
    />
  );
}
