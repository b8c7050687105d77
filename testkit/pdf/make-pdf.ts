// Real PDFs for tests, written with pdf-lib (a maintained PDF writer): pages of wrapped paragraphs, a password-
// protected one, and one with no text at all (what a scan looks like to a text extractor).
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFNumber, StandardFonts, PDFArray } from 'pdf-lib';

/** A page is paragraphs; a paragraph is lines, drawn as given (so a test chooses where words break). */
export type PageSpec = { heading?: string; paragraphs: string[][] };

export async function makePdf(pages: PageSpec[], opts: { title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  if (opts.title) doc.setTitle(opts.title);
  for (const spec of pages) {
    const page = doc.addPage([612, 792]);
    let y = 740;
    if (spec.heading) {
      page.drawText(spec.heading, { x: 72, y, size: 18, font: bold });
      y -= 36;
    }
    for (const para of spec.paragraphs) {
      for (const line of para) {
        page.drawText(line, { x: 72, y, size: 11, font });
        y -= 14;
      }
      y -= 14;
    }
  }
  return doc.save();
}

/** `n` pages of ordinary prose (about 300 words each, lines broken between words), `marks[i]` written into page i + 1. */
export async function makeLongPdf(n: number, marks: Record<number, string> = {}, title?: string): Promise<Uint8Array> {
  const sentence = 'The committee reviewed the annual figures and agreed that the river survey should continue next year.';
  const lines = (words: string[]) => Array.from({ length: Math.ceil(words.length / 12) }, (_, i) => words.slice(i * 12, i * 12 + 12).join(' '));
  return makePdf(
    Array.from({ length: n }, (_, i) => ({
      heading: `Section ${i + 1}`,
      paragraphs: Array.from({ length: 4 }, (_, p) => {
        const text = `${p === 0 && marks[i + 1] ? `${marks[i + 1]} ` : ''}${sentence} ${sentence} Page ${i + 1}, paragraph ${p + 1}. ${sentence}`;
        return lines(text.split(' '));
      }),
    })),
    { title },
  );
}

/** A page with only a drawn shape: no text layer, as a scanned page without OCR. */
export async function makeImageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]).drawRectangle({ x: 72, y: 400, width: 300, height: 200 });
  return doc.save();
}

// PDF Standard security handler, revision 2 (PDF 1.7 spec, algorithms 2, 3 and 4), enough for a reader to ask
// for the password. Page content stays unencrypted: a reader without the password never gets that far.
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const padded = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

/** A PDF that needs the user password `password` to open. */
export async function makePasswordPdf(password = 'secret'): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await makePdf([{ paragraphs: [['Confidential minutes.']] }]));
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const P = -44;
  const O = rc4(md5(padded('owner')).subarray(0, 5), padded(password));
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(P);
  const key = md5(padded(password), O, pBytes, id).subarray(0, 5);
  const U = rc4(key, PAD);
  const ctx = doc.context;
  const encrypt = ctx.obj({ Filter: 'Standard', V: 1, R: 2, P: PDFNumber.of(P), O: PDFHexString.of(O.toString('hex')), U: PDFHexString.of(U.toString('hex')) });
  ctx.trailerInfo.Encrypt = ctx.register(encrypt);
  const ids = PDFArray.withContext(ctx);
  ids.push(PDFHexString.of(id.toString('hex')));
  ids.push(PDFHexString.of(id.toString('hex')));
  ctx.trailerInfo.ID = ids;
  return doc.save({ useObjectStreams: false });
}
