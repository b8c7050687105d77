import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { WriteTrigger } from '@/lib/messaging/protocol';
import { showWritePanel } from '@/lib/write/view/mount-write-panel';
import { shadowPanelHost } from '@/lib/page-panel/page/shadow-host';
import { replacePanel } from '@/lib/page-panel/page/panel-slot';
import panelCss from '@/lib/page-panel/view/panel.css?inline';
import writeCss from '@/lib/write/view/write.css?inline';

// Writing help, injected on demand into the top frame (scripting.executeScript after a menu click or shortcut, which
// grants activeTab), as the summary panel is (entrypoints/page-summary): an unlisted script, so nothing announces
// it to the page; the background sets the trigger in this isolated world just before injecting (none: nothing opens).
export default defineUnlistedScript(() =>
  // The new request is about the field that has the focus now: closing the old panel must not move it back.
  replacePanel<WriteTrigger>({ trigger: '__hearthWriteTrigger', close: '__hearthWriteClose', refocusOld: false }, (trigger) =>
    // Closed: page scripts cannot read the field's text as Hearth read it, nor the suggestion before it is applied.
    showWritePanel(trigger, window, shadowPanelHost(document, `${panelCss}\n${writeCss}`, 'hearth-write'), { runtime: browser.runtime as never })),
);
