import type { SidePanelTranslateRequest, SummaryTrigger } from '../../messaging/protocol';
import { whyCannotInject } from '../../tabs/restricted-pages';
import { isPdfUrl } from '../../pdf/pdf-urls';
import { inOtherOriginFrame, type ClickInfo, type TabLike } from '../../summarize/worker/summary-entry';

export const OTHER_ORIGIN_TRANSLATE_NOTE = 'The selected text is in a frame from another site; its translation opens here, where the page cannot see it.';
export const NO_PAGE_URL_NOTE = 'Chrome does not let extensions read this page, so the translation opens here.';

export interface TranslateEntryDeps {
  /** Set the trigger in the tab's isolated world, then inject the translation panel into the top frame. */
  inject(tabId: number, trigger: SummaryTrigger): Promise<void>;
  /** sidePanel.open: called before any await, while Chrome still counts the click or key as a user gesture. */
  openSidePanel(tab: { tabId: number; windowId?: number }): Promise<void>;
  /** Hand the request to the side panel (storage.session). */
  handOff(request: SidePanelTranslateRequest): Promise<void>;
  log(message: string): void;
}

/**
 * What happens when the user asks for a translation (menu item or shortcut): the panel on the page; or, where Chrome
 * lets no content script run, the selection is in another site's frame, or injecting fails, the side panel with the
 * reason. There Chrome's copy of a menu selection is translated, and a PDF tab's document is read with pdf.js; other
 * pages' text (or a shortcut's selection, which Chrome does not pass) cannot be read: the panel says so and offers a
 * paste box.
 */
export function createTranslateEntry(deps: TranslateEntryDeps) {
  function toSidePanel(mode: SummaryTrigger['mode'], tab: TabLike, note: string, selectionText?: string, pdfUrl?: string): Promise<void> {
    // Opened first and not awaited before: the gesture lasts only until the first await.
    const opened = deps.openSidePanel({ tabId: tab.id!, windowId: tab.windowId }).catch((err) => deps.log(`Could not open the side panel: ${(err as Error).message}`));
    const text = mode === 'selection' && selectionText?.trim() ? selectionText : undefined;
    const handed = deps.handOff({ mode, ...(text ? { text } : {}), note, title: tab.title, at: Date.now(), ...(pdfUrl ? { pdfUrl, pageUrl: pdfUrl } : {}) });
    return Promise.all([opened, handed]).then(() => {});
  }

  return async function translate(mode: SummaryTrigger['mode'], tab: TabLike | undefined, info: ClickInfo = {}): Promise<void> {
    if (tab?.id === undefined || tab.id < 0) return;
    // Without the `tabs` permission a URL is visible only where Hearth may run: none means a page no extension may read.
    const url = info.pageUrl ?? tab.url;
    const why = url ? whyCannotInject(url, 'translation') : NO_PAGE_URL_NOTE;
    // A PDF tab's page: the side panel downloads the document (activeTab lets it, for this tab's site) and reads it.
    if (why) return toSidePanel(mode, tab, why, info.selectionText, mode === 'page' && url && isPdfUrl(url) ? url : undefined);
    if (mode === 'selection' && inOtherOriginFrame(info)) return toSidePanel(mode, tab, OTHER_ORIGIN_TRANSLATE_NOTE, info.selectionText);
    try {
      await deps.inject(tab.id, { mode, selectionText: info.selectionText });
    } catch (err) {
      deps.log(`Injecting the translation panel failed: ${(err as Error).message}`);
      await toSidePanel(mode, tab, `Hearth could not read this page (${(err as Error).message}), so the translation opens here.`, info.selectionText);
    }
  };
}
