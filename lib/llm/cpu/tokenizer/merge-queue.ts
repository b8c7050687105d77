/**
 * The merge loop shared by both BPE flavours (llama.cpp's "bigram" queue): symbols in a linked list, candidate pairs
 * in a binary heap ordered by priority (lower first) then by left position, stale pairs skipped when popped.
 * A heap keeps long inputs (SentencePiece sees a whole paragraph as one piece) near n log n.
 */

export interface Symbols {
  /** Start offset of each symbol in the piece (in UTF-16 units) and its length; length 0 = merged away. */
  start: Int32Array;
  len: Int32Array;
  prev: Int32Array;
  next: Int32Array;
}

/** `priority(left, right)` gives the merge's priority (lower merges first) or undefined when the pair cannot merge. */
export type PairPriority = (leftText: string, rightText: string) => number | undefined;

/** Split `piece` into code points, then merge pairs by priority until none is left. Returns the surviving symbols. */
export function mergeSymbols(piece: string, priority: PairPriority): Symbols {
  const starts: number[] = [];
  for (let i = 0; i < piece.length; ) {
    starts.push(i);
    const c = piece.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < piece.length ? 2 : 1;
  }
  const n = starts.length;
  const start = Int32Array.from(starts);
  const len = new Int32Array(n), prev = new Int32Array(n), next = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    len[i] = (i + 1 < n ? start[i + 1]! : piece.length) - start[i]!;
    prev[i] = i - 1;
    next[i] = i + 1 < n ? i + 1 : -1;
  }
  // Candidate pairs live in parallel arrays; the heap holds their indices. A popped pair is stale (skipped) when
  // either side has changed since it was queued: then the two lengths no longer add up to the queued size.
  const prio: number[] = [], left: number[] = [], right: number[] = [], size: number[] = [];
  const heap: number[] = [];
  const less = (a: number, b: number) => prio[a]! < prio[b]! || (prio[a] === prio[b] && left[a]! < left[b]!);
  const swap = (i: number, j: number) => { const t = heap[i]!; heap[i] = heap[j]!; heap[j] = t; };
  const push = (e: number) => {
    let i = heap.push(e) - 1;
    for (let p = (i - 1) >> 1; i > 0 && less(heap[i]!, heap[p]!); i = p, p = (i - 1) >> 1) swap(i, p);
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
    return top;
  };
  const tryPair = (l: number, r: number) => {
    if (l < 0 || r < 0) return;
    const p = priority(piece.substr(start[l]!, len[l]), piece.substr(start[r]!, len[r]));
    if (p === undefined) return;
    push(prio.push(p) - 1);
    left.push(l);
    right.push(r);
    size.push(len[l]! + len[r]!);
  };
  for (let i = 1; i < n; i++) tryPair(i - 1, i);
  while (heap.length) {
    const e = pop();
    const l = left[e]!, r = right[e]!;
    if (len[l] === 0 || len[r] === 0 || len[l]! + len[r]! !== size[e]) continue;
    len[l] = len[l]! + len[r]!;
    len[r] = 0;
    next[l] = next[r]!;
    if (next[r]! >= 0) prev[next[r]!] = l;
    tryPair(prev[l]!, l);
    tryPair(l, next[l]!);
  }
  return { start, len, prev, next };
}
