import { render } from 'preact';
import { PoseView } from '@/lib/pose/view/PoseView';
import { sendCommand } from '@/lib/messaging/commands';
import { waitForPoseGrant } from '@/lib/pose/view/view-grant';
import '@/assets/pose-view.css';

// Shown inside the in-page overlay (an iframe in a shadow root). It is web-accessible, so any page could frame it:
// it turns the camera on only after claiming the one-time token Hearth's overlay script posts to it.
const authorized = waitForPoseGrant(window, (token) => sendCommand(browser.runtime as never, 'background', 'pose.claim', { token }));
// The view has already stopped its camera; the worker removes the overlay (a message to the page could be swallowed).
const close = () =>
  window.parent !== window
    ? void sendCommand(browser.runtime as never, 'background', 'pose.close', undefined).catch((e: Error) => console.warn(`Hearth could not remove the overlay: ${e.message}`))
    : window.close();
render(<PoseView onClose={close} authorized={authorized} />, document.getElementById('app')!);
