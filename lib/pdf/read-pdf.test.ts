import { describe, expect, it, vi } from 'vitest';
import { readPdfFromUrl, type ReadPdfDeps } from './read-pdf';

const PDF = new TextEncoder().encode('%PDF-1.7\n...');

function deps(granted: boolean) {
  const released: string[] = [];
  const d: ReadPdfDeps = {
    fetch: (async () => new Response(PDF)) as unknown as typeof fetch,
    hasHostAccess: async () => granted,
    releaseHostAccess: vi.fn(async (p: string) => void released.push(p)),
    // pdf.js itself is not under test here: one that cannot open anything ends the read after the download.
    loadPdfjs: async () => ({ pdfjs: { getDocument: () => { throw new Error('no pdf.js in this test'); } } as never }),
  };
  return { d, released };
}

describe('readPdfFromUrl gives back a site permission it was granted for one link', () => {
  it('another site: released after the download, whether the read then succeeds or not', async () => {
    const { d, released } = deps(true);
    await readPdfFromUrl('https://cdn.example/r.pdf', d, () => {}, undefined, 'https://news.example/').catch(() => {});
    expect(released).toEqual(['https://cdn.example/*']);
  });

  it('refused for lack of a grant: still released (a grant given meanwhile is not kept either)', async () => {
    const { d, released } = deps(false);
    await expect(readPdfFromUrl('https://cdn.example/r.pdf', d, () => {}, undefined, 'https://news.example/')).rejects.toThrow(/no permission/);
    expect(released).toEqual(['https://cdn.example/*']);
  });

  it('the tab’s own site (activeTab): nothing to give back', async () => {
    const { d, released } = deps(false);
    await readPdfFromUrl('https://news.example/r.pdf', d, () => {}, undefined, 'https://news.example/').catch(() => {});
    expect(released).toEqual([]);
  });
});
