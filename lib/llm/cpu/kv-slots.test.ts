import { describe, expect, it } from 'vitest';
import { commonPrefix, planSlot, type SlotState } from './kv-slots';

const slot = (tokens: number[], usedAt: number): SlotState => ({ tokens, usedAt });

describe('commonPrefix', () => {
  it('counts shared leading tokens, up to a limit', () => {
    expect(commonPrefix([1, 2, 3], [1, 2, 4])).toBe(2);
    expect(commonPrefix([1, 2, 3], [1, 2, 3], 2)).toBe(2);
    expect(commonPrefix([], [1])).toBe(0);
  });
});

describe('planSlot', () => {
  it('starts in the first slot when all are empty', () => {
    expect(planSlot([slot([], 0), slot([], 0)], [1, 2])).toEqual({ slot: 0, keep: 0 });
  });

  it('extends the slot whose whole content starts the prompt (a chat turn, a primed text and its question)', () => {
    const slots = [slot([9, 9], 1), slot([1, 2, 3], 2), slot([], 0)];
    expect(planSlot(slots, [1, 2, 3, 4, 5])).toEqual({ slot: 1, keep: 3 });
  });

  it('leaves a slot that holds more than the shared part alone: copies the shared part to an empty slot', () => {
    // A primed page [1 2 3] + its tail [7 8]; a question [1 2 3 4] keeps the page for the next question.
    const slots = [slot([1, 2, 3, 7, 8], 2), slot([], 0), slot([], 0)];
    expect(planSlot(slots, [1, 2, 3, 4])).toEqual({ slot: 1, keep: 3, copyFrom: 0 });
  });

  it('evicts the least recently used slot when none is empty', () => {
    const slots = [slot([5, 5], 3), slot([6, 6], 1), slot([1, 2, 7], 2)];
    expect(planSlot(slots, [8, 9])).toEqual({ slot: 1, keep: 0 });
    expect(planSlot(slots, [1, 2, 3])).toEqual({ slot: 1, keep: 2, copyFrom: 2 });
  });

  it('reuses the sharing slot in place when it is itself the oldest', () => {
    const slots = [slot([1, 2, 7], 1), slot([6, 6], 2)];
    expect(planSlot(slots, [1, 2, 3])).toEqual({ slot: 0, keep: 2 });
  });

  it('prefers the most recent of slots that share as much', () => {
    const slots = [slot([1, 2], 1), slot([1, 2], 4), slot([1, 2], 2)];
    expect(planSlot(slots, [1, 2, 3])).toEqual({ slot: 1, keep: 2 });
  });

  it('caps the reused prefix at the limit (a generation reads its last token again)', () => {
    const slots = [slot([1, 2, 3], 1)];
    expect(planSlot(slots, [1, 2, 3], 2)).toEqual({ slot: 0, keep: 2 });
  });
});
