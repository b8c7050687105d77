import type { PageRead } from '../page/ask-page';
import type { AskCommand } from '../page/ask-command';
import type { AskSource, Passage } from '../source';
import { LIMITS } from '../../messaging/protocol-values';
import { isPdfUrl } from '../../pdf/pdf-urls';
import { pdfPageUrl } from '../../pdf/ask-source';

/** The tab cannot be read: Hearth has no access to it (never invoked there) or it is a page no extension may touch. */
export class TabAccessError extends Error {}
/** The tab a source came from was closed. */
export class TabClosedError extends Error {}
/** A citation no longer matches its tab: the tab shows another page now, or the source is from an earlier browser session. */
export class StaleSourceError extends Error {}

const ELSEWHERE = 'The tab shows another page now, not the one this passage was read from. Ask again to read what it shows.';
const EARLIER = 'This passage was read before the browser was last restarted, so its tab is gone. Open the page and ask again.';
const noHash = (url: string) => url.replace(/#.*$/, '');

/** What showing a cited passage needs: where it was read (tab, address, browser session) and its text. */
export type ShownPassage = Pick<Passage, 'tabId' | 'url' | 'text' | 'page' | 'session'>;

export interface TabInfo {
  id?: number;
  windowId?: number;
  title?: string;
  url?: string;
  active?: boolean;
}

/** The extension APIs the chat uses on tabs (WXT's `browser` in an extension page). */
export interface TabsBrowser {
  runtime: { getURL(path: string): string };
  tabs: {
    query(q: Record<string, unknown>): Promise<TabInfo[]>;
    get(tabId: number): Promise<TabInfo>;
    update(tabId: number, props: { active: boolean; url?: string }): Promise<unknown>;
  };
  windows: {
    update(windowId: number, props: { focused: boolean }): Promise<unknown>;
    getLastFocused(q: { windowTypes: string[] }): Promise<{ id?: number }>;
  };
  scripting: { executeScript(injection: Record<string, unknown>): Promise<{ result?: unknown }[]> };
}

const SCRIPT = '/page-ask.js';

/** Reads a tab showing a PDF (lib/pdf/view/read-pdf-tab.ts); rejects with the PDF errors, whose messages say what to do. */
export type ReadPdf = (tab: { tabId: number; url: string; title?: string }) => Promise<AskSource>;

/**
 * Reading and showing tabs for "Ask about this page". Hearth reads a tab only where Chrome lets it: the tab the user
 * opened Hearth on (activeTab), or one they invoked Hearth on before. The text never passes through the worker.
 */
export function createTabAccess(b: TabsBrowser, session: () => Promise<string>, readPdf?: ReadPdf) {
  const own = (t: TabInfo) => !!t.url?.startsWith(b.runtime.getURL('/'));

  /**
   * Run the Ask script in the tab. A read is one injection (the script reads and returns the text in the same task),
   * so a page cannot change what it shows between Hearth's arrival and its read; a highlight or clear first puts
   * its command in Hearth's isolated world, where the page cannot see or change it.
   */
  async function call<T>(tabId: number, command?: AskCommand): Promise<T> {
    try {
      if (command) {
        const put = (c: AskCommand) => void ((globalThis as { __hearthAskCommand?: AskCommand }).__hearthAskCommand = c);
        await b.scripting.executeScript({ target: { tabId }, func: put, args: [command] });
      }
      const [out] = await b.scripting.executeScript({ target: { tabId }, files: [SCRIPT] });
      return out?.result as T;
    } catch (err) {
      if (!(await b.tabs.get(tabId).catch(() => null))) throw new TabClosedError('This tab was closed.');
      throw new TabAccessError(
        `Hearth cannot read this tab (${(err as Error).message}). Open Hearth from its toolbar button or a Hearth shortcut while on the tab, then try again.`,
      );
    }
  }

  /** A PDF at an address without ".pdf": its document says application/pdf (false where Hearth may not look). */
  async function isPdfDocument(tabId: number): Promise<boolean> {
    const [out] = await b.scripting.executeScript({ target: { tabId }, func: () => document.contentType }).catch(() => []);
    return out?.result === 'application/pdf';
  }

  return {
    /** The tab the user is looking at: this window's active tab, or, when the chat has a tab or window of its own, the last focused browser window's. */
    async current(): Promise<TabInfo | null> {
      const [here] = await b.tabs.query({ active: true, currentWindow: true });
      if (here && !own(here)) return here;
      const win = await b.windows.getLastFocused({ windowTypes: ['normal'] }).catch(() => null);
      const [there] = win?.id !== undefined ? await b.tabs.query({ active: true, windowId: win.id }) : [];
      return there && !own(there) ? there : null;
    },
    /** Open tabs Hearth can name (the `tabs` permission, or access granted per tab), for the @ picker. */
    async listOpen(): Promise<TabInfo[]> {
      return (await b.tabs.query({})).filter((t) => t.id !== undefined && t.title && !own(t));
    },
    async read(tabId: number): Promise<AskSource> {
      // Chrome's PDF viewer runs no content script: a PDF is downloaded and read here instead (pdf.js).
      const tab = await b.tabs.get(tabId).catch(() => null);
      if (!tab) throw new TabClosedError('This tab was closed.');
      const stamp = await session();
      if (readPdf && tab.url && (isPdfUrl(tab.url) || (await isPdfDocument(tabId)))) return { ...(await readPdf({ tabId, url: tab.url, title: tab.title })), session: stamp };
      const page = await call<PageRead>(tabId);
      // The page's world cannot reach this isolated one, but its text is still the page's: check the shape and size.
      if (!page || typeof page.text !== 'string' || typeof page.title !== 'string') throw new TabAccessError('Hearth could not read this tab.');
      if (page.text.length > LIMITS.inputChars) throw new TabAccessError('This page is too long for Hearth to read (over 2 MB of text).');
      if (!page.text.trim()) throw new TabAccessError('This page has no text Hearth can read.');
      return { tabId, url: String(page.url), title: page.title, kind: page.kind === 'selection' ? 'selection' : 'page', sections: [{ text: page.text }], words: Number(page.words) || 0, session: stamp };
    },
    /**
     * Switch to the tab, scroll to the passage and highlight it; false when the page no longer shows it. A PDF's
     * passage (`page`) opens its page in Chrome's viewer ("#page=N"), where nothing can be highlighted. Only in the
     * page it was read from, in this browser session: otherwise StaleSourceError, and the tab is left as it is.
     */
    async show(p: ShownPassage): Promise<boolean> {
      if (!p.session || p.session !== (await session())) throw new StaleSourceError(EARLIER);
      const tab = await b.tabs.get(p.tabId).catch(() => null);
      if (!tab) throw new TabClosedError('This tab was closed.');
      // Chrome tells the address only while Hearth may read the tab; the page checks it again before highlighting.
      if (tab.url && noHash(tab.url) !== noHash(p.url)) throw new StaleSourceError(ELSEWHERE);
      const url = p.page !== undefined && tab.url ? pdfPageUrl(p.url, p.page) : undefined;
      await b.tabs.update(p.tabId, url ? { active: true, url } : { active: true });
      if (tab.windowId !== undefined) await b.windows.update(tab.windowId, { focused: true }).catch(() => {});
      if (p.page !== undefined) return true;
      const shown = await call<unknown>(p.tabId, { op: 'highlight', text: p.text, url: p.url });
      if (shown === 'elsewhere') throw new StaleSourceError(ELSEWHERE);
      return shown === 'shown';
    },
    async clear(tabId: number): Promise<void> {
      await call(tabId, { op: 'clear' }).catch(() => {});
    },
  };
}

export type TabAccess = ReturnType<typeof createTabAccess>;
