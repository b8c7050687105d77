import type { WriteTrigger } from '../../messaging/protocol';
import type { PanelDeps } from '../../page-panel/host-session';
import type { PanelHost } from '../../page-panel/page/shadow-host';
import { showInPagePanel, type ClosePanel } from '../../page-panel/view/show-panel';
import { detectLanguage } from '../../summarize/language';
import { findField, snapshotField } from '../page/field-edit';
import { whyNotText, whyNotWritable } from '../check-field';
import { WritePanel } from './WritePanel';

/**
 * Read the field the user asked about and show writing help's panel beside it. Returns a function that closes it
 * (`refocus` false: leave the focus where it is, as when a new request's field has it).
 * A refused field (password, read-only, another site's frame) is never read: the panel only says why.
 */
export async function showWritePanel(trigger: WriteTrigger, win: Window, host: PanelHost, deps: PanelDeps): Promise<ClosePanel> {
  const found = trigger.otherOriginFrame ? ({ facts: { found: 'other-origin-frame' } } as const) : findField(win.document);
  let refusal = whyNotWritable(found.facts);
  const field = refusal ? null : snapshotField(found);
  if (field) refusal = whyNotText(field.text, field.whole);
  const job = field && !refusal ? { text: field.text, action: trigger.action, language: detectLanguage(field.text, field.lang) } : null;
  return showInPagePanel(win, host, field?.rect ?? null, ({ theme, placement, copy, close }) => (
    // After Apply the field has the focus, its caret after the new text: closing leaves it there.
    <WritePanel action={trigger.action} job={job} field={field} refusal={refusal} placement={placement} deps={deps} copy={copy} onClose={(applied) => close(!applied)} theme={theme} />
  ), { width: 440, minHeight: 200 });
}
