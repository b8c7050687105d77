/**
 * Which numbered sources an answer cites. Small models write citations many ways: "[1]", "[1, 2]", "[1][3]",
 * "(2)", "[Source 1]", "【1】", "[1-3]"; or none at all. Numbers outside 1..count (a year in brackets, a list item
 * that is not a source) are ignored.
 */
const GROUP = /[[(【]\s*((?:sources?|passages?|refs?\.?)?\s*#?\d+(?:\s*(?:,|;|and|&|-|–)\s*(?:sources?\s*)?#?\d+)*)\s*[\])】]/gi;

export interface Citations {
  /** Cited source numbers, in order of first mention, each once. */
  cited: number[];
}

export function parseCitations(answer: string, count: number): Citations {
  const cited: number[] = [];
  const add = (n: number) => n >= 1 && n <= count && !cited.includes(n) && cited.push(n);
  for (const m of answer.matchAll(GROUP)) {
    const body = m[1]!.replace(/sources?|passages?|refs?\.?|#/gi, '');
    for (const part of body.split(/\s*(?:,|;|and|&)\s*/i)) {
      const range = part.match(/^(\d+)\s*[-–]\s*(\d+)$/);
      if (range) {
        const [a, b] = [Number(range[1]), Number(range[2])];
        if (b >= a && b - a < 20) for (let n = a; n <= b; n++) add(n);
      } else if (/^\d+$/.test(part.trim())) add(Number(part.trim()));
    }
  }
  return { cited };
}
