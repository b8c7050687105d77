import type { TextRun } from './layout-text';
import type { PageInk } from './glyph-ink';

const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * The text runs (pdf.js text content) without the characters a reader cannot see (`ink`, from the same page's
 * drawing instructions). Both list the page's glyphs in drawing order, so each run is found in the glyph sequence
 * after the previous one; a run merged from seen and unseen glyphs keeps only the seen ones. A run that cannot be
 * found there (a reordered right-to-left run is tried reversed) is dropped when the page hides anything at all:
 * what cannot be placed is not read.
 */
export function visibleRuns(runs: TextRun[], ink: PageInk): TextRun[] {
  if (!ink.seen.includes(false)) return runs;
  const out: TextRun[] = [];
  let cursor = 0;
  for (const run of runs) {
    const want = squeeze(run.str);
    if (!want) {
      out.push(run);
      continue;
    }
    let at = ink.chars.indexOf(want, cursor);
    let reversed = false;
    if (at < 0) {
      at = ink.chars.indexOf([...want].reverse().join(''), cursor);
      reversed = at >= 0;
    }
    if (at < 0) continue;
    cursor = at + want.length;
    const seen = ink.seen.slice(at, cursor);
    if (reversed) seen.reverse();
    if (seen.every(Boolean)) out.push(run);
    else if (seen.some(Boolean)) out.push({ ...run, str: keepSeen(run.str.normalize('NFKC'), seen) });
  }
  return out;
}

/** `str` with its unseen characters taken out (spaces stay between what is kept). */
function keepSeen(str: string, seen: boolean[]): string {
  let k = 0;
  let kept = '';
  for (const ch of str) {
    if (/\s/.test(ch)) kept += ch;
    else for (let u = 0; u < ch.length; u++) if (seen[k++]) kept += ch[u];
  }
  return kept.replace(/\s+/g, ' ').trim();
}
