import { countWords } from '../page-text/count-words';
import type { PdfText } from './extract-pdf';

/**
 * A PDF as an "Ask about this page" source (the shape of AskSource in lib/ask/source.ts, written out here so this
 * file needs nothing from there): one section per page that has text, each with its 1-based page number, so every
 * passage the ask chat splits from it carries `page` and cites as "p. 4".
 */
export interface PdfAskSource {
  tabId: number;
  url: string;
  title: string;
  kind: 'pdf';
  sections: { text: string; page: number }[];
  words: number;
}

export function pdfToAskSource(pdf: PdfText, tab: { tabId: number; url: string; title?: string }): PdfAskSource {
  const sections = pdf.pages.filter((p) => p.text.trim()).map((p) => ({ text: p.text, page: p.page }));
  return {
    tabId: tab.tabId,
    url: tab.url,
    title: pdf.title ?? tab.title ?? fileName(tab.url),
    kind: 'pdf',
    sections,
    words: sections.reduce((n, s) => n + countWords(s.text), 0),
  };
}

/** Where a citation of page `page` leads: Chrome's PDF viewer opens a "#page=N" address at that page. */
export function pdfPageUrl(url: string, page: number): string {
  return `${url.replace(/#.*$/, '')}#page=${page}`;
}

const fileName = (url: string) => decodeURIComponent(url.replace(/[?#].*$/, '').split('/').pop() || url);
