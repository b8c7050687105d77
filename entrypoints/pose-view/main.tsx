import { render } from 'preact';
import { PoseView } from '@/lib/ui/pose/PoseView';

// Shown inside the in-page overlay (an iframe in a shadow root) or on its own as an extension page.
const close = () => (window.parent !== window ? window.parent.postMessage({ hearth: 'pose-close' }, '*') : window.close());
render(<PoseView onClose={close} />, document.getElementById('app')!);
