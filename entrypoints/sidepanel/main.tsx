import { render } from 'preact';
import { SidePanel } from '@/lib/shell/SidePanel';
import '@/assets/popup.css';
import '@/lib/page-panel/view/panel.css';

render(<SidePanel session={browser.storage.session as never} runtime={browser.runtime as never} />, document.getElementById('app')!);
