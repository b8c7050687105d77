import { describe, expect, it, vi } from 'vitest';
import { createTabAccess, StaleSourceError, TabAccessError, TabClosedError, type TabInfo, type TabsBrowser } from './tab-access';

const OWN = 'chrome-extension://hearth/';
const SESSION = async () => 'session-of-this-browser';

function fakeBrowser(tabs: TabInfo[], page: unknown = { kind: 'page', text: 'Some text.', title: 'T', url: 'https://a.test/', words: 2 }) {
  const executeScript = vi.fn(async (injection: Record<string, unknown>) => {
    const tabId = (injection.target as { tabId: number }).tabId;
    if (!tabs.some((t) => t.id === tabId)) throw new Error('No tab with id');
    if (tabId === 99) throw new Error('Cannot access contents of the page');
    return [{ result: page }];
  });
  const b: TabsBrowser = {
    runtime: { getURL: (p: string) => `${OWN}${p.replace(/^\//, '')}` },
    tabs: {
      query: async (q) => tabs.filter((t) => (q.active ? t.active : true) && (q.windowId === undefined || t.windowId === q.windowId) && (q.currentWindow ? t.windowId === 1 : true)),
      get: async (id) => {
        const t = tabs.find((x) => x.id === id);
        if (!t) throw new Error('No tab');
        return t;
      },
      update: vi.fn(async () => ({})),
    },
    windows: { update: vi.fn(async () => ({})), getLastFocused: async () => ({ id: 2 }) },
    scripting: { executeScript },
  };
  return { b, executeScript };
}

const passage = { tabId: 4, url: 'https://a.test/', text: 'the passage', session: 'session-of-this-browser' };

describe('createTabAccess', () => {
  it('takes this window’s active tab, or the last focused window’s when the chat has a window of its own', async () => {
    const page = { id: 5, windowId: 1, active: true, url: 'https://a.test/', title: 'A' };
    expect((await createTabAccess(fakeBrowser([page]).b, SESSION).current())?.id).toBe(5);
    const chatWindow = { id: 6, windowId: 1, active: true, url: `${OWN}popup.html`, title: 'Hearth' };
    const other = { id: 7, windowId: 2, active: true, title: 'B' };
    expect((await createTabAccess(fakeBrowser([chatWindow, other]).b, SESSION).current())?.id).toBe(7);
  });

  it('lists only tabs it can name, never its own pages', async () => {
    const list = await createTabAccess(fakeBrowser([{ id: 1, title: 'A' }, { id: 2 }, { id: 3, title: 'Hearth', url: `${OWN}popup.html` }]).b, SESSION).listOpen();
    expect(list.map((t) => t.id)).toEqual([1]);
  });

  it('reads a tab into a source, checking what comes back', async () => {
    const source = await createTabAccess(fakeBrowser([{ id: 4 }]).b, SESSION).read(4);
    expect(source).toEqual({ tabId: 4, url: 'https://a.test/', title: 'T', kind: 'page', sections: [{ text: 'Some text.' }], words: 2, session: 'session-of-this-browser' });
    await expect(createTabAccess(fakeBrowser([{ id: 4 }], { text: 42 }).b, SESSION).read(4)).rejects.toBeInstanceOf(TabAccessError);
    await expect(createTabAccess(fakeBrowser([{ id: 4 }], { kind: 'page', text: '  ', title: '' }).b, SESSION).read(4)).rejects.toThrow(/no text/);
    await expect(createTabAccess(fakeBrowser([{ id: 4 }], { kind: 'page', text: 'x'.repeat(3 * 1024 * 1024), title: '' }).b, SESSION).read(4)).rejects.toThrow(/too long/);
  });

  it('reads in one injection, so a page has no moment between Hearth’s arrival and its read', async () => {
    const { b, executeScript } = fakeBrowser([{ id: 4 }]);
    await createTabAccess(b, SESSION).read(4);
    expect(executeScript.mock.calls.map(([i]) => i)).toEqual([{ target: { tabId: 4 }, files: ['/page-ask.js'] }]);
  });

  it('tells a closed tab from one it may not read', async () => {
    const access = createTabAccess(fakeBrowser([{ id: 99, windowId: 1 }]).b, SESSION);
    await expect(access.read(99)).rejects.toBeInstanceOf(TabAccessError);
    await expect(access.read(12)).rejects.toBeInstanceOf(TabClosedError);
    await expect(access.show({ ...passage, tabId: 12 })).rejects.toBeInstanceOf(TabClosedError);
  });

  it('shows a passage: switches to the tab and its window, then highlights there', async () => {
    const { b, executeScript } = fakeBrowser([{ id: 4, windowId: 3, url: 'https://a.test/#part-2' }], 'shown');
    expect(await createTabAccess(b, SESSION).show({ ...passage, tabId: 4 })).toBe(true);
    expect(b.tabs.update).toHaveBeenCalledWith(4, { active: true });
    expect(b.windows.update).toHaveBeenCalledWith(3, { focused: true });
    // The passage goes to Hearth's isolated world first, then the script highlights it.
    expect(executeScript.mock.calls.at(-2)![0].args).toEqual([{ op: 'highlight', text: 'the passage', url: 'https://a.test/' }]);
    expect(executeScript.mock.calls.at(-1)![0].files).toEqual(['/page-ask.js']);
  });

  it('reads a PDF tab with the PDF reader (no content script runs in Chrome’s viewer) and opens a cited page there', async () => {
    const pdf = { tabId: 8, url: 'https://a.test/r.pdf', title: 'R', kind: 'pdf' as const, sections: [{ text: 'p1', page: 1 }], words: 1 };
    const readPdf = vi.fn(async () => pdf);
    const { b, executeScript } = fakeBrowser([{ id: 8, windowId: 1, url: 'https://a.test/r.pdf#page=2', title: 'R' }]);
    const access = createTabAccess(b, SESSION, readPdf);
    expect(await access.read(8)).toEqual({ ...pdf, session: 'session-of-this-browser' });
    expect(readPdf).toHaveBeenCalledWith({ tabId: 8, url: 'https://a.test/r.pdf#page=2', title: 'R' });
    expect(await access.show({ tabId: 8, url: 'https://a.test/r.pdf', text: 'p1', page: 3, session: 'session-of-this-browser' })).toBe(true);
    expect(b.tabs.update).toHaveBeenCalledWith(8, { active: true, url: 'https://a.test/r.pdf#page=3' });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('asks the document when a PDF’s address does not end in .pdf; a web page still goes to the content script', async () => {
    const readPdf = vi.fn(async () => ({ tabId: 9, url: '', title: '', kind: 'pdf' as const, sections: [], words: 0 }));
    const { b } = fakeBrowser([{ id: 9, url: 'https://a.test/download?id=3' }], 'application/pdf');
    await createTabAccess(b, SESSION, readPdf).read(9);
    expect(readPdf).toHaveBeenCalledOnce();
    const web = fakeBrowser([{ id: 4, url: 'https://a.test/' }]);
    expect((await createTabAccess(web.b, SESSION, readPdf).read(4)).kind).toBe('page');
    expect(readPdf).toHaveBeenCalledOnce();
  });

  it('refuses a citation whose tab shows another page now, before switching to it, and when the page says so', async () => {
    const moved = fakeBrowser([{ id: 4, windowId: 3, url: 'https://a.test/other' }], 'shown');
    await expect(createTabAccess(moved.b, SESSION).show(passage)).rejects.toThrow(/The tab shows another page now/);
    expect(moved.b.tabs.update).not.toHaveBeenCalled();
    expect(moved.executeScript).not.toHaveBeenCalled();
    // Chrome may not tell the address (no access to the tab now): the page compares it before highlighting.
    const unnamed = fakeBrowser([{ id: 4, windowId: 3 }], 'elsewhere');
    await expect(createTabAccess(unnamed.b, SESSION).show(passage)).rejects.toBeInstanceOf(StaleSourceError);
    // The PDF viewer's "#page=N" is the same document.
    const pdf = fakeBrowser([{ id: 8, url: 'https://a.test/r.pdf#page=2' }]);
    await expect(createTabAccess(pdf.b, SESSION).show({ ...passage, tabId: 8, url: 'https://a.test/other.pdf', page: 1 })).rejects.toBeInstanceOf(StaleSourceError);
    expect(pdf.b.tabs.update).not.toHaveBeenCalled();
  });

  it('refuses a citation from an earlier browser session (or one kept from before sessions were stamped): tab ids are reused', async () => {
    const { b, executeScript } = fakeBrowser([{ id: 4, windowId: 3, url: 'https://a.test/' }], 'shown');
    const access = createTabAccess(b, SESSION);
    await expect(access.show({ ...passage, session: 'session-before-the-restart' })).rejects.toThrow(/before the browser was last restarted/);
    await expect(access.show({ ...passage, session: undefined })).rejects.toBeInstanceOf(StaleSourceError);
    expect(b.tabs.update).not.toHaveBeenCalled();
    expect(executeScript).not.toHaveBeenCalled();
  });
});
