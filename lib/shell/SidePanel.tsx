import { useEffect, useState } from 'preact/hooks';
import { App, type ExtraView } from './App';
import { SidePanelSummary, type SessionStorageLike } from '../summarize/view/SidePanelSummary';
import { SidePanelTranslation } from '../translate/view/SidePanelTranslation';
import { SIDE_PANEL_KEY, TRANSLATE_PANEL_KEY } from '../messaging/protocol-values';
import type { SessionDeps } from '../summarize/view/summary-session';
import { FOLLOW_UP_KEY, type FollowUp } from '../ask/follow-up';

/**
 * The side panel: the chat with a Summary view in its one tab bar (summaries of the page beside it, or handed over),
 * and a Translation view once the background handed a translation over (a page that could not take the in-page panel).
 */
export function SidePanel({ session, runtime }: { session: SessionStorageLike; runtime: SessionDeps['runtime'] }) {
  const [open, setOpen] = useState<{ id: string; at: number } | null>(null);
  const [start, setStart] = useState(0);
  const [translating, setTranslating] = useState(false);
  useEffect(() => {
    // A summary or translation handed over now or before the panel opened takes the panel; the chat stays a click
    // away. A follow-up left for the chat (the in-page panel's "Ask a follow-up") comes first.
    void Promise.all([session.get(SIDE_PANEL_KEY), session.get(FOLLOW_UP_KEY), session.get(TRANSLATE_PANEL_KEY)]).then(([summary, followUp, translation]) => {
      const t = translation[TRANSLATE_PANEL_KEY] as { at: number } | undefined;
      const s = summary[SIDE_PANEL_KEY] as { at: number } | undefined;
      if (t) setTranslating(true);
      if (followUp[FOLLOW_UP_KEY]) setOpen({ id: 'chat', at: Date.now() });
      else if (t && (!s || t.at > s.at)) setOpen({ id: 'translation', at: Date.now() });
      else if (s) setOpen({ id: 'summary', at: Date.now() });
    });
    session.onChanged.addListener((changes) => changes[SIDE_PANEL_KEY]?.newValue && setOpen({ id: 'summary', at: Date.now() }));
    session.onChanged.addListener((changes) => changes[FOLLOW_UP_KEY]?.newValue && setOpen({ id: 'chat', at: Date.now() }));
    session.onChanged.addListener((changes) => {
      if (!changes[TRANSLATE_PANEL_KEY]?.newValue) return;
      setTranslating(true);
      setOpen({ id: 'translation', at: Date.now() });
    });
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
  const views: ExtraView[] = [{ id: 'summary', label: 'Summary', render: () => <SidePanelSummary session={session} runtime={runtime} startAt={start} onFollowUp={followUp} /> }];
  if (translating) views.push({ id: 'translation', label: 'Translation', render: () => <SidePanelTranslation session={session} runtime={runtime} /> });
  return (
    <App
      extraViews={views}
      openView={open}
      pageAction={<button type="button" class="small primary" data-testid="summarize-page-chat" onClick={summarizePage}>Summarize this page</button>}
    />
  );
}
