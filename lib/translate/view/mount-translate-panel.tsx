import type { SummaryTrigger } from '../../messaging/protocol';
import type { PanelDeps } from '../../page-panel/host-session';
import type { PanelHost } from '../../page-panel/page/shadow-host';
import { showInPagePanel } from '../../page-panel/view/show-panel';
import { readForSummary } from '../../summarize/page/read-for-summary';
import { checkTranslateInput } from '../check-input';
import { declaredLanguage } from '../languages';
import { TranslatePanel } from './TranslatePanel';
import { pageTranslateApis } from './translate-session';

/**
 * Read what the user asked to translate, as a summary reads it (only the text a visitor sees; a page's article), and
 * show the translation panel beside it. Returns a function that closes it.
 */
export async function showTranslatePanel(trigger: SummaryTrigger, win: Window, host: PanelHost, deps: PanelDeps): Promise<() => void> {
  const { text, read, rect } = readForSummary(trigger, win);
  const refusal = checkTranslateInput(text, read.source);
  const job = refusal ? null : { text, declared: declaredLanguage(text, win.document.documentElement.lang) };
  const userLanguage = win.navigator.language || 'en';
  const apis = pageTranslateApis(win);
  return showInPagePanel(win, host, rect, ({ theme, placement, copy, close }) => (
    <TranslatePanel job={job} read={read} preview={text.trim().slice(0, 240)} refusal={refusal} userLanguage={userLanguage} apis={apis}
      placement={placement} theme={theme} deps={deps} copy={copy} onClose={close} />
  ));
}
