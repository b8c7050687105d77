import { describe, expect, it } from 'vitest';
import type { SidePanelTranslateRequest } from '../../messaging/protocol';
import { createTranslateEntry, NO_PAGE_URL_NOTE, OTHER_ORIGIN_TRANSLATE_NOTE } from './translate-entry';

function setup({ injectFails = false } = {}) {
  const injected: unknown[] = [];
  const opened: { tabId: number; windowId?: number }[] = [];
  const handed: SidePanelTranslateRequest[] = [];
  const logs: string[] = [];
  const translate = createTranslateEntry({
    inject: async (tabId, trigger) => {
      if (injectFails) throw new Error('Cannot access contents of the page');
      injected.push({ tabId, trigger });
    },
    openSidePanel: async (tab) => void opened.push(tab),
    handOff: async (r) => void handed.push(r),
    log: (m) => logs.push(m),
  });
  return { translate, injected, opened, handed, logs };
}

describe('Translate selection / this page (menu and commands)', () => {
  it("injects the panel with the trigger into the tab's top frame", async () => {
    const { translate, injected, opened } = setup();
    await translate('selection', { id: 4, url: 'https://example.org/a' }, { selectionText: 'Hallo', pageUrl: 'https://example.org/a', frameId: 0 });
    expect(injected).toEqual([{ tabId: 4, trigger: { mode: 'selection', selectionText: 'Hallo' } }]);
    expect(opened).toEqual([]);
  });

  it("on Chrome's own pages a menu selection goes to the side panel, opened at once (while the click is a gesture), with the reason", () => {
    const { translate, injected, opened, handed } = setup();
    void translate('selection', { id: 4, windowId: 2, url: 'chrome://settings', title: 'Settings' }, { selectionText: 'Guten Tag', pageUrl: 'chrome://settings' });
    // Synchronously: no await may come before sidePanel.open, or Chrome no longer counts the user's gesture.
    expect(opened).toEqual([{ tabId: 4, windowId: 2 }]);
    expect(handed).toEqual([{ mode: 'selection', text: 'Guten Tag', note: expect.stringMatching(/its own pages \(chrome:\/\/…\), so the translation opens here\.$/), title: 'Settings', at: expect.any(Number) }]);
    expect(injected).toEqual([]);
  });

  it("a page's text on the Web Store cannot be read: the side panel says why and carries no text", async () => {
    const { translate, handed, opened } = setup();
    await translate('page', { id: 9, url: 'https://chromewebstore.google.com/detail/x' });
    expect(opened).toHaveLength(1);
    expect(handed).toEqual([{ mode: 'page', note: expect.stringMatching(/Chrome Web Store, so the translation opens here/), at: expect.any(Number) }]);
  });

  it('a PDF tab: the side panel is given the document to read itself', async () => {
    const { translate, handed } = setup();
    await translate('page', { id: 9, url: 'https://example.org/paper.pdf' });
    expect(handed).toEqual([{ mode: 'page', note: expect.stringMatching(/PDF viewer does not let extensions read the document, so the translation opens here/), at: expect.any(Number),
      pdfUrl: 'https://example.org/paper.pdf', pageUrl: 'https://example.org/paper.pdf' }]);
  });

  it('a tab whose address Hearth may not see (no URL without the tabs permission) is treated as one no extension may read', async () => {
    const { translate, handed } = setup();
    await translate('selection', { id: 3 });
    expect(handed).toEqual([{ mode: 'selection', note: NO_PAGE_URL_NOTE, at: expect.any(Number) }]);
  });

  it("a selection in another site's frame is translated in the side panel, not read into the top page", async () => {
    const { translate, injected, handed } = setup();
    await translate('selection', { id: 4, url: 'https://example.org/' }, { pageUrl: 'https://example.org/', frameId: 7, frameUrl: 'https://ads.example.net/x', selectionText: 'code 1234' });
    expect(injected).toEqual([]);
    expect(handed).toMatchObject([{ mode: 'selection', text: 'code 1234', note: OTHER_ORIGIN_TRANSLATE_NOTE }]);
  });

  it('when injecting fails (no activeTab grant), the side panel takes it with the error', async () => {
    const { translate, handed, logs } = setup({ injectFails: true });
    await translate('selection', { id: 4, url: 'https://example.org/' }, { pageUrl: 'https://example.org/', selectionText: 'Hallo Welt' });
    expect(handed).toMatchObject([{ mode: 'selection', text: 'Hallo Welt', note: 'Hearth could not read this page (Cannot access contents of the page), so the translation opens here.' }]);
    expect(logs).toHaveLength(1);
  });

  it('a side panel Chrome refuses to open is logged; the hand-off still stands', async () => {
    const handed: SidePanelTranslateRequest[] = [];
    const logs: string[] = [];
    const translate = createTranslateEntry({
      inject: async () => {},
      openSidePanel: () => Promise.reject(new Error('sidePanel.open() may only be called in response to a user gesture.')),
      handOff: async (r) => void handed.push(r),
      log: (m) => logs.push(m),
    });
    await translate('page', { id: 1, url: 'chrome://version' });
    expect(handed).toHaveLength(1);
    expect(logs).toEqual(['Could not open the side panel: sidePanel.open() may only be called in response to a user gesture.']);
  });

  it('a blank selection is not handed over as text', async () => {
    const { translate, handed } = setup();
    await translate('selection', { id: 4, url: 'chrome://version' }, { selectionText: '   ', pageUrl: 'chrome://version' });
    expect(handed[0]!.text).toBeUndefined();
  });
});
