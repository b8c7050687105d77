import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractPdf, type PdfjsLike } from './extract-pdf';
import { EncryptedPdfError, NoTextLayerError, NotPdfError, PdfTooBigError } from './errors';
import { makeImageOnlyPdf, makeLongPdf, makePasswordPdf, makePdf } from '../../testkit/pdf/make-pdf';

const lib = pdfjs as unknown as PdfjsLike;

describe('extractPdf (pdf.js on PDFs written by pdf-lib)', () => {
  it('keeps pages apart and numbered, mends hyphenated line ends and keeps paragraphs', async () => {
    const bytes = await makePdf(
      [
        { heading: 'River survey', paragraphs: [['The survey counted otters along the', 'northern bank and found more infor-', 'mation than expected.'], ['A second paragraph starts here.']] },
        { paragraphs: [['Page two is about a well-', 'Known bridge.']] },
        { paragraphs: [['Third page text.']] },
      ],
      { title: 'Annual  report' },
    );
    const pdf = await extractPdf(bytes, lib);
    expect(pdf.title).toBe('Annual report');
    expect(pdf.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pdf.pages[0]!.text).toBe(
      'River survey\n\nThe survey counted otters along the northern bank and found more information than expected.\n\nA second paragraph starts here.',
    );
    expect(pdf.pages[1]!.text).toBe('Page two is about a well- Known bridge.');
    expect(pdf.pages[2]!.text).toBe('Third page text.');
  });

  it('reads a 10-page document in order, each mark on its own page', async () => {
    const pdf = await extractPdf(await makeLongPdf(10, { 4: 'dahlia' }), lib);
    expect(pdf.pages).toHaveLength(10);
    expect(pdf.pages.filter((p) => p.text.includes('dahlia')).map((p) => p.page)).toEqual([4]);
    expect(pdf.pages[6]!.text).toMatch(/^Section 7\n\n/);
    expect(pdf.pages[6]!.text).toContain('Page 7, paragraph 4.');
  });

  it('reports progress page by page', async () => {
    const seen: string[] = [];
    await extractPdf(await makeLongPdf(3), lib, { onPage: (d, t) => seen.push(`${d}/${t}`) });
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
  });

  it('refuses a password-protected PDF with its own error', async () => {
    await expect(extractPdf(await makePasswordPdf(), lib)).rejects.toThrow(EncryptedPdfError);
    await expect(extractPdf(await makePasswordPdf(), lib)).rejects.toThrow(/protected by a password/);
  });

  it('says a PDF without a text layer cannot be read (a scan)', async () => {
    await expect(extractPdf(await makeImageOnlyPdf(), lib)).rejects.toThrow(NoTextLayerError);
    await expect(extractPdf(await makeImageOnlyPdf(), lib)).rejects.toThrow(/no text layer/);
  });

  it('refuses what is not a PDF, and what is too big', async () => {
    await expect(extractPdf(new TextEncoder().encode('<!doctype html><p>hi'), lib)).rejects.toThrow(NotPdfError);
    await expect(extractPdf(new TextEncoder().encode('%PDF-1.7\nthis is no pdf at all'), lib)).rejects.toThrow(/not a valid PDF|could not read/);
    const bytes = await makeLongPdf(2);
    await expect(extractPdf(bytes, lib, { maxBytes: 100 })).rejects.toThrow(PdfTooBigError);
    await expect(extractPdf(bytes, lib, { maxPages: 1 })).rejects.toThrow(/2 pages/);
  });

  it('leaves the caller’s bytes usable (pdf.js detaches what it is given)', async () => {
    const bytes = await makePdf([{ paragraphs: [['Once.']] }]);
    await extractPdf(bytes, lib);
    expect((await extractPdf(bytes, lib)).pages[0]!.text).toBe('Once.');
  });
});
