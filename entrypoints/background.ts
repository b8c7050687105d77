import { registerCommandHandlers, sendCommand } from '@/lib/messaging/commands';
import { createOffscreenEnsurer, OFFSCREEN_PATH } from '@/lib/host/ensure-offscreen';
import { waitForHost } from '@/lib/host/wait-for-host';
import { createModelStore } from '@/lib/llm/model-store';
import { registerSummaryEntry } from '@/lib/summarize/register-summary';

// The service worker only wires: it keeps the offscreen model host alive and tells it the chosen model.
export default defineBackground(() => {
  const runtime = browser.runtime;
  const models = createModelStore(browser.storage.local);
  const ensureOffscreenDocument = createOffscreenEnsurer({
    createDocument: (params) => browser.offscreen.createDocument(params as Parameters<typeof browser.offscreen.createDocument>[0]),
    countDocuments: async (url) =>
      (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [runtime.getURL(url as '/offscreen.html')] })).length,
    waitUntilReady: () => waitForHost(runtime),
  });

  registerCommandHandlers(
    'background',
    {
      'host.ensure': async () => {
        const result = await ensureOffscreenDocument();
        // A new host knows nothing yet: hand it the model the user chose (the offscreen page has no storage API).
        const model = result.created ? await models.selected() : null;
        if (model) await sendCommand(runtime, 'host', 'llm.select', { model });
        return result;
      },
    },
    runtime,
  );

  // Summaries: menu items and shortcuts inject the panel into the page on demand (activeTab).
  registerSummaryEntry(browser as never);
});
