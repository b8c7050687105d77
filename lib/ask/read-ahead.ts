import type { PrimeProgress } from '../messaging/protocol';
import type { Passage } from './source';
import type { Ranked } from './rank';

/**
 * How long a question may wait for the unread rest of its sources. Past this, it is answered at once from the part
 * the prime has read and the unread passages that match it (issue 19's targets: a page's first answer in 3 s, a
 * PDF's in 5 s). Most of the time goes to the question and the first token.
 */
export const READ_AHEAD_WAIT_SECONDS = 3;
/**
 * The best-ranked matching passages always go in, however long they take to read: an answer without the passage
 * that holds it is no answer (the ranking finds the right one in its top 3: rank-recall.test.ts).
 */
export const READ_AHEAD_TOP_HITS = 3;

/** The prime's progress when the question is asked, with a known reading speed. */
export type ReadAhead = PrimeProgress & { tokensPerSec: number };

export interface ReadAheadInput {
  /** The passages the prime reads, in its order (the whole source in text order, or the layout that fits). */
  primed: Passage[];
  /** The passages ranked for the question (rankPassages), each with its place in the text. */
  ranked: Ranked[];
  passageCost: (p: Passage) => number;
  /** Estimated tokens of the primed prompt before its first passage (the rules, the sources' header). */
  before: number;
  /** Estimated tokens of the whole primed prompt (to map the engine's count onto the passages). */
  primeTokens: number;
  /** Estimated tokens of the question's own turn. */
  questionTokens: number;
  /** Passages' tokens the context leaves room for. */
  room: number;
  progress: ReadAhead;
  /** The whole source fits: waiting for the rest is an option when it reads quickly enough. */
  mayWait: boolean;
  /**
   * The passages the conversation's previous question was asked over, in its order. When that was part of the
   * source, and it holds this question's best matches too (or room is left to add them after it), this question is
   * asked over the same passages: its prompt is the last one's with the answer and itself after it, all cached but
   * the question (a follow-up asked while the rest is still read).
   */
  previous?: Passage[];
  waitSeconds?: number;
}

/** A question laid out over what the prime read and the passages that match it. */
export interface ReadAheadLayout {
  /** In the prompt's order: the passages read (the prime's order), then those added for the question (text order). */
  chosen: Passage[];
  /** Passages of the prime's start (the first `read` of `chosen`). */
  read: number;
  /** Passages added because they match the question. */
  added: number;
}

/** How many of `primed` the engine holds whole, and the unread rest of the one it stopped in. */
function readPrefix(input: ReadAheadInput) {
  const { progress, primed, passageCost } = input;
  // 0 of 0: the prime waits for its turn, nothing read yet.
  const share = progress.totalTokens > 0 ? Math.min(progress.doneTokens, progress.totalTokens) / progress.totalTokens : 0;
  const readTokens = share * input.primeTokens;
  let end = input.before;
  let read = 0;
  for (const p of primed) {
    const next = end + passageCost(p);
    if (next > readTokens) return { read, partRest: end < readTokens ? next - readTokens : 0, unread: next - Math.max(end, readTokens) + rest(primed, read + 1, passageCost) };
    read++;
    end = next;
  }
  return { read, partRest: 0, unread: 0 };
}
const rest = (list: Passage[], from: number, cost: (p: Passage) => number) => list.slice(from).reduce((n, p) => n + cost(p), 0);

/**
 * The layout for a question asked over sources the prime has read in part or whole, or null to keep the usual one
 * (the whole source when it fits and its rest reads within `waitSeconds`; or a question that matches no passage: a
 * general one, "what is this about?", needs all of it). The prompt starts as the prime's did, so the engine reuses
 * what it read; the best-matching passages follow (the top `READ_AHEAD_TOP_HITS` always, more while the wait
 * allows). Where the context is full, the read start gives way from its end.
 */
export function readAheadLayout(input: ReadAheadInput): ReadAheadLayout | null {
  const { primed, ranked, passageCost, progress } = input;
  const wait = input.waitSeconds ?? READ_AHEAD_WAIT_SECONDS;
  if (!(progress.tokensPerSec > 0)) return null;
  const { read, partRest, unread } = readPrefix(input);
  if (input.mayWait && unread <= progress.tokensPerSec * wait) return null;
  const hits = ranked.filter((r) => r.score > 0);
  if (!hits.length) return null;
  const again = sameAsBefore(input, hits, read);
  if (again) return again;

  let time = progress.tokensPerSec * wait - input.questionTokens;
  const prefix = primed.slice(0, read);
  if (partRest > 0 && partRest <= time) {
    prefix.push(primed[read]!);
    time -= partRest;
  }
  const inPrefix = new Set(prefix);
  const added: Ranked[] = [];
  hits.forEach((r, rank) => {
    if (inPrefix.has(r.passage)) return;
    const cost = passageCost(r.passage);
    if (rank >= READ_AHEAD_TOP_HITS && cost > time) return;
    time -= cost;
    added.push(r);
  });
  const cost = (list: Passage[]) => list.reduce((n, p) => n + passageCost(p), 0);
  while (added.length && cost(added.map((r) => r.passage)) > input.room) added.pop(); // the lowest-ranked first
  while (prefix.length && cost(prefix) + cost(added.map((r) => r.passage)) > input.room) prefix.pop();
  added.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  return { chosen: [...prefix, ...added.map((r) => r.passage)], read: prefix.length, added: added.length };
}

/** A follow-up's layout: the previous question's passages, then any of its top matches they lack (text order). */
function sameAsBefore(input: ReadAheadInput, hits: Ranked[], read: number): ReadAheadLayout | null {
  const { previous, primed, passageCost, ranked } = input;
  if (!previous?.length || previous.length >= ranked.length) return null; // none, or it was the whole source
  const now = new Map(ranked.map((r) => [r.passage.id, r.passage]));
  const kept = previous.map((p) => now.get(p.id));
  if (kept.some((p) => !p)) return null; // a source closed since
  const ids = new Set(previous.map((p) => p.id));
  const missing = hits.slice(0, READ_AHEAD_TOP_HITS).filter((r) => !ids.has(r.passage.id)).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const chosen = [...(kept as Passage[]), ...missing.map((r) => r.passage)];
  if (chosen.reduce((n, p) => n + passageCost(p), 0) > input.room) return null;
  const readSet = new Set(primed.slice(0, read));
  const fromRead = chosen.filter((p) => readSet.has(p)).length;
  return { chosen, read: fromRead, added: chosen.length - fromRead };
}
