import { NotPdfError, PDF_LIMITS, PdfAccessError, PdfTooBigError, mb } from './errors';
import { looksLikePdf } from './extract-pdf';
import { pdfFetchInit, type PdfFetchContext } from './fetch-policy';

export interface FetchPdfDeps extends Partial<PdfFetchContext> {
  fetch: typeof fetch;
  /** file:// URLs: Chrome's fetch refuses the scheme, so local files are read another way (XHR, see view/). */
  readFileUrl?(url: string): Promise<Uint8Array>;
  maxBytes?: number;
  signal?: AbortSignal;
}

export { originPattern } from './fetch-policy';

const FILE_ACCESS = 'Hearth cannot read files on this computer yet: in chrome://extensions, open Hearth’s Details and turn on “Allow access to file URLs”, then try again.';

/**
 * Download a PDF's bytes into the extension page. Hearth can read a site's files only where Chrome granted it
 * access: the tab's site after a click on Hearth's menu or shortcut (activeTab), or a site the user allowed
 * (optional host permissions). A refused request looks like a network failure, so both get one message that says so.
 * The address may come from a web page (a link), so fetch-policy.ts decides first whether and how to fetch it.
 */
export async function fetchPdfBytes(url: string, deps: FetchPdfDeps): Promise<Uint8Array> {
  const maxBytes = deps.maxBytes ?? PDF_LIMITS.maxBytes;
  const u = new URL(url);
  const init = await pdfFetchInit(u, { pageUrl: deps.pageUrl ?? '', hasHostAccess: deps.hasHostAccess });
  if (u.protocol === 'file:') {
    if (!deps.readFileUrl) throw new PdfAccessError(FILE_ACCESS);
    const bytes = await deps.readFileUrl(url).catch(() => Promise.reject(new PdfAccessError(FILE_ACCESS)));
    if (bytes.length > maxBytes) throw new PdfTooBigError(`This PDF is too big (${mb(bytes.length)}); Hearth reads PDFs up to ${mb(maxBytes)}.`);
    return bytes;
  }
  let res: Response;
  try {
    // On the tab's own site the user's cookies go along (a PDF behind a login gives the bytes the user sees).
    res = await deps.fetch(url, { ...init, signal: deps.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new PdfAccessError(
      `Hearth could not download the PDF from ${u.host}: it may not have permission to read files from that site, or the network failed.`,
      u.origin,
    );
  }
  if (res.type === 'opaqueredirect' || res.redirected || (res.url && new URL(res.url).origin !== u.origin)) {
    throw new PdfAccessError(`${u.host} sends this link on to another address, which Hearth does not follow. Open the PDF in a tab of its own, then ask there.`);
  }
  if (!res.ok) throw new PdfAccessError(`The PDF could not be downloaded from ${u.host} (HTTP ${res.status}).`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new PdfTooBigError(`This PDF is too big (${mb(declared)}); Hearth reads PDFs up to ${mb(maxBytes)}.`);
  const bytes = await readCapped(res, maxBytes);
  if (!looksLikePdf(bytes)) {
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    throw new NotPdfError(
      /html/i.test(type)
        ? `${u.host} sent a web page, not a PDF (the site may want you to sign in first, or the link is not a PDF).`
        : `This is not a PDF file${type ? ` (${u.host} sent ${type})` : ''}.`,
    );
  }
  return bytes;
}

/** Read the body, stopping as soon as it passes the limit (a server may not say how big it is). */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new PdfTooBigError(`This PDF is too big (more than ${mb(maxBytes)}); Hearth reads PDFs up to ${mb(maxBytes)}.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
