import type { AskSource, Passage } from './source';

export interface SplitOptions {
  /** A passage grows sentence by sentence until it reaches about this many characters. */
  targetChars?: number;
  /** Hard cap: only a single sentence longer than this is cut (at a word boundary). */
  maxChars?: number;
}

interface Span {
  start: number;
  end: number;
  /** A paragraph break comes before this span. */
  paragraph: boolean;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentence spans of a text, trimmed, each marked when a line break (a new block) precedes it. */
function sentences(text: string): Span[] {
  const out: Span[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    // The segmenter keeps a paragraph's lines together when no full stop ends them: headings, list items.
    let offset = index;
    for (const line of segment.split(/(\n+)/)) {
      const lead = line.length - line.trimStart().length;
      const body = line.trim();
      if (body) {
        const from = out.at(-1)?.end ?? 0;
        out.push({ start: offset + lead, end: offset + lead + body.length, paragraph: /\n/.test(text.slice(from, offset + lead)) });
      }
      offset += line.length;
    }
  }
  return out;
}

/** A sentence longer than `max` cut at word boundaries (the one case where a sentence is not kept whole). */
function cut(text: string, s: Span, max: number): Span[] {
  const parts: Span[] = [];
  let start = s.start;
  while (s.end - start > max) {
    const window = text.slice(start, start + max);
    const space = window.lastIndexOf(' ');
    const end = start + (space > max / 2 ? space : max);
    parts.push({ start, end, paragraph: parts.length === 0 && s.paragraph });
    start = end;
    while (text[start] === ' ') start++;
  }
  parts.push({ start, end: s.end, paragraph: parts.length === 0 && s.paragraph });
  return parts;
}

/**
 * A source's text as passages of whole sentences (about `targetChars` each), never across a section (a PDF page):
 * each passage keeps its section's page and its character range there, so it can be found again in the tab.
 * A new paragraph starts a new passage once the current one is at least half full, so passages follow the text.
 */
export function splitPassages(source: AskSource, { targetChars = 500, maxChars = 1000 }: SplitOptions = {}): Passage[] {
  const out: Passage[] = [];
  source.sections.forEach((section, si) => {
    const { text } = section;
    let open: { start: number; end: number } | null = null;
    const close = () => {
      if (!open) return;
      out.push({
        id: `${source.tabId}:${si}:${out.length}`,
        tabId: source.tabId,
        url: source.url,
        title: source.title,
        ...(section.page !== undefined ? { page: section.page } : {}),
        ...(source.session ? { session: source.session } : {}),
        start: open.start,
        end: open.end,
        text: text.slice(open.start, open.end),
      });
      open = null;
    };
    for (const sentence of sentences(text)) {
      for (const span of cut(text, sentence, maxChars)) {
        const size: number = open ? span.end - open.start : 0;
        if (open && (size > targetChars || (span.paragraph && open.end - open.start >= targetChars / 2))) close();
        if (open) open.end = span.end;
        else open = { start: span.start, end: span.end };
      }
    }
    close();
  });
  return out;
}
