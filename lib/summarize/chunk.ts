/** Splitting a long text into parts of a given size, at the most natural break in range. */

const BREAKS: RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?。！？]["')\]]?\s/g, /[,;:、，；]\s?/g, /\s/g];

/**
 * Where the part starting at `start` should end so it holds at most `maxChars` characters: at the last
 * paragraph break in range, else line, sentence, clause or word break, else exactly at `maxChars`
 * (never inside a surrogate pair). Breaks in the first half are ignored, so parts stay reasonably full.
 */
export function findChunkEnd(text: string, start: number, maxChars: number): number {
  const limit = start + Math.max(1, maxChars);
  if (limit >= text.length) return text.length;
  const window = text.slice(start, limit);
  const minimum = Math.floor(window.length / 2);
  for (const re of BREAKS) {
    let best = -1;
    for (const m of window.matchAll(re)) if (m.index! + m[0].length > minimum) best = m.index! + m[0].length;
    if (best > 0) return start + best;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code < 0xdc00 ? limit - 1 : limit;
}

/** Split `text` into parts of at most `maxChars` characters each (used for notes in the combine step). */
export function splitByChars(text: string, maxChars: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    const end = findChunkEnd(text, start, maxChars);
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}
