/**
 * Why a proofreading change was made, in a few words, for the hover text on each change ("agreement: 'were' →
 * 'was'"). Told from the change itself, not asked of the model: small models do not explain reliably, and a wrong
 * reason is worse than a plain one.
 */

// Pairs whose swap is a subject–verb agreement fix (either way round).
const AGREEMENT = [['was', 'were'], ['is', 'are'], ['has', 'have'], ['does', 'do'], ["doesn't", "don't"], ["isn't", "aren't"], ["wasn't", "weren't"]];
const ARTICLES = new Set(['a', 'an', 'the']);
// Words easily swapped for one another by ear.
const CONFUSED = [['their', 'there', "they're"], ['its', "it's"], ['your', "you're"], ['then', 'than'], ['affect', 'effect'], ['to', 'too', 'two'], ['lose', 'loose'], ['whose', "who's"]];

const quote = (s: string) => `'${s.replace(/\s+/g, ' ').trim()}'`;
const lettersOf = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
const sameSet = (sets: string[][], a: string, b: string) => sets.some((set) => set.includes(a) && set.includes(b));

/** Edit distance with swapped neighbours as one edit ("recieve"), for telling a misspelling from another word. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The kind of change from `before` to `after` (either may be empty: a word added or removed). */
export function changeKind(before: string, after: string): string {
  const a = before.trim();
  const b = after.trim();
  if (!a && !b) return 'spacing';
  if (a === b) return 'spacing';
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (!a) return ARTICLES.has(lb) ? 'missing article' : lettersOf(b) ? 'missing word' : 'punctuation';
  if (!b) return lettersOf(a) ? 'unneeded word' : 'punctuation';
  if (la === lb) return 'capitalization';
  if (lettersOf(la) === lettersOf(lb)) return 'punctuation';
  if (sameSet(AGREEMENT, la, lb)) return 'agreement';
  if (ARTICLES.has(la) && ARTICLES.has(lb)) return 'article';
  if (sameSet(CONFUSED, la, lb)) return 'word confusion';
  const single = !/\s/.test(a) && !/\s/.test(b);
  if (single && la.length > 2 && editDistance(la, lb) <= Math.max(1, Math.floor(Math.max(la.length, lb.length) / 4))) return 'spelling';
  return 'wording';
}

/** "agreement: 'were' → 'was'", "missing word: 'to'", "unneeded word: 'very'". */
export function explainChange(before: string, after: string): string {
  const kind = changeKind(before, after);
  if (!before.trim()) return `${kind}: added ${quote(after)}`;
  if (!after.trim()) return `${kind}: removed ${quote(before)}`;
  return `${kind}: ${quote(before)} → ${quote(after)}`;
}
