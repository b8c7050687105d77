import { describe, expect, it } from 'vitest';
import { layoutPageText, type TextRun } from './layout-text';

// Runs as pdf.js gives them: x, y baseline, width; 10-unit type, 12-unit line spacing.
const run = (str: string, x: number, y: number, extra: Partial<TextRun> = {}): TextRun => ({
  str, transform: [10, 0, 0, 10, x, y], width: str.length * 5, height: 10, ...extra,
});

describe('layoutPageText', () => {
  it('joins runs of one line, with a space only where there is a gap', () => {
    // "Hel" + "lo" touch (one word split by pdf.js); "world" stands 5 units after.
    expect(layoutPageText([run('Hel', 0, 100), run('lo', 15, 100), run('world', 30, 100)])).toBe('Hello world');
  });

  it('mends a hyphenated or soft-hyphenated word at a line end, keeps a compound before a capital', () => {
    expect(layoutPageText([run('a long infor-', 0, 100), run('mation line', 0, 88)])).toBe('a long information line');
    expect(layoutPageText([run('a soft infor\u00AD', 0, 100), run('mation', 0, 88)])).toBe('a soft information');
    expect(layoutPageText([run('the well-', 0, 100), run('Known way', 0, 88)])).toBe('the well- Known way');
  });

  it('starts a paragraph at a wider gap and at a change of type size', () => {
    const runs = [
      run('Title', 0, 140, { height: 18, transform: [18, 0, 0, 18, 0, 140] }),
      run('one a', 0, 112), run('one b', 0, 100), run('one c', 0, 88),
      run('two a', 0, 64), run('two b', 0, 52),
    ];
    expect(layoutPageText(runs)).toBe('Title\n\none a one b one c\n\ntwo a two b');
  });

  it('keeps columns in content order: a jump back up the page is a new paragraph', () => {
    const runs = [run('left one', 0, 100), run('left two', 0, 88), run('right one', 300, 100), run('right two', 300, 88)];
    expect(layoutPageText(runs)).toBe('left one left two\n\nright one right two');
  });

  it('honours end-of-line marks and skips marked-content items and blank runs', () => {
    const runs = [run('first', 0, 100, { hasEOL: true }), run('', 0, 100), run('second', 40, 88)];
    expect(layoutPageText(runs)).toBe('first second');
    expect(layoutPageText([])).toBe('');
    expect(layoutPageText([run('   ', 0, 10)])).toBe('');
  });
});
