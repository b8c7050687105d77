import { extractPdf, type ExtractOptions, type PdfText, type PdfjsLike } from './extract-pdf';
import { fetchPdfBytes, type FetchPdfDeps } from './fetch-pdf';

export interface ReadPdfDeps extends Omit<FetchPdfDeps, 'signal'> {
  loadPdfjs(): Promise<{ pdfjs: PdfjsLike; cMapUrl?: string; worker?: unknown }>;
}

export type ReadPdfProgress = { stage: 'downloading' } | { stage: 'reading'; done: number; total: number };

/** A PDF at a URL → its text by page: download into this page, then pdf.js (started while the bytes arrive). */
export async function readPdfFromUrl(url: string, deps: ReadPdfDeps, onProgress: (p: ReadPdfProgress) => void, signal?: AbortSignal): Promise<PdfText> {
  onProgress({ stage: 'downloading' });
  const [bytes, lib] = await Promise.all([fetchPdfBytes(url, { ...deps, signal }), deps.loadPdfjs()]);
  onProgress({ stage: 'reading', done: 0, total: 0 });
  const options: ExtractOptions = { signal, cMapUrl: lib.cMapUrl, worker: lib.worker, onPage: (done, total) => onProgress({ stage: 'reading', done, total }) };
  return extractPdf(bytes, lib.pdfjs, options);
}
