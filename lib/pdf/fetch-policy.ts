import { PdfAccessError } from './errors';
import { isPrivateHost } from './private-host';

/** What Hearth knows about where a PDF address came from: the page it was on, and the user's grants. */
export interface PdfFetchContext {
  /** The address of the tab the user asked from (for a PDF tab, the PDF's own address). */
  pageUrl: string;
  /** Does a host permission the user granted cover `pattern` ("https://host/*")? */
  hasHostAccess?(pattern: string): Promise<boolean>;
}

export const originPattern = (url: string) => `${new URL(url).origin}/*`;

const parse = (url: string) => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/**
 * A PDF address is chosen by a web page (a link's href), so Hearth must not be its deputy: it fetches only what the
 * user's grant covers (the tab's own site under activeTab, or a site the user allowed), never a host on this
 * computer or the local network unless the tab itself is on one, `file:` only from a `file:` page, the user's
 * cookies only for the tab's own site (origin), and no redirects (`redirect: 'manual'`; fetch-pdf.ts refuses one).
 * Resolves to the fetch options, or rejects with a PdfAccessError that says why.
 */
export async function pdfFetchInit(url: URL, ctx: PdfFetchContext): Promise<RequestInit> {
  const page = parse(ctx.pageUrl);
  if (url.protocol === 'file:') {
    if (page?.protocol !== 'file:') throw new PdfAccessError('A web page cannot hand Hearth a file on this computer. Open the PDF in a tab of its own, then ask there.');
    return {};
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PdfAccessError(`Hearth cannot download from ${url.protocol} addresses.`);
  const pageIsHttp = page?.protocol === 'http:' || page?.protocol === 'https:';
  if (isPrivateHost(url.hostname) && !(pageIsHttp && isPrivateHost(page.hostname))) {
    throw new PdfAccessError(`This link points to ${url.host}, on this computer or your local network. Hearth reads such a PDF only from a page on such an address; open it in a tab of its own to read it there.`);
  }
  const sameOrigin = page?.origin === url.origin;
  if (!sameOrigin && !(await ctx.hasHostAccess?.(originPattern(url.href)).catch(() => false))) {
    throw new PdfAccessError(`Hearth has no permission to read files from ${url.host}.`, url.origin);
  }
  return { credentials: sameOrigin ? 'include' : 'omit', redirect: 'manual' };
}
