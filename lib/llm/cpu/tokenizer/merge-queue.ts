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
    len[i] = (i + 1 < n ? start[i + 1] : piece.length) - start[i];
    prev[i] = i - 1;
    next[i] = i + 1 < n ? i + 1 : -1;
  }
  // Heap entries: [priority, left, right, combined length]; a popped entry is stale if either side changed.
  const heap: number[][] = [];
  const less = (a: number[], b: number[]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (e: number[]) => {
    let i = heap.push(e) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };
  const tryPair = (l: number, r: number) => {
    if (l < 0 || r < 0) return;
    const p = priority(piece.substr(start[l], len[l]), piece.substr(start[r], len[r]));
    if (p !== undefined) push([p, l, r, len[l] + len[r]]);
  };
  for (let i = 1; i < n; i++) tryPair(i - 1, i);
  while (heap.length) {
    const [, l, r, size] = pop();
    if (len[l] === 0 || len[r] === 0 || len[l] + len[r] !== size) continue;
    len[l] += len[r];
    len[r] = 0;
    next[l] = next[r];
    if (next[r] >= 0) prev[next[r]] = l;
    tryPair(prev[l], l);
    tryPair(l, next[l]);
  }
  return { start, len, prev, next };
}
