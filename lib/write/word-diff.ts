/**
 * A word-level diff between the text the user wrote and the model's suggestion: what the panel shows (deleted words
 * struck through, inserted ones marked) and what Apply changes, hunk by hunk, so text that did not change keeps its
 * place (and, in a rich editor, its formatting).
 */

export type DiffOp = { op: 'same' | 'del' | 'ins'; text: string };

/** One change: original characters [from, to) become `text`. */
export interface Hunk {
  from: number;
  to: number;
  old: string;
  text: string;
}

// A line break is a token of its own (paragraphs line up); other whitespace runs are one token; a word keeps its
// inner apostrophes and hyphens; each CJK character is a word (those scripts put no spaces between words); any
// other character (punctuation, symbols) stands alone.
const TOKEN = /\r?\n|[^\S\r\n]+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|[^\s]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Above this many cells the middle is shown as one change rather than spending seconds on the table. */
const MAX_CELLS = 4_000_000;

/** Longest common subsequence of two token lists, as the ops that turn `a` into `b`. */
function lcsOps(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) return [...(n ? [{ op: 'del' as const, text: a.join('') }] : []), ...(m ? [{ op: 'ins' as const, text: b.join('') }] : [])];
  // table[i][j]: LCS length of a[i..] and b[j..], flattened.
  const w = m + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] = a[i] === b[j] ? table[(i + 1) * w + j + 1]! + 1 : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: 'same', text: a[i++]! }), j++;
    // Deletions before insertions, so a replaced word reads "old → new".
    else if (j >= m || (i < n && table[(i + 1) * w + j]! >= table[i * w + j + 1]!)) ops.push({ op: 'del', text: a[i++]! });
    else ops.push({ op: 'ins', text: b[j++]! });
  }
  return ops;
}

/** Adjacent ops of one kind as one; within a change, all deletions before all insertions. */
function merge(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'del', text: del });
    if (ins) out.push({ op: 'ins', text: ins });
    del = ins = '';
  };
  for (const o of ops) {
    if (o.op === 'del') del += o.text;
    else if (o.op === 'ins') ins += o.text;
    else {
      flush();
      const last = out.at(-1);
      if (last?.op === 'same') last.text += o.text;
      else out.push({ ...o });
    }
  }
  flush();
  return out;
}

/**
 * The word diff from `before` to `after`. A lone space between two changes joins them into one, so "the cat" →
 * "a dog" reads as one change, not two with a space between.
 */
export function diffWords(before: string, after: string): DiffOp[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = lcsOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const ops = [...a.slice(0, head).map((text) => ({ op: 'same' as const, text })), ...middle, ...a.slice(a.length - tail).map((text) => ({ op: 'same' as const, text }))];
  return merge(joinAcrossSpaces(merge(ops)));
}

/** A same-op that is only spaces (no line break) between two changes becomes part of both sides of the change. */
function joinAcrossSpaces(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (let k = 0; k < ops.length; k++) {
    const o = ops[k]!;
    const changedBefore = k > 0 && ops[k - 1]!.op !== 'same';
    const changedAfter = k + 1 < ops.length && ops[k + 1]!.op !== 'same';
    if (o.op === 'same' && changedBefore && changedAfter && /^[^\S\r\n]+$/.test(o.text)) {
      out.push({ op: 'del', text: o.text }, { op: 'ins', text: o.text });
    } else out.push(o);
  }
  return out;
}

/** The changes as character ranges of `before` and their new text (what Apply replaces). */
export function hunksOf(ops: DiffOp[]): Hunk[] {
  const hunks: Hunk[] = [];
  let at = 0;
  let open: Hunk | null = null;
  for (const o of ops) {
    if (o.op === 'same') {
      open = null;
      at += o.text.length;
      continue;
    }
    if (!open) hunks.push((open = { from: at, to: at, old: '', text: '' }));
    if (o.op === 'del') {
      open.old += o.text;
      at += o.text.length;
      open.to = at;
    } else open.text += o.text;
  }
  return hunks;
}

/** The text `ops` describe after the change (a check: it must equal the suggestion). */
export const afterText = (ops: DiffOp[]) => ops.filter((o) => o.op !== 'del').map((o) => o.text).join('');
export const beforeText = (ops: DiffOp[]) => ops.filter((o) => o.op !== 'ins').map((o) => o.text).join('');
