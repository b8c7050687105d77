import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { sendCommand } from '@/lib/messaging/commands';
import { togglePoseOverlay, type OverlayState } from '@/lib/pose/page/overlay';

declare global {
  // eslint-disable-next-line no-var
  var __hearthPoseOverlay: OverlayState | undefined;
}

// Injected on demand (popup button, menu item or shortcut, which grant activeTab); never declared for all pages.
// Each injection toggles the overlay. Its state lives in this isolated world, where the page cannot reach it.
// An unlisted script, not a WXT content script, so the page is told nothing (see entrypoints/page-summary).
export default defineUnlistedScript({
  main() {
    const state = (globalThis.__hearthPoseOverlay ??= {});
    togglePoseOverlay(document, browser.runtime.getURL('/pose-view.html'), {
      state,
      token: () => crypto.randomUUID(),
      viewOrigin: `chrome-extension://${browser.runtime.id}`,
      grant: (token) => sendCommand(browser.runtime as never, 'background', 'pose.grant', { token }),
      // Kept by the worker: this script cannot reach storage.local (trusted contexts only).
      place: {
        load: async () => (await sendCommand(browser.runtime as never, 'background', 'pose.place', {})).place,
        save: (place) => void sendCommand(browser.runtime as never, 'background', 'pose.place', { save: place }).catch(() => {}),
      },
    }).catch((err: Error) => console.warn(`Hearth could not show the pose overlay: ${err.message}`));
  },
});
