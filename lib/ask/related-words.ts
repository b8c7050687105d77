/**
 * Words related to a question's words, so a question worded differently from the page ("spouse abuse" for
 * "domestic violence", "web" for "internet", "sell abroad" for "exports") still finds the passage. The table
 * (related-words.txt) is derived from WordNet and GloVe word vectors by scripts/build-related-words.py, which says how.
 */
/** The table is 4.4 MB: a chunk of its own, fetched when Ask is used (loadRelatedWords), never with the popup. */
let TABLE: string | null = null;

/** Load the table (once). Until it is loaded, questions are ranked by their own words only. */
export async function loadRelatedWords(): Promise<void> {
  TABLE ??= (await import('./related-words.txt?raw')).default;
}

const WORDNET_WEIGHT = 0.7;

/** word (or "two_words") → the rest of its line, parsed only when a question uses the word; '#' lines are the notice. */
let lines: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (!TABLE) return new Map();
  if (!lines) {
    lines = new Map();
    for (const line of TABLE.split('\n')) {
      const space = line.indexOf(' ');
      if (space > 0 && !line.startsWith('#')) lines.set(line.slice(0, space), line.slice(space + 1));
    }
  }
  return lines;
}

/**
 * The words related to any of `words` (lower-case, in question order) or to two of them in a row, each with a
 * weight from 0 to 1 (how close it is: a WordNet synonym 0.7, a vector neighbour its cosine).
 */
export function relatedWords(words: string[]): Map<string, number> {
  const out = new Map<string, number>();
  // A pair is looked up as written and with a plural's "s" dropped ("power stations" → "power_station").
  const pairs = words.slice(1).flatMap((w, i) => [`${words[i]}_${w}`, ...(w.endsWith('s') ? [`${words[i]}_${w.slice(0, -1)}`] : [])]);
  const keys = [...words, ...pairs];
  for (const key of keys) {
    const line = table().get(key);
    if (!line) continue;
    for (const entry of line.split(' ')) {
      // "word:81" is a vector neighbour with its cosine in hundredths; a bare word is a WordNet synonym.
      const colon = entry.indexOf(':');
      const word = colon < 0 ? entry : entry.slice(0, colon);
      const weight = colon < 0 ? WORDNET_WEIGHT : Number(entry.slice(colon + 1)) / 100;
      if (weight > (out.get(word) ?? 0)) out.set(word, weight);
    }
  }
  return out;
}
