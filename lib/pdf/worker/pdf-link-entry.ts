import type { SidePanelSummaryRequest } from '../../messaging/protocol';
import { originPattern } from '../fetch-pdf';
import { linkNeedsPermission, pdfFileName } from '../pdf-urls';
import { isPrivateHost } from '../private-host';

export const PDF_LINK_MENU = 'hearth-summarize-pdf-link';

export interface PdfLinkDeps {
  openSidePanel(tab: { tabId: number; windowId?: number }): Promise<void>;
  /** permissions.request for the link's site; must be called before any await, inside the click's user gesture. */
  requestOrigin(pattern: string): Promise<boolean>;
  handOff(request: SidePanelSummaryRequest): Promise<void>;
  log?(message: string): void;
}

/**
 * "Summarize PDF" on a link: the side panel opens at once (both Chrome calls need the click's user gesture, so
 * neither waits for anything), and Hearth asks for the link's site only when the tab's activeTab grant does not
 * cover it. The side panel then downloads and reads the PDF; if access was refused it says so and offers to ask again.
 */
function intoLocalNetwork(url: string, pageUrl?: string): boolean {
  const host = (u?: string) => {
    try {
      return u ? new URL(u).hostname : '';
    } catch {
      return '';
    }
  };
  return isPrivateHost(host(url)) && !isPrivateHost(host(pageUrl) || 'page.invalid');
}

export function createPdfLinkEntry(deps: PdfLinkDeps) {
  return async function summarizePdfLink(info: { linkUrl?: string; pageUrl?: string }, tab?: { id?: number; windowId?: number }): Promise<void> {
    const url = info.linkUrl;
    if (!url || tab?.id === undefined || tab.id < 0) return;
    const opened = deps.openSidePanel({ tabId: tab.id, windowId: tab.windowId }).catch((err) => deps.log?.(`Could not open the side panel: ${(err as Error).message}`));
    let asked: Promise<boolean> = Promise.resolve(true);
    // A link into the local network from a public page is refused by the side panel anyway: ask the user nothing.
    if (linkNeedsPermission(url, info.pageUrl) && !intoLocalNetwork(url, info.pageUrl)) {
      asked = deps.requestOrigin(originPattern(url)).catch((err) => {
        deps.log?.(`Could not ask for access to ${new URL(url).host}: ${(err as Error).message}`);
        return false;
      });
    }
    const granted = await asked;
    const note = `The linked PDF (${pdfFileName(url)}) is downloaded and read here, on this device.${granted ? '' : ' Hearth was not given access to its site.'}`;
    await Promise.all([opened, deps.handOff({ mode: 'page', note, title: pdfFileName(url), at: Date.now(), pdfUrl: url, pageUrl: info.pageUrl ?? '' })]);
  };
}
