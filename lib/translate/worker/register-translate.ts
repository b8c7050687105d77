import type { SummaryTrigger } from '../../messaging/protocol';
import { retryWhileGrantSettles } from '../../tabs/worker/retry-grant';
import { whyCannotInject } from '../../tabs/restricted-pages';
import { inOtherOriginFrame, type ClickInfo, type TabLike } from '../../summarize/worker/summary-entry';
import { registerModeMenus, type MenuBrowser } from '../../page-panel/worker/menu-pair';

export const TRANSLATE_MENU = { selection: 'hearth-translate-selection', page: 'hearth-translate-page' } as const;
/** Commands without a default key (Chrome gives an extension at most four, all taken): set in chrome://extensions/shortcuts. */
export const TRANSLATE_COMMANDS = { selection: 'translate-selection', page: 'translate-page' } as const;

const SCRIPT = '/page-translate.js';

/** The extension APIs translation's entry points use (WXT's `browser`). */
export interface TranslateBrowser extends MenuBrowser<ClickInfo, TabLike> {
  scripting: { executeScript(injection: Record<string, unknown>): Promise<unknown> };
}

export interface TranslateEntryDeps {
  /** Set the trigger in the tab's isolated world, then inject the translation panel into the top frame. */
  inject(tabId: number, trigger: SummaryTrigger): Promise<void>;
  log(message: string): void;
}

/**
 * What happens when the user asks for a translation: the panel on the page. Where Chrome lets no content script run,
 * or the selection is in another site's frame (its text must stay out of the top page), nothing is read and the
 * reason is logged: the side panel hand-off the summary has is not built for translation yet.
 */
export function createTranslateEntry(deps: TranslateEntryDeps) {
  return async function translate(mode: SummaryTrigger['mode'], tab: TabLike | undefined, info: ClickInfo = {}): Promise<void> {
    if (tab?.id === undefined || tab.id < 0) return;
    const url = info.pageUrl ?? tab.url;
    const why = url ? whyCannotInject(url) : 'Chrome does not let extensions read this page.';
    if (why) return deps.log(`Translate: ${why}`);
    if (mode === 'selection' && inOtherOriginFrame(info)) return deps.log('Translate: the selection is in a frame from another site; Hearth does not read it into this page.');
    try {
      await deps.inject(tab.id, { mode, selectionText: info.selectionText });
    } catch (err) {
      deps.log(`Injecting the translation panel failed: ${(err as Error).message}`);
    }
  };
}

/** Context-menu items and commands for translation, wired to on-demand injection of its panel. */
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
    log: (m) => console.warn(m),
  });
  registerModeMenus(b, {
    menu: TRANSLATE_MENU,
    commands: TRANSLATE_COMMANDS,
    titles: { selection: 'Translate selection', page: "Translate this page's text" },
  }, (mode, tab, info) => void translate(mode, tab, info));
}
