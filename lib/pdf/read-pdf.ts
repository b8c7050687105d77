import { extractPdf, type ExtractOptions, type PdfText, type PdfjsLike } from './extract-pdf';
import { fetchPdfBytes, originPattern, type FetchPdfDeps } from './fetch-pdf';

export interface ReadPdfDeps extends Omit<FetchPdfDeps, 'signal' | 'pageUrl'> {
  loadPdfjs(): Promise<{ pdfjs: PdfjsLike; cMapUrl?: string; worker?: unknown }>;
  /** Give back the site permission the user granted for a link on another site (permissions.remove). */
  releaseHostAccess?(pattern: string): Promise<unknown>;
}

export type ReadPdfProgress = { stage: 'downloading' } | { stage: 'reading'; done: number; total: number };

const sameOrigin = (a: string, b: string) => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

/**
 * A PDF at a URL → its text by page: download into this page, then pdf.js (started while the bytes arrive).
 * `pageUrl` is the tab the user asked from (a PDF tab's own address; a link's page): fetch-policy.ts checks the
 * address against it. A site permission asked for a link on another site is given back once the bytes are in (or
 * the download failed): Hearth keeps no access to a site beyond the read the user asked for.
 */
export async function readPdfFromUrl(url: string, deps: ReadPdfDeps, onProgress: (p: ReadPdfProgress) => void, signal?: AbortSignal, pageUrl = ''): Promise<PdfText> {
  onProgress({ stage: 'downloading' });
  const download = fetchPdfBytes(url, { ...deps, signal, pageUrl }).finally(() => {
    if (!url.startsWith('file:') && !sameOrigin(url, pageUrl)) return deps.releaseHostAccess?.(originPattern(url)).catch(() => {});
  });
  const [bytes, lib] = await Promise.all([download, deps.loadPdfjs()]);
  onProgress({ stage: 'reading', done: 0, total: 0 });
  const options: ExtractOptions = { signal, cMapUrl: lib.cMapUrl, worker: lib.worker, onPage: (done, total) => onProgress({ stage: 'reading', done, total }) };
  return extractPdf(bytes, lib.pdfjs, options);
}
