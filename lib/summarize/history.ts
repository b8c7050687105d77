/** One finished summary, kept so the user can find it again (History, in the popup and the side panel). */
export interface PastSummary {
  id: string;
  title: string;
  /** The page's address; absent for pasted text. */
  url?: string;
  at: number;
  summary: string;
}

/** The part of storage.local the list needs (WXT's `browser.storage.local`, or a fake in tests). */
export interface LocalStorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export const SUMMARY_HISTORY_KEY = 'summaryHistory';
/** A short list: enough to find today's and yesterday's summaries, small enough to read whole on every open. */
export const SUMMARY_HISTORY_MAX = 30;
const TEXT_MAX = 20_000;

const TITLE_MAX = 500;
const URL_MAX = 4096;

/** A stored entry is checked when read back: anything that is not a well-formed past summary is left out. */
export function isPastSummary(v: unknown): v is PastSummary {
  const s = v as Partial<PastSummary> | null;
  return (
    !!s && typeof s === 'object' && typeof s.id === 'string' && s.id.length <= 64 && typeof s.title === 'string' && s.title.length <= TITLE_MAX &&
    typeof s.summary === 'string' && s.summary.length <= TEXT_MAX && typeof s.at === 'number' && Number.isFinite(s.at) &&
    (s.url === undefined || (typeof s.url === 'string' && s.url.length <= URL_MAX && /^(https?|file):/i.test(s.url)))
  );
}

/**
 * Past summaries in storage.local, which only Hearth's own pages and its worker can reach (the worker sets
 * `storage.local` to trusted contexts; the in-page panel sends its summary to the worker, `summary.record`).
 * Newest first; the oldest falls off past SUMMARY_HISTORY_MAX.
 */
export function createSummaryHistory(storage: LocalStorageLike, now = () => Date.now()) {
  const read = async (): Promise<PastSummary[]> => {
    const got = (await storage.get(SUMMARY_HISTORY_KEY))[SUMMARY_HISTORY_KEY];
    return Array.isArray(got) ? got.filter(isPastSummary) : [];
  };
  return {
    list: read,
    async add(entry: Omit<PastSummary, 'id' | 'at'>): Promise<PastSummary> {
      const at = now();
      const item: PastSummary = {
        title: entry.title.slice(0, TITLE_MAX),
        ...(entry.url && /^(https?|file):/i.test(entry.url) ? { url: entry.url.slice(0, URL_MAX) } : {}),
        summary: entry.summary.slice(0, TEXT_MAX),
        id: `${at}-${Math.random().toString(36).slice(2, 8)}`,
        at,
      };
      await storage.set({ [SUMMARY_HISTORY_KEY]: [item, ...(await read())].slice(0, SUMMARY_HISTORY_MAX) });
      return item;
    },
    async remove(id: string): Promise<void> {
      await storage.set({ [SUMMARY_HISTORY_KEY]: (await read()).filter((s) => s.id !== id) });
    },
    /** Put a removed entry back where its date puts it (undo). */
    async restore(item: PastSummary): Promise<void> {
      const rest = (await read()).filter((s) => s.id !== item.id);
      await storage.set({ [SUMMARY_HISTORY_KEY]: [...rest, item].sort((a, b) => b.at - a.at).slice(0, SUMMARY_HISTORY_MAX) });
    },
  };
}

export type SummaryHistory = ReturnType<typeof createSummaryHistory>;

/** SessionDeps.onFinished for a summary of `page`: keep it in the list (a failed write only loses the entry). */
export function recordInto(history: { add(entry: Omit<PastSummary, 'id' | 'at'>): Promise<unknown> }, page: { title?: string; url?: string }) {
  return (summary: string, job: { info: { title?: string; source: string } }) => {
    const title = job.info.title || page.title || (job.info.source === 'selection' ? 'Selected text' : 'Untitled page');
    void history.add({ title, url: page.url, summary }).catch(() => {});
  };
}
