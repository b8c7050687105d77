import type { SidePanelSummaryRequest, SummaryTrigger } from '../../messaging/protocol';
import { SIDE_PANEL_KEY } from '../../messaging/protocol-values';
import { retryWhileGrantSettles } from '../../tabs/worker/retry-grant';
import { PdfTabError } from '../../pdf/errors';
import { registerModeMenus, type MenuBrowser } from '../../page-panel/worker/menu-pair';
import { createSummaryEntry, SUMMARY_COMMANDS, SUMMARY_MENU, type ClickInfo, type TabLike } from './summary-entry';

/** The extension APIs the summary entry points use (WXT's `browser`). */
export interface SummaryBrowser extends MenuBrowser<ClickInfo, TabLike> {
  scripting: { executeScript(injection: Record<string, unknown>): Promise<unknown> };
  sidePanel: { open(options: { tabId: number }): Promise<void> };
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
}

const SCRIPT = '/page-summary.js';

/** The APIs a summary request needs; the worker and the popup (its "Summarize this page" button) both have them. */
export type SummaryEntryBrowser = Pick<SummaryBrowser, 'scripting' | 'sidePanel' | 'storage'>;

/** A summary request (menu, shortcut, popup button) wired to on-demand injection of the panel, or the side panel. */
export function createSummaryEntryFor(b: SummaryEntryBrowser) {
  return createSummaryEntry({
    async inject(tabId, trigger) {
      // Top frame only: it reads same-origin frames itself (text in another origin's frame goes to the side
      // panel, see inOtherOriginFrame), and one panel per tab is what the user expects.
      const target = { tabId };
      const results = await retryWhileGrantSettles(() => b.scripting.executeScript({
        target,
        func: (t: SummaryTrigger) => {
          // Chrome's PDF viewer at an address without ".pdf" takes the script, but its document has no text.
          if (t.mode === 'page' && document.contentType === 'application/pdf') return 'pdf';
          (globalThis as { __hearthSummaryTrigger?: SummaryTrigger }).__hearthSummaryTrigger = t;
          return 'ok';
        },
        args: [trigger],
      }));
      if ((results as { result?: unknown }[] | undefined)?.[0]?.result === 'pdf') throw new PdfTabError('a PDF document');
      await b.scripting.executeScript({ target, files: [SCRIPT] });
    },
    openSidePanel: ({ tabId }) => b.sidePanel.open({ tabId }),
    handOff: (request: SidePanelSummaryRequest) => b.storage.session.set({ [SIDE_PANEL_KEY]: request }),
    log: (m) => console.warn(m),
  });
}

/** Context-menu items and shortcuts for summaries, wired to on-demand injection of the panel. */
export function registerSummaryEntry(b: SummaryBrowser): void {
  const summarize = createSummaryEntryFor(b);
  registerModeMenus(b, {
    menu: SUMMARY_MENU,
    commands: SUMMARY_COMMANDS,
    titles: { selection: 'Summarize selection', page: 'Summarize this page' },
  }, (mode, tab, info) => void summarize(mode, tab, info));
}
