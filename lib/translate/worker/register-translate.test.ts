import { describe, expect, it } from 'vitest';
import { createTranslateEntry } from './register-translate';

function setup() {
  const injected: unknown[] = [];
  const logs: string[] = [];
  const translate = createTranslateEntry({ inject: async (tabId, trigger) => void injected.push({ tabId, trigger }), log: (m) => logs.push(m) });
  return { translate, injected, logs };
}

describe('Translate selection / this page (menu and commands)', () => {
  it("injects the panel with the trigger into the tab's top frame", async () => {
    const { translate, injected } = setup();
    await translate('selection', { id: 4, url: 'https://example.org/a' }, { selectionText: 'Hallo', pageUrl: 'https://example.org/a', frameId: 0 });
    expect(injected).toEqual([{ tabId: 4, trigger: { mode: 'selection', selectionText: 'Hallo' } }]);
  });

  it('reads nothing where Chrome lets no extension run, nor a selection in another site’s frame', async () => {
    const { translate, injected, logs } = setup();
    await translate('page', { id: 4, url: 'chrome://settings' });
    await translate('selection', { id: 4, url: 'https://example.org/' }, { pageUrl: 'https://example.org/', frameId: 7, frameUrl: 'https://ads.example.net/x', selectionText: 'code 1234' });
    expect(injected).toEqual([]);
    expect(logs).toHaveLength(2);
  });
});
