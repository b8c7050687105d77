import { describe, expect, it, vi } from 'vitest';
import type { SidePanelSummaryRequest } from '../../messaging/protocol';
import { createPdfLinkEntry } from './pdf-link-entry';
import { createSummaryEntry } from '../../summarize/worker/summary-entry';
import { isPdfUrl, linkNeedsPermission, pdfFileName } from '../pdf-urls';

function setup(grant: boolean | Error = true) {
  const calls: string[] = [];
  const deps = {
    openSidePanel: vi.fn(async () => void calls.push('open')),
    requestOrigin: vi.fn((pattern: string) => {
      calls.push(`ask ${pattern}`);
      return grant instanceof Error ? Promise.reject(grant) : Promise.resolve(grant);
    }),
    handOff: vi.fn(async (_r: SidePanelSummaryRequest) => void calls.push('handoff')),
  };
  return { summarize: createPdfLinkEntry(deps), calls, deps };
}

describe('"Summarize PDF" on a link', () => {
  it('same site as the page: opens the side panel at once and hands over the link, asking for nothing', async () => {
    const { summarize, calls, deps } = setup();
    const done = summarize({ linkUrl: 'https://docs.example/a/report%202.pdf', pageUrl: 'https://docs.example/a/' }, { id: 4, windowId: 1 });
    expect(calls).toEqual(['open']); // synchronous: still inside the click's user gesture
    await done;
    expect(deps.requestOrigin).not.toHaveBeenCalled();
    expect(deps.handOff.mock.calls[0]![0]).toMatchObject({ mode: 'page', pdfUrl: 'https://docs.example/a/report%202.pdf', title: 'report 2.pdf' });
  });

  it('another site: asks for that site in the same gesture, and says so when refused', async () => {
    const { summarize, calls, deps } = setup(false);
    const done = summarize({ linkUrl: 'https://cdn.example:8443/r.pdf?v=2', pageUrl: 'https://news.example/' }, { id: 4 });
    expect(calls).toEqual(['open', 'ask https://cdn.example:8443/*']);
    await done;
    expect(deps.handOff.mock.calls[0]![0]).toMatchObject({ pdfUrl: 'https://cdn.example:8443/r.pdf?v=2', note: expect.stringMatching(/was not given access/) });
  });

  it('a request that throws (no user gesture) still hands the PDF over, and ignores clicks without a link or tab', async () => {
    const { summarize, deps } = setup(new Error('must be called during a user gesture'));
    await summarize({ linkUrl: 'https://b.example/x.pdf', pageUrl: 'https://a.example/' }, { id: 1 });
    expect(deps.handOff).toHaveBeenCalledTimes(1);
    await summarize({ pageUrl: 'https://a.example/' }, { id: 1 });
    await summarize({ linkUrl: 'https://b.example/x.pdf' }, { id: -1 });
    expect(deps.handOff).toHaveBeenCalledTimes(1);
  });
});

describe('a PDF tab through the summary entry', () => {
  it('"Summarize this page" on a .pdf tab hands the side panel the PDF to read; a selection there stays text', async () => {
    const handOff = vi.fn(async (_r: SidePanelSummaryRequest) => {});
    const entry = createSummaryEntry({ inject: vi.fn(), openSidePanel: vi.fn(async () => {}), handOff });
    await entry('page', { id: 2, url: 'https://x.example/f/Paper.PDF' });
    expect(handOff.mock.calls[0]![0]).toMatchObject({ mode: 'page', pdfUrl: 'https://x.example/f/Paper.PDF' });
    await entry('selection', { id: 2, url: 'https://x.example/f/paper.pdf' }, { selectionText: 'abc', pageUrl: 'https://x.example/f/paper.pdf' });
    expect(handOff.mock.calls[1]![0]).not.toHaveProperty('pdfUrl');
  });
});

describe('pdf-urls', () => {
  it('tells PDF addresses, their file names and whether the tab’s grant covers them', () => {
    expect(isPdfUrl('https://a.example/x.pdf?download=1')).toBe(true);
    expect(isPdfUrl('file:///home/me/x.pdf')).toBe(true);
    expect(isPdfUrl('https://a.example/x.pdf.html')).toBe(false);
    expect(isPdfUrl('chrome://x/y.pdf')).toBe(false);
    expect(pdfFileName('https://a.example/dir/caf%C3%A9.pdf')).toBe('café.pdf');
    expect(linkNeedsPermission('https://a.example/x.pdf', 'https://a.example/page')).toBe(false);
    expect(linkNeedsPermission('https://b.example/x.pdf', 'https://a.example/page')).toBe(true);
    expect(linkNeedsPermission('file:///x.pdf', 'file:///y.html')).toBe(false);
  });
});
