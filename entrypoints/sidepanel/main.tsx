import { render } from 'preact';
import { SidePanelSummary } from '@/lib/ui/sidepanel/SidePanelSummary';

// Minimal side panel: shows summaries for pages where the in-page panel cannot run. (The chat joins it later.)
render(<SidePanelSummary session={browser.storage.session as never} runtime={browser.runtime as never} />, document.getElementById('app')!);
