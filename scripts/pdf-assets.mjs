// Build step: pdf.js's character maps ship inside the package (pdfjs-dist/cmaps, 1.7 MB), so CJK text in PDFs that
// do not embed their fonts reads correctly, with nothing fetched from a CDN. The pdf.js worker itself is bundled by
// Vite (lib/pdf/view/load-pdfjs.ts imports it with `?url`).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** @returns {{ absoluteSrc: string, relativeDest: string }[]} files to add to the package, under pdfjs/cmaps/ */
export function pdfAssets() {
  const dir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bcmap') || f === 'LICENSE')
    .map((f) => ({ absoluteSrc: join(dir, f), relativeDest: `pdfjs/cmaps/${f}` }));
}
