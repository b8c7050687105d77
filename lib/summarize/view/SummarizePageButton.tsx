import { useEffect, useMemo, useState } from 'preact/hooks';
import { createSummaryEntryFor, type SummaryEntryBrowser } from '../worker/register-summary';
import { whyCannotInject } from '../../tabs/restricted-pages';
import type { TabLike } from '../worker/summary-entry';
import { useShortcuts, withShortcut } from '../../ui-kit/shortcuts';

type PopupBrowser = SummaryEntryBrowser & { tabs: { query(q: { active: true; currentWindow: true }): Promise<TabLike[]> } };

/**
 * The popup's "Summarize this page": the same request as the menu item and the shortcut, for the tab the popup was
 * opened over (the toolbar click granted activeTab on it). The panel opens on the page and the popup closes; where
 * Chrome lets no extension run, the button is not offered.
 */
export function SummarizePageButton({ b = browser as unknown as PopupBrowser, close = () => window.close() }: { b?: PopupBrowser; close?(): void }) {
  const summarize = useMemo(() => createSummaryEntryFor(b), [b]);
  const shortcuts = useShortcuts();
  const [tab, setTab] = useState<TabLike | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Looked up before the click, so the click itself calls Chrome at once (sidePanel.open needs the user's gesture).
  useEffect(() => void b.tabs.query({ active: true, currentWindow: true }).then(([t]) => setTab(t ?? null), () => {}), [b]);
  const restricted = tab?.url ? whyCannotInject(tab.url) : null;
  if (!tab || restricted || tab.url?.startsWith(location.origin)) return null;
  return (
    <>
      <button
        type="button"
        class="small primary"
        data-testid="summarize-page"
        title={withShortcut('Summarize the page in this tab', shortcuts, 'summarize-page')}
        onClick={() => {
          setError(null);
          summarize('page', tab).then(close, (e: Error) => setError(`Hearth could not summarize this page: ${e.message}`));
        }}
      >
        Summarize this page
      </button>
      {error && <span class="error" role="alert">{error}</span>}
    </>
  );
}
