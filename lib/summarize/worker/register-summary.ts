import type { SidePanelSummaryRequest, SummaryTrigger } from '../../messaging/protocol';
import { SIDE_PANEL_KEY } from '../../messaging/protocol-values';
import { retryWhileGrantSettles } from '../../tabs/worker/retry-grant';
import { PdfTabError } from '../../pdf/errors';
import { createSummaryEntry, SUMMARY_COMMANDS, SUMMARY_MENU, type ClickInfo } from './summary-entry';

/** The extension APIs the summary entry points use (WXT's `browser`). */
export interface SummaryBrowser {
  runtime: { onInstalled: { addListener(cb: () => void): void } };
  contextMenus: {
    create(props: { id: string; title: string; contexts: ['selection'] | ['page'] }): unknown;
    onClicked: { addListener(cb: (info: { menuItemId: string | number } & ClickInfo, tab?: { id?: number; windowId?: number; url?: string; title?: string }) => void): void };
  };
  commands: {
    onCommand: { addListener(cb: (command: string, tab?: { id?: number; windowId?: number; url?: string; title?: string }) => void): void };
    getAll?(): Promise<{ name?: string; shortcut?: string }[]>;
  };
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

  b.runtime.onInstalled.addListener(async () => {
    // The menu says which key does the same (as Chrome reports it: the user may have changed it).
    const keys = Object.fromEntries(((await b.commands.getAll?.().catch(() => [])) ?? []).map((c) => [c.name, c.shortcut]));
    const label = (title: string, command: string) => (keys[command] ? `${title} (${keys[command]})` : title);
    b.contextMenus.create({ id: SUMMARY_MENU.selection, title: label('Summarize selection', SUMMARY_COMMANDS.selection), contexts: ['selection'] });
    b.contextMenus.create({ id: SUMMARY_MENU.page, title: label('Summarize this page', SUMMARY_COMMANDS.page), contexts: ['page'] });
  });
  b.contextMenus.onClicked.addListener((info, tab) => {
    const mode = info.menuItemId === SUMMARY_MENU.selection ? 'selection' : info.menuItemId === SUMMARY_MENU.page ? 'page' : null;
    if (mode) void summarize(mode, tab, info);
  });
  b.commands.onCommand.addListener((command, tab) => {
    const mode = command === SUMMARY_COMMANDS.selection ? 'selection' : command === SUMMARY_COMMANDS.page ? 'page' : null;
    if (mode) void summarize(mode, tab);
  });
}
