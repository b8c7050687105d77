import { defineContentScript } from 'wxt/utils/define-content-script';
import { togglePoseOverlay } from '@/lib/pose/overlay';

// Injected on demand (popup button, menu item or shortcut, which grant activeTab); never declared for all pages.
// Each injection toggles the overlay.
export default defineContentScript({
  registration: 'runtime',
  main() {
    togglePoseOverlay(document, browser.runtime.getURL('/pose-view.html'));
  },
});
