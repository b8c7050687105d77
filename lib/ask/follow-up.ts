import { LIMITS } from '../messaging/protocol-values';
import type { AskHistoryTurn } from './prompt';
import { pageSource, type AskSource } from './source';
import type { StorageAreaLike, StorageChanges } from '../messaging/storage-area';

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
  /** What Hearth's model wrote: the host's own record of the generation, never a page's claim (worker/follow-up-entry.ts). */
  summary: string;
  title?: string;
  at: number;
  /**
   * Set when the summary read the page in one step over its numbered passages (lib/summarize/prompt.ts): the text it
   * read and its request. The chat then asks about exactly that text, with that request as the first user turn, so
   * the question's prompt starts with the summary's and the engine reuses it. Absent (a selection, a PDF, a summary
   * in parts): the chat reads the tab again and the summary is an earlier turn after a plain request.
   */
  source?: FollowUpSource;
  request?: string;
}

export interface FollowUpSource {
  text: string;
  title: string;
  url: string;
}

/** `storage.session`, whose listener is removed when the chat closes. */
export interface FollowUpStorage extends StorageAreaLike {
  onChanged: { addListener(cb: (changes: StorageChanges) => void): void; removeListener(cb: (changes: StorageChanges) => void): void };
}

/** A follow-up left more than this long ago was not for this chat opening (the user went elsewhere). */
export const FOLLOW_UP_MAX_AGE_MS = 10 * 60_000;
/** A summary is short; anything longer than this is not one (and would crowd out the passages anyway). */
const MAX_SUMMARY_CHARS = 8_000;

const isSource = (s: Partial<FollowUpSource> | undefined): s is FollowUpSource =>
  !!s && typeof s.text === 'string' && !!s.text.trim() && s.text.length <= LIMITS.inputChars && typeof s.title === 'string' && typeof s.url === 'string';

/** The stored value, if it is a well-formed, recent follow-up (storage.session is only the extension's, but check). */
export function parseFollowUp(value: unknown, now = Date.now()): FollowUp | null {
  const v = value as Partial<FollowUp> | null | undefined;
  if (!v || typeof v.summary !== 'string' || !v.summary.trim() || typeof v.at !== 'number') return null;
  if (now - v.at > FOLLOW_UP_MAX_AGE_MS || v.at - now > 60_000) return null;
  if (v.tabId !== undefined && !Number.isInteger(v.tabId)) return null;
  const f: FollowUp = { tabId: v.tabId, summary: v.summary.slice(0, MAX_SUMMARY_CHARS), title: typeof v.title === 'string' ? v.title : undefined, at: v.at };
  if (isSource(v.source) && typeof v.request === 'string' && v.request.trim()) Object.assign(f, { source: v.source, request: v.request });
  return f;
}

/**
 * The summary as the turns before the first question, so the ask prompt's history budget carries it: after the
 * summary's own request when it read the sources as Ask does (the prompt then starts as the summary's did), else
 * after a plain one.
 */
export const summaryTurns = (f: Pick<FollowUp, 'summary' | 'request'>): AskHistoryTurn[] => [
  f.request ? { role: 'user', content: f.request, asIs: true } : { role: 'user', content: 'Summarize this page.' },
  { role: 'assistant', content: f.summary.trim() },
];

/** The text a summary read, as the chat's source on `tabId`: the same passages the summary's prompt numbered. */
export const followUpSource = (source: FollowUpSource, tabId: number): AskSource => pageSource(source.text, source.title, tabId, source.url);

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
