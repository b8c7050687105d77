import { describe, expect, it } from 'vitest';
import { createActiveTabReader, PageAccessError, RestrictedPageError } from './read-active-tab';

const page = { text: 'Body text', title: 'T', url: 'https://example.org/', method: 'article' as const };
const browserWith = (tab: { id?: number; url?: string }, run: () => Promise<{ result?: unknown }[]>) => {
  const injected: unknown[] = [];
  return {
    injected,
    b: { tabs: { query: async () => [tab] }, scripting: { executeScript: async (i: unknown) => (injected.push(i), run()) } },
  };
};

describe('reading the active tab for the side panel', () => {
  it('injects the read-page script into the active tab and returns what it read', async () => {
    const { b, injected } = browserWith({ id: 7, url: 'https://example.org/' }, async () => [{ result: page }]);
    expect(await createActiveTabReader(b, () => 'Alt+Shift+G')()).toEqual(page);
    expect(injected).toEqual([{ target: { tabId: 7 }, files: ['/page-read.js'] }]);
  });

  it("does not try Chrome's own pages", async () => {
    const { b, injected } = browserWith({ id: 7, url: 'chrome://settings/' }, async () => [{ result: page }]);
    await expect(createActiveTabReader(b, () => undefined)()).rejects.toThrow(RestrictedPageError);
    expect(injected).toEqual([]);
  });

  it('without access, says which key grants it', async () => {
    const { b } = browserWith({ id: 7 }, async () => Promise.reject(new Error('Cannot access contents of the page.')));
    const err = await createActiveTabReader(b, () => 'Ctrl+Shift+Y')().catch((e: Error) => e);
    expect(err).toBeInstanceOf(PageAccessError);
    expect((err as Error).message).toMatch(/press Ctrl\+Shift\+Y there/);
  });
});
