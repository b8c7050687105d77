import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Conversation } from '../chat/chat-store';
import { createSummaryHistory, SUMMARY_HISTORY_KEY, type LocalStorageLike, type PastSummary } from '../summarize/history';
import { ConversationList } from '../chat/view/ConversationList';
import { PastSummaries } from '../summarize/view/PastSummaries';
import { searchConversations, searchSummaries } from './search-history';
import { UndoBar, type Undoable } from '../ui-kit/UndoBar';

interface Props {
  conversations: Conversation[];
  currentId: string | null;
  onOpen(id: string): void;
  /** Delete; resolves to the conversation as it was, for undo. */
  onDelete(id: string): Promise<Conversation | undefined>;
  onRestore(c: Conversation): Promise<void>;
  storage?: LocalStorageLike & {
    onChanged?: { addListener(cb: (changes: Record<string, unknown>) => void): void; removeListener(cb: (changes: Record<string, unknown>) => void): void };
  };
}

const quoted = (title: string) => `“${title.length > 40 ? `${title.slice(0, 39)}…` : title}”`;

/** History: one search over past conversations and past summaries; deleting either can be undone. */
export function HistoryView({ conversations, currentId, onOpen, onDelete, onRestore, storage = browser.storage.local as unknown as Props['storage'] }: Props) {
  const [query, setQuery] = useState('');
  const [undo, setUndo] = useState<Undoable | null>(null);
  const history = useMemo(() => (storage ? createSummaryHistory(storage) : null), [storage]);
  const [summaries, setSummaries] = useState<PastSummary[]>([]);
  const reload = () => void history?.list().then(setSummaries, () => {});
  useEffect(() => {
    reload();
    // A summary finishing in a tab while History is open shows up at once.
    const onChanged = (changes: Record<string, unknown>) => SUMMARY_HISTORY_KEY in changes && reload();
    storage?.onChanged?.addListener(onChanged);
    return () => storage?.onChanged?.removeListener(onChanged);
  }, [history]);

  async function deleteConversation(id: string) {
    const gone = await onDelete(id);
    if (gone) setUndo({ key: `c:${id}:${Date.now()}`, message: `Deleted ${quoted(gone.title)}.`, undo: () => void onRestore(gone) });
  }
  async function deleteSummary(s: PastSummary) {
    await history?.remove(s.id);
    reload();
    setUndo({ key: `s:${s.id}:${Date.now()}`, message: `Deleted the summary of ${quoted(s.title)}.`, undo: () => void history?.restore(s).then(reload) });
  }

  const foundConversations = searchConversations(conversations, query);
  const foundSummaries = searchSummaries(summaries, query);
  const searching = query.trim() !== '';
  return (
    <section class="history" aria-label="History">
      <input type="search" class="search" placeholder="Search conversations and summaries" aria-label="Search history" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <UndoBar item={undo} onDone={() => setUndo(null)} />
      <h2>Conversations</h2>
      {searching && foundConversations.length === 0 ? (
        <p class="muted">No conversation mentions “{query.trim()}”.</p>
      ) : (
        <ConversationList conversations={foundConversations} currentId={currentId} onOpen={onOpen} onDelete={(id) => void deleteConversation(id)} />
      )}
      <h2>Summaries</h2>
      {searching && foundSummaries.length === 0 ? <p class="muted">No summary mentions “{query.trim()}”.</p> : <PastSummaries items={foundSummaries} onDelete={(s) => void deleteSummary(s)} />}
    </section>
  );
}
