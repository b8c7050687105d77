import { render } from 'preact';
import { SidePanel } from '@/lib/shell/SidePanel';

render(<SidePanel session={browser.storage.session as never} runtime={browser.runtime as never} />, document.getElementById('app')!);
