import type { Conversation } from '../chat/chat-store';
import type { PastSummary } from '../summarize/history';

/** Words of the query, lower-cased; every one must appear (in any order) for a match. */
const wordsOf = (query: string) => query.toLowerCase().split(/\s+/).filter(Boolean);
const hasAll = (haystack: string, words: string[]) => words.every((w) => haystack.includes(w));

/** Conversations whose title or any message contains every word of `query` (all of them for a blank query). */
export function searchConversations(list: Conversation[], query: string): Conversation[] {
  const words = wordsOf(query);
  if (!words.length) return list;
  return list.filter((c) => hasAll([c.title, ...c.messages.map((m) => m.content)].join('\n').toLowerCase(), words));
}

/** Past summaries whose title, address or text contains every word of `query`. */
export function searchSummaries(list: PastSummary[], query: string): PastSummary[] {
  const words = wordsOf(query);
  if (!words.length) return list;
  return list.filter((s) => hasAll(`${s.title}\n${s.url ?? ''}\n${s.summary}`.toLowerCase(), words));
}
