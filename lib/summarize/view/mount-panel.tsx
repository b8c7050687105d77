import type { SummaryTrigger } from '../../messaging/protocol';
import type { SessionDeps } from './summary-session';
import { readForSummary } from '../page/read-for-summary';
import type { PanelHost } from '../../page-panel/page/shadow-host';
import { showInPagePanel } from '../../page-panel/view/show-panel';
import { detectLanguage } from '../language';
import { checkSummaryInput } from '../check-input';
import { SummaryPanel } from './SummaryPanel';

/** Read what the user asked for and show the summary panel beside it. Returns a function that closes it. */
export async function showSummaryPanel(trigger: SummaryTrigger, win: Window, host: PanelHost, deps: SessionDeps): Promise<() => void> {
  const { text, read, rect, title } = readForSummary(trigger, win);
  const refusal = checkSummaryInput(text, read.source);
  const job = refusal ? null : { text, info: { source: read.source, title, language: detectLanguage(text, win.document.documentElement.lang) } };
  const preview = text.trim().slice(0, 240);
  return showInPagePanel(win, host, rect, ({ theme, placement, copy, close }) => (
    <SummaryPanel theme={theme} job={job} read={read} preview={preview} refusal={refusal} placement={placement} deps={deps} copy={copy} onClose={close} />
  ));
}
