import { HearthError } from '../messaging/errors';
import { layoutPageText, type TextRun } from './layout-text';
import { pageInk, type OperatorList, type OpsTable } from './glyph-ink';
import { visibleRuns } from './visible-runs';
import { DamagedPdfError, EncryptedPdfError, NoTextLayerError, NotPdfError, PDF_LIMITS, PdfTooBigError, mb } from './errors';

export interface PdfPage {
  /** 1-based, as the PDF viewer numbers pages. */
  page: number;
  text: string;
}

/** A PDF's text, page by page. */
export interface PdfText {
  pages: PdfPage[];
  title?: string;
}

/** The part of pdf.js used here (its `getDocument`), so tests can hand in the Node build and pages the browser one. */
export interface PdfjsLike {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocumentLike>; destroy(): Promise<void> };
  /** pdf.js's drawing-operator numbers (for telling which text is seen: glyph-ink.ts). */
  OPS: OpsTable;
}
interface PdfDocumentLike {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }>; getOperatorList(): Promise<OperatorList>; cleanup(): unknown }>;
  getMetadata(): Promise<{ info?: unknown }>;
}

export interface ExtractOptions {
  maxBytes?: number;
  maxPages?: number;
  /** Called after each page, for "Reading page 3 of 40…". */
  onPage?(done: number, total: number): void;
  signal?: AbortSignal;
  /** Where pdf.js finds its character maps (packaged: CJK text in PDFs that do not embed their fonts needs them). */
  cMapUrl?: string;
  /** A pdf.js PDFWorker to reuse (pdf.js leaves a worker it was given running when the document closes). */
  worker?: unknown;
}

/** pdf.js names its failures (PasswordException, InvalidPDFException…); each becomes Hearth's own error. */
function explain(err: unknown): Error {
  const name = (err as { name?: string })?.name;
  if (name === 'PasswordException') {
    return new EncryptedPdfError('This PDF is protected by a password, so Hearth cannot read it. Open it, save an unprotected copy, and summarize that.');
  }
  if (name === 'InvalidPDFException') return new NotPdfError('This file is not a valid PDF (pdf.js could not find its structure).');
  if (err instanceof Error && err.name === 'AbortError') return err;
  return new DamagedPdfError(`Hearth could not read this PDF: ${(err as Error)?.message ?? String(err)}`);
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** A PDF starts with "%PDF-" (readers accept it within the first 1 KB, after junk some servers prepend). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  for (let i = 0; i <= end; i++) if (PDF_MAGIC.every((b, j) => bytes[i + j] === b)) return true;
  return false;
}

const isRun = (item: unknown): item is TextRun => typeof (item as TextRun)?.str === 'string' && Array.isArray((item as TextRun).transform);

/** Extract every page's text on the device, with pdf.js: no network, no eval, pages numbered as the viewer does. */
export async function extractPdf(bytes: Uint8Array, pdfjs: PdfjsLike, options: ExtractOptions = {}): Promise<PdfText> {
  const maxBytes = options.maxBytes ?? PDF_LIMITS.maxBytes;
  if (bytes.length > maxBytes) throw new PdfTooBigError(`This PDF is too big (${mb(bytes.length)}); Hearth reads PDFs up to ${mb(maxBytes)}.`);
  if (!looksLikePdf(bytes)) throw new NotPdfError('This is not a PDF file (it does not start with the PDF signature).');
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy so the caller's bytes stay usable.
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false,
    ...(options.cMapUrl ? { cMapUrl: options.cMapUrl, cMapPacked: true } : {}), ...(options.worker ? { worker: options.worker } : {}) });
  const onAbort = () => void task.destroy();
  options.signal?.addEventListener('abort', onAbort);
  try {
    const doc = await task.promise.catch((err) => Promise.reject(explain(err)));
    const total = doc.numPages;
    const maxPages = options.maxPages ?? PDF_LIMITS.maxPages;
    if (total > maxPages) throw new PdfTooBigError(`This PDF has ${total.toLocaleString('en-US')} pages; Hearth reads PDFs of up to ${maxPages.toLocaleString('en-US')} pages.`);
    const pages: PdfPage[] = [];
    for (let n = 1; n <= total; n++) {
      options.signal?.throwIfAborted();
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      // Text a reader cannot see (no ink, the paper's colour, transparent) is left out, as on web pages.
      const ink = pageInk(await page.getOperatorList(), pdfjs.OPS);
      pages.push({ page: n, text: layoutPageText(visibleRuns(content.items.filter(isRun), ink)) });
      page.cleanup();
      options.onPage?.(n, total);
    }
    if (!pages.some((p) => p.text.trim())) {
      throw new NoTextLayerError(
        `This PDF has no text layer (${total === 1 ? 'its page is' : `its ${total} pages are`} images, as in a scan), so Hearth cannot read it. Hearth does not recognize text in images; a PDF saved with OCR text will work.`,
      );
    }
    const meta = await doc.getMetadata().catch(() => ({ info: undefined }));
    const rawTitle = (meta.info as { Title?: unknown } | undefined)?.Title;
    const title = typeof rawTitle === 'string' ? rawTitle.replace(/\s+/g, ' ').trim() : '';
    return { pages, ...(title ? { title } : {}) };
  } catch (err) {
    throw err instanceof HearthError ? err : explain(err);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    void task.destroy();
  }
}
