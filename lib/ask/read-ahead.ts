import type { PrimeProgress } from '../messaging/protocol';
import type { Passage } from './source';
import type { Ranked } from './rank';

/**
 * How long a question may wait for the unread rest of its sources. Past this, it is answered at once from the part
 * the prime has read and the unread passages that match it, as many as this long's reading takes (issue 19's
 * targets: a page's first answer in 3 s, a PDF's in 5 s). Most of the time goes to the question and the first token.
 */
export const READ_AHEAD_WAIT_SECONDS = 3;

/** The prime's progress when the question is asked, with a known reading speed. */
export type ReadAhead = PrimeProgress & { tokensPerSec: number };

export interface ReadAheadInput {
  /** Every passage, in text order: the whole layout the prime reads. */
  inTextOrder: Passage[];
  /** The passages ranked for the question (rankPassages). */
  ranked: Ranked[];
  passageCost: (p: Passage) => number;
  /** Estimated tokens of the primed prompt before its first passage (the rules, the sources' header). */
  before: number;
  /** Estimated tokens of the whole primed prompt (to map the engine's count onto the passages). */
  primeTokens: number;
  /** Estimated tokens of the question's own turn. */
  questionTokens: number;
  progress: ReadAhead;
  waitSeconds?: number;
}

/** A question laid out over part of its sources: those read ahead, then the unread ones that match it. */
export interface ReadAheadLayout {
  /** In the prompt's order: the passages read (text order), then those added for the question (text order). */
  chosen: Passage[];
  /** Passages the prime had read (the first `read` of `chosen`, the start of the whole layout). */
  read: number;
  /** Unread passages added because they match the question. */
  added: number;
}

/**
 * The layout for a question asked while its sources are still being read ahead, or null to wait for the whole
 * source (the rest takes no longer than `waitSeconds` to read, or the question matches no passage: a general
 * question, "what is this about?", needs all of it). The prompt starts as the prime's does, so the engine reuses
 * what it read; the prime reads the rest afterwards, for the next question.
 */
export function readAheadLayout(input: ReadAheadInput): ReadAheadLayout | null {
  const { inTextOrder, ranked, passageCost, before, progress } = input;
  const wait = input.waitSeconds ?? READ_AHEAD_WAIT_SECONDS;
  if (!(progress.tokensPerSec > 0)) return null;
  // 0 of 0: the prime waits for its turn, nothing read yet.
  const share = progress.totalTokens > 0 ? Math.min(progress.doneTokens, progress.totalTokens) / progress.totalTokens : 0;
  const readTokens = share * input.primeTokens;
  const sourcesEnd = before + inTextOrder.reduce((n, p) => n + passageCost(p), 0);
  const unread = Math.max(0, sourcesEnd - readTokens);
  if (unread <= progress.tokensPerSec * wait) return null;
  if (!ranked.some((r) => r.score > 0)) return null;

  // The passages read whole, and the one the prime stopped in (only its rest is left to read).
  let end = before;
  let read = 0;
  let partRest = 0;
  for (const p of inTextOrder) {
    const next = end + passageCost(p);
    if (next <= readTokens) read++;
    else {
      if (end < readTokens) partRest = next - readTokens;
      break;
    }
    end = next;
  }
  let room = progress.tokensPerSec * wait - input.questionTokens;
  const chosen = inTextOrder.slice(0, read);
  if (partRest > 0 && partRest <= room) {
    chosen.push(inTextOrder[read]!);
    room -= partRest;
  }
  const place = new Map(inTextOrder.map((p, i) => [p, i]));
  const firstUnread = chosen.length;
  const added: Passage[] = [];
  for (const r of ranked) {
    const at = place.get(r.passage);
    if (r.score <= 0 || at === undefined || at < firstUnread) continue;
    const cost = passageCost(r.passage);
    if (cost > room) continue;
    room -= cost;
    added.push(r.passage);
  }
  added.sort((a, b) => place.get(a)! - place.get(b)!);
  return { chosen: [...chosen, ...added], read: firstUnread, added: added.length };
}
