import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { SummaryTrigger } from '@/lib/messaging/protocol';
import { showSummaryPanel } from '@/lib/summarize/view/mount-panel';
import { createSummaryHistory, recordInto } from '@/lib/summarize/history';
import panelCss from '@/lib/summarize/view/panel.css?inline';

// Injected on demand (scripting.executeScript after a menu click or shortcut, which grants activeTab); never
// declared for all pages. The background sets the trigger in this isolated world just before injecting.
declare global {
  // eslint-disable-next-line no-var
  var __hearthSummaryTrigger: SummaryTrigger | undefined;
}

export default defineContentScript({
  registration: 'runtime',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const trigger = globalThis.__hearthSummaryTrigger ?? { mode: 'page' };
    globalThis.__hearthSummaryTrigger = undefined;
    const close = await showSummaryPanel(trigger, window, {
      async mount(renderInto, unrender) {
        const ui = await createShadowRootUi(ctx, {
          name: 'hearth-summary',
          position: 'inline',
          anchor: 'html',
          css: panelCss,
          // Closed: page scripts cannot read what the panel shows (the selected text, the summary) or rewrite it.
          mode: 'closed',
          isolateEvents: ['keydown', 'keyup', 'keypress'],
          onMount: (container) => renderInto(container),
          onRemove: () => unrender(ui.uiContainer),
        });
        ui.mount();
        return () => ui.remove();
      },
    }, {
      runtime: browser.runtime as never,
      // Past summaries (History): this page's title and address with the summary, in the extension's storage.
      onFinished: recordInto(createSummaryHistory(browser.storage.local as never), { title: document.title, url: location.href }),
    });
    ctx.onInvalidated(close);
  },
});
