import type { SidePanelSummaryRequest, SummaryTrigger } from '../../messaging/protocol';
import { whyCannotInject } from '../../tabs/restricted-pages';
import { isPdfUrl } from '../../pdf/pdf-urls';
import { PdfTabError } from '../../pdf/errors';

const PDF_TAB_NOTE = "Chrome's PDF viewer does not let extensions read the document, so Hearth reads the PDF here.";

export const SUMMARY_MENU = { selection: 'hearth-summarize-selection', page: 'hearth-summarize-page' } as const;
export const SUMMARY_COMMANDS = { selection: 'summarize-selection', page: 'summarize-page' } as const;

export interface TabLike {
  id?: number;
  windowId?: number;
  url?: string;
  title?: string;
}

/** What Chrome says about a context-menu click (OnClickData). */
export interface ClickInfo {
  selectionText?: string;
  pageUrl?: string;
  frameUrl?: string;
  frameId?: number;
}

const originOf = (url?: string) => {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

/**
 * Is the selection in a frame of another origin than the page's? Its text must then stay out of the top page,
 * whose scripts could read it (and its summary) or lay their own words over the panel. Hearth has no host
 * permissions, and activeTab covers only the tab's own origin, so it cannot put the panel in that frame either:
 * the side panel, an extension page no web page can reach, shows it.
 */
export function inOtherOriginFrame(info: ClickInfo): boolean {
  if (!info.frameId) return false;
  const frame = originOf(info.frameUrl);
  return frame === null || frame !== originOf(info.pageUrl);
}

export const OTHER_ORIGIN_NOTE = 'The selected text is in a frame from another site; its summary opens here, where the page cannot see it.';

export interface SummaryEntryDeps {
  /** Set the trigger in the tab's isolated world, then inject the summary content script into the top frame. */
  inject(tabId: number, trigger: SummaryTrigger): Promise<void>;
  /** sidePanel.open: must be called before any await, while Chrome still counts the click as a user gesture. */
  openSidePanel(tab: { tabId: number; windowId?: number }): Promise<void>;
  /** Hand the request to the side panel (storage.session). */
  handOff(request: SidePanelSummaryRequest): Promise<void>;
  log?(message: string): void;
}

/**
 * What happens when the user asks for a summary (menu item or shortcut): the panel on the page, or the side
 * panel where Chrome lets no content script run (or when injecting fails), with the reason.
 */
export function createSummaryEntry(deps: SummaryEntryDeps) {
  function toSidePanel(mode: SummaryTrigger['mode'], tab: TabLike, note: string, selectionText?: string, pdfUrl?: string): Promise<void> {
    const opened = deps.openSidePanel({ tabId: tab.id!, windowId: tab.windowId }).catch((err) =>
      deps.log?.(`Could not open the side panel: ${(err as Error).message}`),
    );
    const handed = deps.handOff({ mode, text: mode === 'selection' ? selectionText : undefined, note, title: tab.title, at: Date.now(), ...(pdfUrl ? { pdfUrl, pageUrl: pdfUrl } : {}) });
    return Promise.all([opened, handed]).then(() => {});
  }

  return async function summarize(mode: SummaryTrigger['mode'], tab: TabLike | undefined, info: ClickInfo = {}): Promise<void> {
    if (tab?.id === undefined || tab.id < 0) return;
    // Without the `tabs` permission a tab's URL is visible only where Hearth has access, and a shortcut or menu
    // click grants access to every page Chrome lets extensions run on: no URL means a page no extension may read.
    const url = info.pageUrl ?? tab.url;
    const why = url ? whyCannotInject(url) : 'Chrome does not let extensions read this page, so the summary opens here.';
    // A PDF tab: the side panel downloads the document (activeTab lets it, for this tab's site) and reads it there.
    if (why) return toSidePanel(mode, tab, why, info.selectionText, mode === 'page' && url && isPdfUrl(url) ? url : undefined);
    if (mode === 'selection' && inOtherOriginFrame(info)) return toSidePanel(mode, tab, OTHER_ORIGIN_NOTE, info.selectionText);
    try {
      await deps.inject(tab.id, { mode, selectionText: info.selectionText });
    } catch (err) {
      if (err instanceof PdfTabError) return toSidePanel(mode, tab, PDF_TAB_NOTE, undefined, url);
      deps.log?.(`Injecting the summary panel failed: ${(err as Error).message}`);
      await toSidePanel(mode, tab, `Hearth could not read this page (${(err as Error).message}), so the summary opens here.`, info.selectionText);
    }
  };
}
