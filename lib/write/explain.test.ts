import { describe, expect, it } from 'vitest';
import { changeKind, editDistance, explainChange } from './explain';

describe('explainChange', () => {
  it('names agreement, articles, spelling, capitalization and punctuation', () => {
    expect(explainChange('were', 'was')).toBe("agreement: 'were' → 'was'");
    expect(explainChange('a', 'an')).toBe("article: 'a' → 'an'");
    expect(explainChange('recieve', 'receive')).toBe("spelling: 'recieve' → 'receive'");
    expect(explainChange('monday', 'Monday')).toBe("capitalization: 'monday' → 'Monday'");
    expect(explainChange('however', 'however,')).toBe("punctuation: 'however' → 'however,'");
    expect(explainChange('their', 'there')).toBe("word confusion: 'their' → 'there'");
  });

  it('says what was added or removed', () => {
    expect(explainChange('', ' to ')).toBe("missing word: added 'to'");
    expect(explainChange('', 'the')).toBe("missing article: added 'the'");
    expect(explainChange('very ', '')).toBe("unneeded word: removed 'very'");
    expect(explainChange('', ',')).toBe("punctuation: added ','");
  });

  it('calls a different word a change of wording, not a misspelling', () => {
    expect(changeKind('big', 'large')).toBe('wording');
    expect(changeKind('the cat sat', 'a dog stood')).toBe('wording');
    expect(changeKind('  ', ' ')).toBe('spacing');
  });

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('recieve', 'receive')).toBe(1);
  });
});
