import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { SummaryTrigger } from '@/lib/messaging/protocol';
import { showSummaryPanel } from '@/lib/summarize/view/mount-panel';
import { shadowPanelHost } from '@/lib/page-panel/page/shadow-host';
import { replacePanel } from '@/lib/page-panel/page/panel-slot';
import { recordInto } from '@/lib/summarize/history';
import { sendCommand } from '@/lib/messaging/commands';
import panelCss from '@/lib/page-panel/view/panel.css?inline';

// Injected on demand (scripting.executeScript after a menu click or shortcut, which grants activeTab); never
// declared for all pages. The background sets the trigger (__hearthSummaryTrigger) in this isolated world just before
// injecting. An unlisted script, not a WXT content script: WXT's content-script context announces every injection to
// the page (a window message and a document event naming Hearth's id) and lets an event of that name end it. The
// panel's life is kept here instead, in the isolated world: a new request closes the old panel, nothing else does.
export default defineUnlistedScript(() =>
  replacePanel<SummaryTrigger>({ trigger: '__hearthSummaryTrigger', close: '__hearthSummaryClose', fallback: { mode: 'page' } }, (trigger) =>
    showSummaryPanel(trigger, window, shadowPanelHost(document, panelCss), {
      runtime: browser.runtime as never,
      // Past summaries (History): the worker writes them (this script cannot reach storage.local, and must not load
      // other sites' summaries into this page's process); it takes the address from Chrome, not from here.
      onFinished: recordInto(
        { add: ({ title, summary }) => sendCommand(browser.runtime as never, 'background', 'summary.record', { title, summary }) },
        { title: document.title },
      ),
    })),
);
