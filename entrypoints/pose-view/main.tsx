import { render } from 'preact';
import { PoseView } from '@/lib/pose/view/PoseView';
import { sendCommand } from '@/lib/messaging/commands';
import { waitForPoseGrant } from '@/lib/pose/view/view-grant';

// Shown inside the in-page overlay (an iframe in a shadow root). It is web-accessible, so any page could frame it:
// it turns the camera on only after claiming the one-time token Hearth's overlay script posts to it.
const authorized = waitForPoseGrant(window, (token) => sendCommand(browser.runtime as never, 'background', 'pose.claim', { token }));
const close = () => (window.parent !== window ? window.parent.postMessage({ hearth: 'pose-close' }, '*') : window.close());
render(<PoseView onClose={close} authorized={authorized} />, document.getElementById('app')!);
