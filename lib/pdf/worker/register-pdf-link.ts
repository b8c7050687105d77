import { SIDE_PANEL_KEY } from '../../messaging/protocol-values';
import { createPdfLinkEntry, PDF_LINK_MENU } from './pdf-link-entry';
import { PDF_LINK_PATTERNS } from '../pdf-urls';

/** The extension APIs the PDF link menu uses (WXT's `browser`). */
export interface PdfLinkBrowser {
  runtime: { onInstalled: { addListener(cb: () => void): void } };
  contextMenus: {
    create(props: { id: string; title: string; contexts: ['link']; targetUrlPatterns: string[] }): unknown;
    onClicked: { addListener(cb: (info: { menuItemId: string | number; linkUrl?: string; pageUrl?: string }, tab?: { id?: number; windowId?: number }) => void): void };
  };
  permissions: { request(p: { origins: string[] }): Promise<boolean> };
  sidePanel: { open(options: { tabId: number }): Promise<void> };
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
}

/** "Summarize PDF" on links to PDFs: the summary is read and written in the side panel. */
export function registerPdfLinkEntry(b: PdfLinkBrowser): void {
  const summarize = createPdfLinkEntry({
    openSidePanel: ({ tabId }) => b.sidePanel.open({ tabId }),
    requestOrigin: (pattern) => b.permissions.request({ origins: [pattern] }),
    handOff: (request) => b.storage.session.set({ [SIDE_PANEL_KEY]: request }),
    log: (m) => console.warn(m),
  });
  b.runtime.onInstalled.addListener(() => {
    b.contextMenus.create({ id: PDF_LINK_MENU, title: 'Summarize PDF', contexts: ['link'], targetUrlPatterns: PDF_LINK_PATTERNS });
  });
  b.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === PDF_LINK_MENU) void summarize(info, tab);
  });
}
