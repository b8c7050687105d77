import { render } from 'preact';
import { App } from '@/lib/ui/App';

render(<App />, document.getElementById('app')!);
