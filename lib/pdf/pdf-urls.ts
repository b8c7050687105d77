/** A URL whose path names a PDF file (how Hearth tells a PDF tab or link before downloading it). */
export function isPdfUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return /^(https?|file):$/.test(u.protocol) && /\.pdf$/i.test(u.pathname);
  } catch {
    return false;
  }
}

/**
 * Links the "Summarize PDF" menu item shows on (Chrome match patterns are case-sensitive and match the query too).
 * The side panel checks the bytes anyway: a ".pdf" link that serves a web page gets "not a PDF".
 */
export const PDF_LINK_PATTERNS = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.pdf#*', '*://*/*.PDF', '*://*/*.PDF?*', 'file:///*.pdf', 'file:///*.PDF'];

/** The file name a link ends in, as the summary's title until the PDF says its own. */
export function pdfFileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}

const originOf = (url?: string) => {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

/** Does a menu click's activeTab grant (the page's site) cover the link, or must Hearth ask for the link's site? */
export const linkNeedsPermission = (linkUrl: string, pageUrl?: string) => new URL(linkUrl).protocol !== 'file:' && originOf(linkUrl) !== originOf(pageUrl);
