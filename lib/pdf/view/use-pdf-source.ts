import { useMemo, useState } from 'preact/hooks';
import type { SidePanelSummaryRequest } from '../../messaging/protocol';
import { countWords } from '../../page-text/count-words';
import { pdfSummaryText } from '../passages';
import { originPattern } from '../fetch-pdf';
import type { ReadPdfDeps } from '../read-pdf';
import { browserPdfDeps } from './read-pdf-tab';
import { usePdfText, type PdfState } from './use-pdf-text';

export interface PdfSource {
  state: PdfState;
  /** The text to summarize (pages headed "[Page N]"), once read. */
  text: string | null;
  title?: string;
  pages?: number;
  /** Words on the pages themselves (the page headings not counted). */
  words?: number;
  /** Ask Chrome for access to `origin` (a click in the panel is the user gesture it needs), then read again. */
  allow(origin: string): void;
  retry(): void;
}

/** The side panel's PDF, when the request names one: read on this device with pdf.js. */
export function usePdfSource(request: SidePanelSummaryRequest | null, deps: ReadPdfDeps = browserPdfDeps()): PdfSource {
  const [attempt, setAttempt] = useState(0);
  const stable = useMemo(() => deps, []);
  // No page means no page's grant: the policy then wants a site permission (lib/pdf/fetch-policy.ts).
  const state = usePdfText(request?.pdfUrl, request?.pageUrl ?? '', `${request?.at}:${attempt}`, stable);
  const retry = () => setAttempt((a) => a + 1);
  const allow = (origin: string) => {
    void browser.permissions.request({ origins: [originPattern(origin)] }).then((granted) => granted && retry(), () => {});
  };
  return useMemo(() => {
    if (state.status !== 'ready') return { state, text: null, allow, retry };
    const { pdf } = state;
    const words = pdf.pages.reduce((n, p) => n + countWords(p.text), 0);
    return { state, text: pdfSummaryText(pdf), title: pdf.title, pages: pdf.pages.length, words, allow, retry };
  }, [state]);
}
