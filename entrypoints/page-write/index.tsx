import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { WriteTrigger } from '@/lib/messaging/protocol';
import { showWritePanel } from '@/lib/write/view/mount-write-panel';
import { shadowPanelHost } from '@/lib/page-panel/page/shadow-host';
import panelCss from '@/lib/page-panel/view/panel.css?inline';
import writeCss from '@/lib/write/view/write.css?inline';

// Writing help, injected on demand into the top frame (scripting.executeScript after a menu click or shortcut, which
// grants activeTab), as the summary panel is (entrypoints/page-summary): an unlisted script, so nothing announces
// it to the page; the background sets the trigger in this isolated world just before injecting.
declare global {
  // eslint-disable-next-line no-var
  var __hearthWriteTrigger: WriteTrigger | undefined;
  // eslint-disable-next-line no-var
  var __hearthWriteClose: ((refocus?: boolean) => void) | undefined;
}

export default defineUnlistedScript(async () => {
  const trigger = globalThis.__hearthWriteTrigger;
  globalThis.__hearthWriteTrigger = undefined;
  if (!trigger) return;
  // The new request is about the field that has the focus now: closing the old panel must not move it back.
  globalThis.__hearthWriteClose?.(false);
  globalThis.__hearthWriteClose = await showWritePanel(trigger, window,
    // Closed: page scripts cannot read the field's text as Hearth read it, nor the suggestion before it is applied.
    shadowPanelHost(document, `${panelCss}\n${writeCss}`, 'hearth-write'),
    { runtime: browser.runtime as never });
});
