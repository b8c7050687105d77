// A PDF page that hides words from its reader in each of the ways a PDF can (and shows words in the ways that look
// alike but are seen), for the PDF reader's visible-text filter (lib/pdf/glyph-ink.ts). Written with pdf-lib.
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, TextRenderingMode, popGraphicsState, pushGraphicsState, rgb, setTextRenderingMode } from 'pdf-lib';

/** Words a reader of the page sees, and words hidden from them, as the page draws them. */
export const HIDDEN_TEXT_WORDS = {
  seen: ['dahlia', 'garnet', 'banner', 'scanned', 'Outlined', 'Grey'],
  hidden: ['basil', 'amber', 'violet', 'clover', 'indigo', 'saffron'],
} as const;

/** A tiny grey PNG (RGB, 2×2), standing for a scanned page's picture. */
function greyPng(): Uint8Array {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 128, 128, 128, 128, 128, 128, 0, 128, 128, 128, 128, 128, 128]);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * One page: seen — plain text with "dahlia", a line that runs on into a white word ("garnet … amber" drawn as one
 * line), white text on a dark banner, invisible text over an image (an OCR layer), outlined (stroked) text, grey
 * text; hidden — white text on the paper, text in render mode 3, text off the page's box, text with no opacity,
 * text the colour of the box it sits on.
 */
export async function makeHiddenTextPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  const size = 11;
  const text = (s: string, x: number, y: number, more: Record<string, unknown> = {}) => page.drawText(s, { x, y, size, font, ...more });
  const white = rgb(1, 1, 1);

  text('The gardener planted a dahlia by the wall.', 72, 720);
  const lead = 'Later she added a garnet rose ';
  text(lead, 72, 700);
  text('amber instructions', 72 + font.widthOfTextAtSize(lead, size), 700, { color: white }); // the same line, in white
  text('Plain words about basil on the paper.', 72, 680, { color: white });
  page.drawRectangle({ x: 60, y: 620, width: 400, height: 40, color: rgb(0.1, 0.2, 0.5) });
  text('A banner heading in white.', 72, 636, { color: white });
  page.drawRectangle({ x: 60, y: 560, width: 400, height: 40, color: rgb(0.8, 0.8, 0.8) });
  text('Words about indigo in the box colour.', 72, 576, { color: rgb(0.8, 0.8, 0.8) });
  page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
  text('Invisible violet words.', 72, 540);
  page.pushOperators(popGraphicsState());
  text('Far away clover words.', 700, 520);
  text('Words about saffron nobody sees.', 72, 500, { opacity: 0 });
  const scan = await doc.embedPng(greyPng());
  page.drawImage(scan, { x: 60, y: 420, width: 400, height: 50 });
  page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
  text('The scanned page says hello.', 72, 440);
  page.pushOperators(popGraphicsState());
  page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Outline));
  text('Outlined words.', 72, 400);
  page.pushOperators(popGraphicsState());
  text('Grey words, light but seen.', 72, 380, { color: rgb(0.6, 0.6, 0.6) });
  return doc.save();
}
