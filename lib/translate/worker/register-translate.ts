import type { SidePanelTranslateRequest, SummaryTrigger } from '../../messaging/protocol';
import { TRANSLATE_PANEL_KEY } from '../../messaging/protocol-values';
import { retryWhileGrantSettles } from '../../tabs/worker/retry-grant';
import type { ClickInfo, TabLike } from '../../summarize/worker/summary-entry';
import { registerModeMenus, type MenuBrowser } from '../../page-panel/worker/menu-pair';
import { createTranslateEntry } from './translate-entry';

export const TRANSLATE_MENU = { selection: 'hearth-translate-selection', page: 'hearth-translate-page' } as const;
/** Commands without a default key (Chrome gives an extension at most four, all taken): set in chrome://extensions/shortcuts. */
export const TRANSLATE_COMMANDS = { selection: 'translate-selection', page: 'translate-page' } as const;

const SCRIPT = '/page-translate.js';

/** The extension APIs translation's entry points use (WXT's `browser`). */
export interface TranslateBrowser extends MenuBrowser<ClickInfo, TabLike> {
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
  registerModeMenus(b, {
    menu: TRANSLATE_MENU,
    commands: TRANSLATE_COMMANDS,
    titles: { selection: 'Translate selection', page: "Translate this page's text" },
  }, (mode, tab, info) => void translate(mode, tab, info));
}
