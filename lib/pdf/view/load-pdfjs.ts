import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfjsLike } from '../extract-pdf';

/**
 * pdf.js for an extension page, from the package only: the library is a lazily loaded chunk (only a PDF pays for
 * it), its worker is a packaged file started from the extension's own URL (Vite emits it; no CDN, no blob), and
 * its character maps are packaged too (scripts/pdf-assets.mjs).
 */
export async function loadPdfjs(getURL: (path: string) => string): Promise<{ pdfjs: PdfjsLike; cMapUrl: string }> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = getURL(workerUrl);
  return { pdfjs: pdfjs as unknown as PdfjsLike, cMapUrl: getURL('/pdfjs/cmaps/') };
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
