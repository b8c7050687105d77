import { render } from 'preact';
import type { WriteTrigger } from '../../messaging/protocol';
import type { SessionDeps } from '../../summarize/view/summary-session';
import type { PanelHost } from '../../summarize/view/mount-panel';
import { placePanel } from '../../summarize/page/placement';
import { pageTheme } from '../../summarize/page/page-theme';
import { copyText } from '../../summarize/page/copy-text';
import { detectLanguage } from '../../summarize/language';
import { findField, snapshotField } from '../page/field-edit';
import { whyNotText, whyNotWritable } from '../check-field';
import { WritePanel } from './WritePanel';

/**
 * Read the field the user asked about and show writing help's panel beside it. Returns a function that closes it
 * (`refocus` false: leave the focus where it is, as when a new request's field has it).
 * A refused field (password, read-only, another site's frame) is never read: the panel only says why.
 */
export async function showWritePanel(trigger: WriteTrigger, win: Window, host: PanelHost, deps: SessionDeps): Promise<(refocus?: boolean) => void> {
  const found = trigger.otherOriginFrame ? ({ facts: { found: 'other-origin-frame' } } as const) : findField(win.document);
  let refusal = whyNotWritable(found.facts);
  const field = refusal ? null : snapshotField(found);
  if (field) refusal = whyNotText(field.text, field.whole);
  const job = field && !refusal ? { text: field.text, action: trigger.action, language: detectLanguage(field.text, field.lang) } : null;
  const placement = placePanel(field?.rect ?? null, { width: win.innerWidth, height: win.innerHeight }, { width: 440, minHeight: 200 });
  const theme = pageTheme(win, [
    { x: placement.left + 20, y: (placement.top ?? win.innerHeight - (placement.bottom ?? 0) - 40) + 20 },
    { x: win.innerWidth / 2, y: win.innerHeight / 2 },
  ]);
  const previousFocus = win.document.activeElement as HTMLElement | null;
  let close: (refocus?: boolean) => void = () => {};
  const onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted) return; // a page script's synthetic Escape does not close Hearth's panel
    const active = win.document.activeElement;
    if (e.key === 'Escape' && (!active || active === win.document.body)) close();
  };
  const remove = await host.mount(
    (container) =>
      render(
        <WritePanel action={trigger.action} job={job} field={field} refusal={refusal} placement={placement} deps={deps} copy={(t) => copyText(t, win, container)} onClose={(applied) => close(!applied)} theme={theme} />,
        container,
      ),
    (container) => render(null, container),
  );
  win.addEventListener('keydown', onKey, true);
  let closed = false;
  close = (refocus = true) => {
    if (closed) return;
    closed = true;
    win.removeEventListener('keydown', onKey, true);
    remove();
    // After Apply the field has the focus, its caret after the new text: leave it there.
    if (refocus) previousFocus?.focus?.({ preventScroll: true });
  };
  return close;
}
