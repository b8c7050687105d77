import { registerCommandHandlers, sendCommand } from '@/lib/messaging/commands';
import { createOffscreenEnsurer, OFFSCREEN_PATH } from '@/lib/host/ensure-offscreen';
import { waitForHost } from '@/lib/host/wait-for-host';
import { createModelStore } from '@/lib/llm/model-store';
import { createSettingsStore, hostSettingsOf } from '@/lib/chat/settings';
import { registerPoseEntry, togglePoseIn } from '@/lib/pose/register-pose';
import { createPoseGrants, poseGrantHandlers } from '@/lib/pose/pose-grants';
import { registerSummaryEntry } from '@/lib/summarize/register-summary';

// The service worker only wires: it keeps the offscreen model host alive and tells it the chosen model.
export default defineBackground(() => {
  const runtime = browser.runtime;
  const models = createModelStore(browser.storage.local);
  const settings = createSettingsStore(browser.storage.local);
  const poseGrants = createPoseGrants(browser.storage.session);
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
        // A new host knows nothing yet: hand it the user's settings and model (the offscreen page has no storage API).
        if (result.created) {
          await sendCommand(runtime, 'host', 'host.configure', hostSettingsOf(await settings.get()));
          const model = await models.selected();
          if (model) await sendCommand(runtime, 'host', 'llm.select', { model });
        }
        return result;
      },
      'pose.toggle': async ({ tabId }) => {
        await togglePoseIn(browser as never, tabId, poseGrants.expect);
        return { ok: true };
      },
      // The view's own address (its document has the extension's origin even when framed at its dynamic URL).
      ...poseGrantHandlers(poseGrants, `chrome-extension://${runtime.id}/pose-view.html`),
    },
    runtime,
  );

  // Pose overlay: a menu item and a shortcut inject it into the page on demand (activeTab).
  registerPoseEntry(browser as never, poseGrants.expect);
  // Summaries: menu items and shortcuts inject the panel into the page on demand (activeTab).
  registerSummaryEntry(browser as never);
});
