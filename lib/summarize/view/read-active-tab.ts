import { whyCannotInject } from '../../tabs/restricted-pages';

export interface ActiveTabText {
  text: string;
  title: string;
  url: string;
  method: 'article' | 'visible-text';
}

export interface ReaderBrowser {
  tabs: { query(q: { active: true; currentWindow: true }): Promise<{ id?: number; url?: string; title?: string }[]> };
  scripting: { executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<{ result?: unknown }[]> };
}

/** The page is one Chrome lets no extension read (its own pages, the Web Store, the PDF viewer). */
export class RestrictedPageError extends Error {
  override name = 'RestrictedPageError';
}
/** Chrome has not let Hearth read this page yet: access comes from the user asking on the page itself. */
export class PageAccessError extends Error {
  override name = 'PageAccessError';
}

const READ_SCRIPT = '/page-read.js';

/**
 * Read the main text of the tab beside the side panel. Hearth has no host permissions: activeTab lets it read a page
 * once the user clicked the Hearth icon, a Hearth menu item or a Hearth shortcut there, so without that the error
 * says which key to press (`pageShortcut`, read from chrome.commands so a changed key shows).
 */
export function createActiveTabReader(b: ReaderBrowser, pageShortcut: () => string | undefined) {
  return async function readActiveTab(): Promise<ActiveTabText> {
    const [tab] = await b.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) throw new PageAccessError('There is no page in this window to summarize.');
    const why = whyCannotInject(tab.url);
    if (why) throw new RestrictedPageError(why.replace(/, so the summary opens here\.$/, '.'));
    let results;
    try {
      results = await b.scripting.executeScript({ target: { tabId: tab.id }, files: [READ_SCRIPT] });
    } catch {
      const key = pageShortcut();
      throw new PageAccessError(
        `Chrome lets Hearth read a page only after you ask on it: ${key ? `press ${key} there, ` : ''}click the Hearth icon, or right-click the page and choose "Summarize this page".`,
      );
    }
    const got = results[0]?.result as ActiveTabText | undefined;
    if (!got || typeof got.text !== 'string') throw new PageAccessError('Hearth could not read this page.');
    return got;
  };
}
