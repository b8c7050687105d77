/** What pdf.js says about one run of text on a page (its TextItem, the fields used here). */
export interface TextRun {
  str: string;
  /** [a, b, c, d, x, y]: x, y is the run's baseline start in PDF units (y grows upwards). */
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

interface Line {
  y: number;
  size: number;
  text: string;
}

const sizeOf = (r: TextRun) => r.height || Math.hypot(r.transform[2] ?? 0, r.transform[3] ?? 0) || 10;

/**
 * Runs → lines, in the order pdf.js gives them (content order, which follows columns better than sorting by
 * position would). A run starts a new line when its baseline moves by more than half its size, or when it jumps
 * back to the left of where the line ends (a new column or a wrapped line at the same height).
 */
function toLines(runs: TextRun[]): Line[] {
  const lines: Line[] = [];
  let cur: (Line & { end: number }) | null = null;
  let eol = false;
  for (const r of runs) {
    const [x = 0, y = 0] = [r.transform[4], r.transform[5]];
    const size = sizeOf(r);
    if (!r.str) {
      eol ||= !!r.hasEOL;
      continue;
    }
    const newLine = !cur || eol || Math.abs(y - cur.y) > size * 0.5 || x < cur.end - size;
    if (newLine) {
      if (cur) lines.push(cur);
      cur = { y, size, text: r.str, end: x + r.width };
    } else {
      // A visible gap between runs is a space unless one side already has one (pdf.js often splits words).
      const gap = x - cur!.end;
      const spaced = /\s$/.test(cur!.text) || /^\s/.test(r.str);
      cur!.text += gap > size * 0.15 && !spaced ? ` ${r.str}` : r.str;
      cur!.end = Math.max(cur!.end, x + r.width);
      cur!.size = Math.max(cur!.size, size);
    }
    eol = !!r.hasEOL;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text);
}

/** The usual line spacing: a low quantile of the gaps, since paragraph and heading gaps are the wider ones. */
const usualGap = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 4)]! : 0;
};

/** A word broken at a line end ("infor-" + "mation") is joined; a real compound ("well-" + "Known") keeps its hyphen. */
function joinLines(a: string, b: string): string {
  if (/\p{L}[-\u00AD]$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
  if (a.endsWith('\u00AD')) return a.slice(0, -1) + b;
  return `${a} ${b}`;
}

/**
 * A page's text as a reader would copy it: lines in order, lines of one paragraph joined (hyphenated line ends
 * mended), paragraphs apart by a blank line. A paragraph ends where the gap to the next line is clearly wider
 * than the page's usual line spacing, where the type size changes (a heading), or where the text moves up the page (a new column).
 */
export function layoutPageText(runs: TextRun[]): string {
  const lines = toLines(runs);
  if (!lines.length) return '';
  const gaps = lines.slice(1).map((l, i) => lines[i]!.y - l.y).filter((g) => g > 0);
  const usual = usualGap(gaps);
  const paragraphs: string[] = [lines[0]!.text];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1]!.y - lines[i]!.y;
    const limit = usual > 0 ? usual * 1.4 : lines[i]!.size * 1.8;
    const sizeChange = Math.abs(lines[i]!.size - lines[i - 1]!.size) > 0.2 * lines[i]!.size;
    if (gap <= 0 || gap > limit || sizeChange) paragraphs.push(lines[i]!.text);
    else paragraphs[paragraphs.length - 1] = joinLines(paragraphs[paragraphs.length - 1]!, lines[i]!.text);
  }
  return paragraphs.join('\n\n');
}
