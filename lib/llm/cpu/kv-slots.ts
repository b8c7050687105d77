/** What one KV cache slot holds: the tokens whose keys and values are in it, and when it was last used. */
export interface SlotState {
  tokens: number[];
  usedAt: number;
}

/** Where a prompt is read: into `slot`, keeping its first `keep` positions (copied from `copyFrom` first, if set). */
export interface SlotPlan {
  slot: number;
  keep: number;
  copyFrom?: number;
}

export function commonPrefix(a: readonly number[], b: readonly number[], limit = Infinity): number {
  const n = Math.min(a.length, b.length, limit);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * Choose the slot a prompt is read into. The slot sharing the longest prefix with it wins (the most recent on a tie).
 * When that slot holds nothing beyond the shared part (a chat's next turn, a primed text now followed by its
 * question), the prompt extends it in place. When it holds more (a primed page and another question about it), it is
 * kept as it is: the prompt goes to an empty slot, else the least recently used one, starting from a copy of the
 * shared part, so a second question about a primed page finds the page still there. `limit` caps the prefix reused
 * (a generation reads its last prompt token again: it needs that token's logits).
 */
export function planSlot(slots: readonly SlotState[], prompt: readonly number[], limit = prompt.length): SlotPlan {
  if (slots.length === 0) throw new RangeError('There is no KV slot to read into.');
  const prefix = slots.map((s) => commonPrefix(s.tokens, prompt, limit));
  let best = 0;
  slots.forEach((s, i) => {
    if (prefix[i]! > prefix[best]! || (prefix[i] === prefix[best] && s.usedAt > slots[best]!.usedAt)) best = i;
  });
  const shared = prefix[best]!;
  if (shared === slots[best]!.tokens.length) return { slot: best, keep: shared };
  const empty = slots.findIndex((s) => s.tokens.length === 0);
  const target = empty >= 0 ? empty : leastRecentlyUsed(slots);
  if (target === best) return { slot: best, keep: shared };
  return shared > 0 ? { slot: target, keep: shared, copyFrom: best } : { slot: target, keep: 0 };
}

function leastRecentlyUsed(slots: readonly SlotState[]): number {
  let oldest = 0;
  slots.forEach((s, i) => {
    if (s.usedAt < slots[oldest]!.usedAt) oldest = i;
  });
  return oldest;
}
