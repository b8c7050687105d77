import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { SummaryTrigger } from '@/lib/messaging/protocol';
import { showTranslatePanel } from '@/lib/translate/view/mount-translate-panel';
import { shadowPanelHost } from '@/lib/page-panel/page/shadow-host';
import panelCss from '@/lib/page-panel/view/panel.css?inline';

// Injected on demand (scripting.executeScript after a menu click or shortcut, which grants activeTab), like the
// summary panel (entrypoints/page-summary): an unlisted script that tells the page nothing, its panel in a closed
// shadow root, its life kept here in the isolated world.
declare global {
  // eslint-disable-next-line no-var
  var __hearthTranslateTrigger: SummaryTrigger | undefined;
  // eslint-disable-next-line no-var
  var __hearthTranslateClose: (() => void) | undefined;
}

export default defineUnlistedScript(async () => {
  const trigger = globalThis.__hearthTranslateTrigger ?? { mode: 'page' };
  globalThis.__hearthTranslateTrigger = undefined;
  globalThis.__hearthTranslateClose?.();
  globalThis.__hearthTranslateClose = await showTranslatePanel(trigger, window, shadowPanelHost(document, panelCss, 'hearth-translate'), { runtime: browser.runtime as never });
});
