import { render } from 'preact';
import { App } from '@/lib/shell/App';
import { SummarizePageButton } from '@/lib/summarize/view/SummarizePageButton';
import '@/assets/popup.css';

render(<App pageAction={<SummarizePageButton />} />, document.getElementById('app')!);
