import { describe, expect, it } from 'vitest';
import { parseCitations } from './citations';

describe('parseCitations', () => {
  it.each([
    ['The tower was built in 1871 [1].', 3, [1]],
    ['Built in 1871 (1), a museum since 1989 (2).', 3, [1, 2]],
    ['Both say so [1, 2].', 3, [1, 2]],
    ['See [2][3] and again [2].', 3, [2, 3]],
    ['As [Source 3] and [source 1] say.', 3, [3, 1]],
    ['Passages [1-3] agree.', 4, [1, 2, 3]],
    ['Full-width 【2】 brackets.', 2, [2]],
    ['[1; 3] and [2 and 1].', 3, [1, 3, 2]],
    ['No citation at all.', 3, []],
    ['In (2019) and [7] and (0).', 3, []],
    ['A list:\n(1) first\n(2) second', 2, [1, 2]],
    ['[#2]', 2, [2]],
  ] as const)('%j', (answer, count, cited) => {
    expect(parseCitations(answer, count).cited).toEqual(cited);
  });

  it('ignores a range that runs away', () => {
    expect(parseCitations('[1-200]', 300).cited).toEqual([]);
  });
});
