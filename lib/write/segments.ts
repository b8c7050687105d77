import type { Hunk } from './word-diff';

/**
 * A rich editor's selection read as flat text is made of pieces: each text node's characters, and line breaks
 * (a <br>, or the edge between two blocks). Apply changes the pieces in a copy of the selection, so words that did
 * not change stay in their own nodes (bold, links and line breaks kept) and the copy goes back in one edit.
 */
export interface Segment {
  /** The piece's characters in the flat text: [start, end). */
  start: number;
  end: number;
  /** A <br> may be removed when a change deletes its line break; an edge between two blocks stays. */
  kind: 'text' | 'br' | 'block';
}

/** Which text segment takes a hunk's new text: the first one its deletion touches, else the one it follows. */
function targetOf(segments: Segment[], h: Hunk): number {
  const isText = (s: Segment) => s.kind === 'text' && s.end > s.start;
  let k = segments.findIndex((s) => isText(s) && s.start < Math.max(h.to, h.from + 1) && s.end > h.from);
  if (k >= 0) return k;
  for (let i = segments.length - 1; i >= 0; i--) if (isText(segments[i]!) && segments[i]!.end <= h.from) return i;
  k = segments.findIndex((s) => isText(s) && s.start >= h.from);
  return k >= 0 ? k : segments.findIndex((s) => s.kind === 'text');
}

/**
 * Each segment's text after the hunks (sorted, not overlapping, over `flat`): deleted characters leave the
 * segments they were in, and each hunk's new text goes whole into one text segment (targetOf). A removed <br>
 * comes out as ''; a block edge always keeps its '\n'.
 */
export function distributeHunks(flat: string, segments: Segment[], hunks: Hunk[]): string[] {
  const out = segments.map(() => '');
  const insertAt = new Map<number, Hunk[]>();
  hunks.forEach((h) => {
    const k = targetOf(segments, h);
    if (k >= 0) insertAt.set(k, [...(insertAt.get(k) ?? []), h]);
  });
  const deleted = (p: number) => hunks.some((h) => p >= h.from && p < h.to);
  segments.forEach((s, k) => {
    if (s.kind === 'block') {
      out[k] = flat.slice(s.start, s.end);
      return;
    }
    const mine = insertAt.get(k) ?? [];
    let text = '';
    // A hunk that starts before this segment (in a break before it) puts its text first.
    for (const h of mine) if (h.from < s.start) text += h.text;
    for (let p = s.start; p <= s.end; p++) {
      for (const h of mine) if (h.from === p && h.from >= s.start) text += h.text;
      if (p < s.end && !deleted(p)) text += flat[p];
    }
    out[k] = text;
  });
  return out;
}
