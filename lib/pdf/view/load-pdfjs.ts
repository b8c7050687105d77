import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfjsLike } from '../extract-pdf';

export interface LoadedPdfjs {
  pdfjs: PdfjsLike;
  cMapUrl: string;
  worker: unknown;
}
let loaded: Promise<LoadedPdfjs> | null = null;

/**
 * pdf.js for an extension page, from the package only: the library is a lazily loaded chunk (only a PDF pays for
 * it), its worker is a packaged file started from the extension's own URL (Vite emits it; no CDN, no blob), and
 * its character maps are packaged too (scripts/pdf-assets.mjs).
 */
export function loadPdfjs(getURL: (path: string) => string): Promise<LoadedPdfjs> {
  loaded ??= (async () => {
    const pdfjs = await import('pdfjs-dist');
    pdfjs.GlobalWorkerOptions.workerSrc = getURL(workerUrl);
    // One worker for the page's life, started now (while the PDF downloads): starting it is most of a short
    // PDF's reading time (about 1 s of the first page's 1.2–2 s in pdf.test.ts), and a second PDF skips it.
    const worker = new pdfjs.PDFWorker();
    return { pdfjs: pdfjs as unknown as PdfjsLike, cMapUrl: getURL('/pdfjs/cmaps/'), worker };
  })();
  loaded.catch(() => (loaded = null));
  return loaded;
}

/**
 * Chrome's fetch refuses file:// URLs; XHR from an extension page reads them when the user turned on
 * "Allow access to file URLs" for Hearth (and fails otherwise).
 */
export function readFileUrl(url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.responseType = 'arraybuffer';
    xhr.onload = () => (xhr.response ? resolve(new Uint8Array(xhr.response as ArrayBuffer)) : reject(new Error('empty')));
    xhr.onerror = () => reject(new Error('refused'));
    xhr.send();
  });
}
