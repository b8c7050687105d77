import { render } from 'preact';
import { SidePanel } from '@/lib/ui/SidePanel';

render(<SidePanel session={browser.storage.session as never} runtime={browser.runtime as never} />, document.getElementById('app')!);
