import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { splitPassages } from '../passages';
import type { AskSource, Passage } from '../source';
import type { TabAccess } from './tab-access';
import { loadRelatedWords } from '../related-words';

export interface TabEvents {
  onActivated: { addListener(cb: (info: { tabId: number }) => void): void; removeListener(cb: (info: { tabId: number }) => void): void };
  onUpdated: { addListener(cb: (tabId: number, change: { status?: string; url?: string }) => void): void; removeListener(cb: (tabId: number, change: { status?: string; url?: string }) => void): void };
  onRemoved: { addListener(cb: (tabId: number) => void): void; removeListener(cb: (tabId: number) => void): void };
}

export interface LiveSource extends AskSource {
  passages: Passage[];
  /** 'changed': the tab navigated or reloaded after it was read; 'closed': the tab is gone. */
  state: 'ok' | 'changed' | 'closed';
}

export interface AskState {
  sources: LiveSource[];
  /** The tab the user is on, when it is not a source (the side panel follows the active tab). */
  otherTab: number | null;
  busy: boolean;
  error: string | null;
}

const noHash = (url: string) => url.replace(/#.*$/, '');
/** Does a tab update change what a source read? A PDF's "#page=N" (a citation opening its page) does not. */
const changedBy = (source: AskSource, change: { status?: string; url?: string }) =>
  source.kind === 'pdf' ? !!change.url && noHash(change.url) !== noHash(source.url) : !!change.url || change.status === 'loading';

/**
 * The sources of an "Ask about this page" conversation: read once when added, split into passages then; each
 * question is asked over them (lib/ask/ask-turn.ts). The tabs are watched so the chat can say when a source changed or closed.
 */
export function useAsk(access: TabAccess, events: TabEvents) {
  const [state, setState] = useState<AskState>({ sources: [], otherTab: null, busy: false, error: null });
  const sources = useRef(state.sources);
  sources.current = state.sources;
  const patch = (p: Partial<AskState>) => setState((s) => ({ ...s, ...p }));
  const mark = (tabId: number, st: LiveSource['state']) =>
    setState((s) => ({ ...s, sources: s.sources.map((x) => (x.tabId === tabId ? { ...x, state: st } : x)) }));

  // Paraphrase matching's table loads when Ask is first used, not with the popup (lib/ask/related-words.ts).
  useEffect(() => void loadRelatedWords(), []);
  useEffect(() => {
    const activated = ({ tabId }: { tabId: number }) =>
      sources.current.length && patch({ otherTab: sources.current.some((x) => x.tabId === tabId) ? null : tabId });
    const updated = (tabId: number, change: { status?: string; url?: string }) =>
      sources.current.some((x) => x.tabId === tabId && x.state === 'ok' && changedBy(x, change)) && mark(tabId, 'changed');
    const removed = (tabId: number) => sources.current.some((x) => x.tabId === tabId) && mark(tabId, 'closed');
    events.onActivated.addListener(activated);
    events.onUpdated.addListener(updated);
    events.onRemoved.addListener(removed);
    return () => {
      events.onActivated.removeListener(activated);
      events.onUpdated.removeListener(updated);
      events.onRemoved.removeListener(removed);
    };
  }, [events]);

  async function add(tabId: number | undefined, replace: boolean) {
    if (tabId === undefined) return patch({ error: 'There is no open page to ask about here.' });
    patch({ busy: true, error: null });
    try {
      const source = await access.read(tabId);
      const live: LiveSource = { ...source, passages: splitPassages(source), state: 'ok' };
      setState((s) => ({ ...s, busy: false, otherTab: null, sources: [...(replace ? [] : s.sources.filter((x) => x.tabId !== tabId)), live] }));
    } catch (err) {
      patch({ busy: false, error: (err as Error).message });
    }
  }

  return useMemo(
    () => ({
      state,
      /** Start (or restart) asking about the tab the user is on. */
      askAboutCurrent: async () => add((await access.current())?.id, true),
      /** Start (or restart) asking about one tab (a summary's "Ask a follow-up"). */
      askAboutTab: (tabId: number) => add(tabId, true),
      /** Start asking about a text already read (the one a summary read: its follow-up asks about exactly that). */
      askAboutRead: (source: AskSource) =>
        setState((s) => ({ ...s, busy: false, error: null, otherTab: null, sources: [{ ...source, passages: splitPassages(source), state: 'ok' }] })),
      addTab: (tabId: number) => add(tabId, false),
      reread: (tabId: number) => add(tabId, false),
      remove: (tabId: number) => setState((s) => ({ ...s, sources: s.sources.filter((x) => x.tabId !== tabId) })),
      stop: () => setState((s) => ({ ...s, sources: [], otherTab: null, error: null })),
      active: state.sources.some((x) => x.state !== 'closed'),
      /** The text of the sources in use (to calibrate the token count on). */
      text: () => state.sources.filter((x) => x.state !== 'closed').flatMap((x) => x.sections.map((s) => s.text)).join('\n\n'),
      /** The passages of the sources still open, in text order (source after source). */
      passages: () => state.sources.filter((x) => x.state !== 'closed').flatMap((x) => x.passages),
    }),
    [state, access],
  );
}

export type Ask = ReturnType<typeof useAsk>;
