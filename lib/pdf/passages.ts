import type { PdfText } from './extract-pdf';

/** A piece of a document with where it is, for search and citations ("p. 4"). The ask chat's passage shape. */
export interface PdfPassage {
  text: string;
  /** 1-based page number. */
  page: number;
  /** Index of the passage within its page, so two passages of one page stay apart and in order. */
  index: number;
}

/**
 * Pages → passages of about `targetChars` characters: paragraphs of one page are packed together, a long
 * paragraph is cut at sentence ends, and no passage spans two pages, so every passage has one page to cite.
 */
export function pdfPassages(pdf: PdfText, targetChars = 800): PdfPassage[] {
  const out: PdfPassage[] = [];
  for (const { page, text } of pdf.pages) {
    let index = 0;
    let buf = '';
    const flush = () => {
      if (buf.trim()) out.push({ text: buf.trim(), page, index: index++ });
      buf = '';
    };
    for (const para of text.split(/\n{2,}/)) {
      for (const piece of splitLong(para.trim(), targetChars)) {
        if (buf && buf.length + piece.length + 2 > targetChars) flush();
        buf = buf ? `${buf}\n\n${piece}` : piece;
      }
    }
    flush();
  }
  return out;
}

/** Cut a paragraph longer than `max` at sentence ends (or, failing that, spaces). */
function splitLong(para: string, max: number): string[] {
  if (para.length <= max) return para ? [para] : [];
  const sentences = para.match(/[^.!?。！？]+(?:[.!?。！？]+["'”’)]*\s*|$)/gu) ?? [para];
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    if (cur && cur.length + s.length > max) {
      out.push(cur.trim());
      cur = '';
    }
    cur += s;
    while (cur.length > max * 1.5) {
      const cut = cur.lastIndexOf(' ', max) > max / 2 ? cur.lastIndexOf(' ', max) : max;
      out.push(cur.slice(0, cut).trim());
      cur = cur.slice(cut);
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** How a passage is cited in an answer: "p. 4". */
export const citePage = (page: number) => `p. ${page}`;

/** The text the summary reads: each page headed by its number, so notes on a part can say which pages they cover. */
export function pdfSummaryText(pdf: PdfText): string {
  return pdf.pages.filter((p) => p.text.trim()).map((p) => `[Page ${p.page}]\n${p.text}`).join('\n\n');
}
