/**
 * What "Ask about this page" reads and cites. A source is one open tab's readable text (or its selection); its text
 * comes in sections, one per page for a PDF (lib/pdf/ gives text per page) and one for a web page, so a passage's
 * location is always {tab, url, title, page?, character range in that section}.
 */
import { countWords } from '../page-text/count-words';

export type { CitedPassage, Passage, PassageLocation } from '../chat/passage';

export type SourceKind = 'page' | 'selection' | 'pdf';

export interface SourceSection {
  text: string;
  /** 1-based page number (PDFs); absent for a web page's single section. */
  page?: number;
}

export interface AskSource {
  tabId: number;
  url: string;
  title: string;
  kind: SourceKind;
  sections: SourceSection[];
  words: number;
  /** The browser session it was read in (lib/ask/browser-session.ts); its passages carry it. */
  session?: string;
}

/**
 * A web page's text as a source. A page's summary (lib/summarize/prompt.ts) and the chat's follow-up on it make theirs
 * here from the same text and title, so both split into the same passages (ids and address aside, which the model never
 * reads).
 */
export function pageSource(text: string, title: string, tabId = 0, url = ''): AskSource {
  return { tabId, url, title, kind: 'page', sections: [{ text }], words: countWords(text) };
}

/** "This page · 1,240 words" / "Selection · 80 words" / "PDF · 12 pages · 5,300 words" ("Report (PDF) · …" for another tab). */
export function describeSource(s: Pick<AskSource, 'kind' | 'words' | 'sections' | 'title'>, current: boolean): string {
  const words = `${s.words.toLocaleString('en-US')} word${s.words === 1 ? '' : 's'}`;
  const name = s.kind === 'selection' ? 'Selection' : current ? 'This page' : s.title || 'Untitled tab';
  if (s.kind !== 'pdf') return `${name} · ${words}`;
  const pages = `${s.sections.length} page${s.sections.length === 1 ? '' : 's'}`;
  return `${current ? 'PDF' : `${s.title || 'Untitled'} (PDF)`} · ${pages} · ${words}`;
}
