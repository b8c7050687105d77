import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractPdf, type PdfjsLike } from './extract-pdf';
import { makeHiddenTextPdf, HIDDEN_TEXT_WORDS } from '../../testkit/pdf/make-hidden-text-pdf';
import { makeLongPdf } from '../../testkit/pdf/make-pdf';

const lib = pdfjs as unknown as PdfjsLike;

describe('the PDF reader reads what a reader of the page sees', () => {
  it('leaves out white, no-ink (mode 3), transparent, off-page and box-coloured text; keeps banners, OCR layers, outlines and grey', async () => {
    const text = (await extractPdf(await makeHiddenTextPdf(), lib)).pages[0]!.text;
    for (const word of HIDDEN_TEXT_WORDS.hidden) expect(text, word).not.toContain(word);
    for (const word of HIDDEN_TEXT_WORDS.seen) expect(text, word).toContain(word);
    // The line that runs on into white words keeps its seen part whole.
    expect(text).toContain('Later she added a garnet rose');
    expect(text).not.toContain('instructions');
  });

  it('changes nothing on pages that hide nothing', async () => {
    const pdf = await extractPdf(await makeLongPdf(2, { 2: 'dahlia' }), lib);
    expect(pdf.pages[1]!.text).toMatch(/^Section 2\n\ndahlia The committee reviewed/);
  });
});
