import { pdfToAskSource, type PdfAskSource } from '../ask-source';
import { readPdfFromUrl, type ReadPdfDeps } from '../read-pdf';
import { loadPdfjs, readFileUrl } from './load-pdfjs';

/** Download and read a PDF in this extension page (side panel or popup) with the extension's own access. */
export const browserPdfDeps = (): ReadPdfDeps => ({
  fetch: (input, init) => fetch(input, init),
  readFileUrl,
  hasHostAccess: (pattern) => browser.permissions.contains({ origins: [pattern] }),
  releaseHostAccess: (pattern) => browser.permissions.remove({ origins: [pattern] }),
  loadPdfjs: () => loadPdfjs((path) => browser.runtime.getURL(path as '/')),
});

/**
 * For the ask chat: a tab showing a PDF (Chrome's viewer, where no content script runs) as a source, its passages
 * located by page. Rejects with the PDF errors (lib/pdf/errors.ts), whose messages are shown as they are.
 */
export async function readPdfTab(tab: { tabId: number; url: string; title?: string }, deps: ReadPdfDeps = browserPdfDeps(), signal?: AbortSignal): Promise<PdfAskSource> {
  const pdf = await readPdfFromUrl(tab.url, deps, () => {}, signal, tab.url);
  return pdfToAskSource(pdf, tab);
}
