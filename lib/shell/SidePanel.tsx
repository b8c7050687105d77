import { useEffect, useState } from 'preact/hooks';
import { App } from './App';
import { SidePanelSummary, type SessionStorageLike } from '../summarize/view/SidePanelSummary';
import { SIDE_PANEL_KEY } from '../messaging/protocol-values';
import type { SessionDeps } from '../summarize/view/summary-session';
import { FOLLOW_UP_KEY, type FollowUp } from '../ask/follow-up';

/** The side panel: the chat with a Summary view in its one tab bar (summaries of the page beside it, or handed over). */
export function SidePanel({ session, runtime }: { session: SessionStorageLike; runtime: SessionDeps['runtime'] }) {
  const [open, setOpen] = useState<{ id: string; at: number } | null>(null);
  const [start, setStart] = useState(0);
  useEffect(() => {
    // A summary handed over now or before the panel opened takes the panel; the chat stays a click away.
    // A follow-up left for the chat (the in-page panel's "Ask a follow-up") comes before a summary.
    void Promise.all([session.get(SIDE_PANEL_KEY), session.get(FOLLOW_UP_KEY)]).then(([summary, followUp]) =>
      followUp[FOLLOW_UP_KEY] ? setOpen({ id: 'chat', at: Date.now() }) : summary[SIDE_PANEL_KEY] && setOpen({ id: 'summary', at: Date.now() }));
    session.onChanged.addListener((changes) => changes[SIDE_PANEL_KEY]?.newValue && setOpen({ id: 'summary', at: Date.now() }));
    session.onChanged.addListener((changes) => changes[FOLLOW_UP_KEY]?.newValue && setOpen({ id: 'chat', at: Date.now() }));
  }, [session]);
  const summarizePage = () => {
    setStart(Date.now());
    setOpen({ id: 'summary', at: Date.now() });
  };
  // "Ask a follow-up": the chat (App's ask) takes it from storage.session, as it does one from the in-page panel.
  const followUp = (f: Omit<FollowUp, 'at' | 'tabId'>) => {
    void browser.storage.session.set({ [FOLLOW_UP_KEY]: { ...f, at: Date.now() } satisfies FollowUp });
    setOpen({ id: 'chat', at: Date.now() });
  };
  return (
    <App
      extraViews={[{ id: 'summary', label: 'Summary', render: () => <SidePanelSummary session={session} runtime={runtime} startAt={start} onFollowUp={followUp} /> }]}
      openView={open}
      pageAction={<button type="button" class="small primary" data-testid="summarize-page-chat" onClick={summarizePage}>Summarize this page</button>}
    />
  );
}
