import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { SummaryTrigger } from '@/lib/messaging/protocol';
import { showTranslatePanel } from '@/lib/translate/view/mount-translate-panel';
import { shadowPanelHost } from '@/lib/page-panel/page/shadow-host';
import { replacePanel } from '@/lib/page-panel/page/panel-slot';
import panelCss from '@/lib/page-panel/view/panel.css?inline';

// Injected on demand (scripting.executeScript after a menu click or shortcut, which grants activeTab), like the
// summary panel (entrypoints/page-summary): an unlisted script that tells the page nothing, its panel in a closed
// shadow root, its life kept here in the isolated world.
export default defineUnlistedScript(() =>
  replacePanel<SummaryTrigger>({ trigger: '__hearthTranslateTrigger', close: '__hearthTranslateClose', fallback: { mode: 'page' } }, (trigger) =>
    showTranslatePanel(trigger, window, shadowPanelHost(document, panelCss, 'hearth-translate'), { runtime: browser.runtime as never })),
);
