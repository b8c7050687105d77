import { useEffect, useState } from 'preact/hooks';
import { describeSource } from '../source';
import type { Ask } from './use-ask';
import type { TabAccess, TabInfo } from './tab-access';
import type { Primed } from './use-prime';
import './ask.css';

/**
 * Above the composer: "Ask about this page", then the sources in use ("This page · 1,240 words"), each removable,
 * "@ Add tab" (or typing "@" in the message box) to pick another open tab, and what changed under the chat.
 */
export function AskBar({ ask, access, busy, followUp, primed }: { ask: Ask; access: TabAccess; busy: boolean; followUp?: { title?: string } | null; primed?: Primed | null }) {
  const [picking, setPicking] = useState<TabInfo[] | null>(null);
  const [currentId, setCurrentId] = useState<number | null>(null);
  const { sources, otherTab, error } = ask.state;

  async function openPicker() {
    const taken = new Set(sources.map((s) => s.tabId));
    setPicking((await access.listOpen()).filter((t) => !taken.has(t.id!)));
  }

  useEffect(() => {
    void access.current().then((t) => setCurrentId(t?.id ?? null));
    // "@" typed in the message box opens the tab picker (the "@" is taken out of the message).
    const box = document.getElementById('prompt') as HTMLTextAreaElement | null;
    const onInput = () => {
      if (!box || !/(^|\s)@$/.test(box.value)) return;
      box.value = box.value.slice(0, -1);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      void openPicker();
    };
    box?.addEventListener('input', onInput);
    return () => box?.removeEventListener('input', onInput);
  }, [access, sources]);

  function pick(tab: TabInfo) {
    setPicking(null);
    if (tab.id !== undefined) void ask.addTab(tab.id);
    document.getElementById('prompt')?.focus();
  }

  return (
    // data-primed: the sources the host took to read ahead (for tests and the bench; the user sees only the speed).
    <section class="ask-bar" aria-label="Sources" data-primed={primed?.accepted ? primed.key : undefined}>
      {!sources.length ? (
        <button type="button" class="small" onClick={() => void ask.askAboutCurrent()} disabled={ask.state.busy || busy}>
          Ask about this page
        </button>
      ) : (
        <ul class="ask-sources-in-use">
          {sources.map((s) => (
            <li key={s.tabId} class={`ask-chip ${s.state}`} data-testid="ask-source" data-state={s.state}>
              <span title={s.url}>{describeSource(s, s.tabId === currentId)}</span>
              {s.state === 'closed' && <span class="muted"> · tab closed</span>}
              {s.state === 'changed' && (
                <>
                  <span class="muted"> · the page changed</span>{' '}
                  <button type="button" class="small" onClick={() => void ask.reread(s.tabId)}>Read again</button>
                </>
              )}
              <button type="button" class="small ask-remove" aria-label={`Remove ${s.title || 'this tab'} from the sources`} onClick={() => ask.remove(s.tabId)}>
                ×
              </button>
            </li>
          ))}
          <li>
            <button type="button" class="small" onClick={() => void openPicker()} disabled={ask.state.busy}>@ Add tab</button>
          </li>
        </ul>
      )}
      {picking && (
        <div class="ask-picker" role="listbox" aria-label="Open tabs">
          {picking.length ? (
            picking.map((t) => (
              <button key={t.id} type="button" role="option" class="small" onClick={() => pick(t)}>
                {t.title}
              </button>
            ))
          ) : (
            <p class="muted">No other tab Hearth may read. Open Hearth on a tab (toolbar button or shortcut) to add it.</p>
          )}
          <button type="button" class="small" onClick={() => setPicking(null)}>Cancel</button>
        </div>
      )}
      {otherTab !== null && (
        <p class="notice" role="status">
          You switched to another tab; the chat still uses the sources above.{' '}
          <button type="button" class="small" onClick={() => void ask.addTab(otherTab)}>Add this tab</button>{' '}
          <button type="button" class="small" onClick={() => void ask.askAboutCurrent()}>Ask about this tab instead</button>
        </p>
      )}
      {followUp && <p class="muted" data-testid="ask-follow-up">Following up on the summary{followUp.title ? ` of “${followUp.title}”` : ''}: it is part of the conversation.</p>}
      {ask.state.busy && <p class="muted" role="status">Reading the page…</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
