import type { SidePanelTranslateRequest, SummaryTrigger } from '../../messaging/protocol';
import { TRANSLATE_PANEL_KEY } from '../../messaging/protocol-values';
import { retryWhileGrantSettles } from '../../tabs/worker/retry-grant';
import type { ClickInfo, TabLike } from '../../summarize/worker/summary-entry';
import { createTranslateEntry } from './translate-entry';

export const TRANSLATE_MENU = { selection: 'hearth-translate-selection', page: 'hearth-translate-page' } as const;
/** Commands without a default key (Chrome gives an extension at most four, all taken): set in chrome://extensions/shortcuts. */
export const TRANSLATE_COMMANDS = { selection: 'translate-selection', page: 'translate-page' } as const;

const SCRIPT = '/page-translate.js';

/** The extension APIs translation's entry points use (WXT's `browser`). */
export interface TranslateBrowser {
  runtime: { onInstalled: { addListener(cb: () => void): void } };
  contextMenus: {
    create(props: { id: string; title: string; contexts: ['selection'] | ['page'] }): unknown;
    onClicked: { addListener(cb: (info: { menuItemId: string | number } & ClickInfo, tab?: TabLike) => void): void };
  };
  commands: {
    onCommand: { addListener(cb: (command: string, tab?: TabLike) => void): void };
    getAll?(): Promise<{ name?: string; shortcut?: string }[]>;
  };
  scripting: { executeScript(injection: Record<string, unknown>): Promise<unknown> };
  sidePanel: { open(options: { tabId: number }): Promise<void> };
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
}

/** Context-menu items and commands for translation, wired to on-demand injection of its panel, or the side panel. */
export function registerTranslateEntry(b: TranslateBrowser): void {
  const translate = createTranslateEntry({
    async inject(tabId, trigger) {
      const target = { tabId };
      await retryWhileGrantSettles(() => b.scripting.executeScript({
        target,
        func: (t: SummaryTrigger) => void ((globalThis as { __hearthTranslateTrigger?: SummaryTrigger }).__hearthTranslateTrigger = t),
        args: [trigger],
      }));
      await b.scripting.executeScript({ target, files: [SCRIPT] });
    },
    openSidePanel: ({ tabId }) => b.sidePanel.open({ tabId }),
    handOff: (request: SidePanelTranslateRequest) => b.storage.session.set({ [TRANSLATE_PANEL_KEY]: request }),
    log: (m) => console.warn(m),
  });
  b.runtime.onInstalled.addListener(async () => {
    const keys = Object.fromEntries(((await b.commands.getAll?.().catch(() => [])) ?? []).map((c) => [c.name, c.shortcut]));
    const label = (title: string, command: string) => (keys[command] ? `${title} (${keys[command]})` : title);
    b.contextMenus.create({ id: TRANSLATE_MENU.selection, title: label('Translate selection', TRANSLATE_COMMANDS.selection), contexts: ['selection'] });
    b.contextMenus.create({ id: TRANSLATE_MENU.page, title: label("Translate this page's text", TRANSLATE_COMMANDS.page), contexts: ['page'] });
  });
  b.contextMenus.onClicked.addListener((info, tab) => {
    const mode = info.menuItemId === TRANSLATE_MENU.selection ? 'selection' : info.menuItemId === TRANSLATE_MENU.page ? 'page' : null;
    if (mode) void translate(mode, tab, info);
  });
  b.commands.onCommand.addListener((command, tab) => {
    const mode = command === TRANSLATE_COMMANDS.selection ? 'selection' : command === TRANSLATE_COMMANDS.page ? 'page' : null;
    if (mode) void translate(mode, tab);
  });
}
