import type { ChatMessage } from '../messaging/protocol';

/**
 * "Ask a follow-up" after a summary: the summary's panel (in the page or the side panel) leaves this in
 * storage.session, and the chat (side panel or popup) takes it when it opens or is open: it asks about that tab,
 * with the summary as the conversation's context. Storage, not a message, because the chat may not be open yet:
 * Chrome opens the side panel only on a user gesture, which a click in the page's panel may not carry to the worker.
 */
export const FOLLOW_UP_KEY = 'hearth:askFollowUp';

export interface FollowUp {
  /** The summarized tab; absent for the side panel's own summary (the tab beside it, the active one). */
  tabId?: number;
  summary: string;
  title?: string;
  at: number;
}

export interface FollowUpStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
  onChanged: {
    addListener(cb: (changes: Record<string, { newValue?: unknown }>) => void): void;
    removeListener(cb: (changes: Record<string, { newValue?: unknown }>) => void): void;
  };
}

/** A follow-up left more than this long ago was not for this chat opening (the user went elsewhere). */
export const FOLLOW_UP_MAX_AGE_MS = 10 * 60_000;
/** A summary is short; anything longer than this is not one (and would crowd out the passages anyway). */
const MAX_SUMMARY_CHARS = 8_000;

/** The stored value, if it is a well-formed, recent follow-up (storage.session is only the extension's, but check). */
export function parseFollowUp(value: unknown, now = Date.now()): FollowUp | null {
  const v = value as Partial<FollowUp> | null | undefined;
  if (!v || typeof v.summary !== 'string' || !v.summary.trim() || typeof v.at !== 'number') return null;
  if (now - v.at > FOLLOW_UP_MAX_AGE_MS || v.at - now > 60_000) return null;
  if (v.tabId !== undefined && !Number.isInteger(v.tabId)) return null;
  return { tabId: v.tabId, summary: v.summary.slice(0, MAX_SUMMARY_CHARS), title: typeof v.title === 'string' ? v.title : undefined, at: v.at };
}

/** The summary as the turns before the first question, so the ask prompt's history budget carries it. */
export const summaryTurns = (f: Pick<FollowUp, 'summary'>): ChatMessage[] => [
  { role: 'user', content: 'Summarize this page.' },
  { role: 'assistant', content: f.summary.trim() },
];

/** Watch for a follow-up: calls `take` with each one (pending at start or left later), removing it once taken. */
export function watchFollowUps(session: FollowUpStorage, take: (f: FollowUp) => void): () => void {
  let stopped = false;
  const consider = (value: unknown) => {
    const f = parseFollowUp(value);
    if (!f || stopped) return;
    void session.remove(FOLLOW_UP_KEY);
    take(f);
  };
  const changed = (changes: Record<string, { newValue?: unknown }>) => consider(changes[FOLLOW_UP_KEY]?.newValue);
  session.onChanged.addListener(changed);
  void session.get(FOLLOW_UP_KEY).then((got) => consider(got[FOLLOW_UP_KEY]));
  return () => {
    stopped = true;
    session.onChanged.removeListener(changed);
  };
}
