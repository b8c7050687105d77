import { describe, expect, it } from 'vitest';
import { fetchPdfBytes, originPattern } from './fetch-pdf';
import { NotPdfError, PdfAccessError, PdfTooBigError } from './errors';

const PDF = new TextEncoder().encode('%PDF-1.7\n...');
const respond = (body: BodyInit | null, init: ResponseInit = {}) => (async () => new Response(body, init)) as unknown as typeof fetch;

describe('fetchPdfBytes', () => {
  it('returns the bytes of a PDF on the tab’s own site, sending the user’s cookies along, following no redirect', async () => {
    let sent: RequestInit | undefined;
    const f = (async (_u: string, init: RequestInit) => ((sent = init), new Response(PDF))) as unknown as typeof fetch;
    expect(await fetchPdfBytes('https://a.example/x.pdf', { fetch: f, pageUrl: 'https://a.example/list' })).toEqual(PDF);
    expect(sent).toMatchObject({ credentials: 'include', redirect: 'manual' });
  });

  it('another site: only with the user’s grant for it, and without the user’s cookies', async () => {
    let sent: RequestInit | undefined;
    const f = (async (_u: string, init: RequestInit) => ((sent = init), new Response(PDF))) as unknown as typeof fetch;
    const asked: string[] = [];
    const refused = await fetchPdfBytes('https://b.example/y.pdf', { fetch: f, pageUrl: 'https://a.example/', hasHostAccess: async (p) => (asked.push(p), false) }).catch((e) => e);
    expect(refused).toBeInstanceOf(PdfAccessError);
    expect(refused.origin).toBe('https://b.example');
    expect(sent).toBeUndefined();
    expect(asked).toEqual(['https://b.example/*']);
    expect(await fetchPdfBytes('https://b.example/y.pdf', { fetch: f, pageUrl: 'https://a.example/', hasHostAccess: async () => true })).toEqual(PDF);
    expect(sent).toMatchObject({ credentials: 'omit', redirect: 'manual' });
  });

  it('refuses a redirect (to anywhere: its target is not what the user’s grant was checked against)', async () => {
    const opaque = (async () => Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' })) as unknown as typeof fetch;
    await expect(fetchPdfBytes('https://a.example/x.pdf', { fetch: opaque, pageUrl: 'https://a.example/' })).rejects.toThrow(/sends this link on to another address/);
  });

  it('turns a refused request into a message about permission, with the origin to ask for', async () => {
    const f = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    const err = await fetchPdfBytes('https://b.example/y.pdf', { fetch: f, pageUrl: 'https://b.example/' }).catch((e) => e);
    expect(err).toBeInstanceOf(PdfAccessError);
    expect(err.message).toMatch(/permission to read files from that site/);
    expect(err.origin).toBe('https://b.example');
    expect(originPattern('https://b.example:8080/a/b.pdf?x')).toBe('https://b.example:8080/*');
  });

  it('says what came instead of a PDF', async () => {
    await expect(fetchPdfBytes('https://a.example/x.pdf', { pageUrl: 'https://a.example/', fetch: respond('<html>sign in', { headers: { 'content-type': 'text/html; charset=utf-8' } }) }))
      .rejects.toThrow(/sent a web page, not a PDF/);
    await expect(fetchPdfBytes('https://a.example/x.pdf', { pageUrl: 'https://a.example/', fetch: respond('PK\x03\x04', { headers: { 'content-type': 'application/zip' } }) }))
      .rejects.toThrow(NotPdfError);
    await expect(fetchPdfBytes('https://a.example/x.pdf', { pageUrl: 'https://a.example/', fetch: respond('gone', { status: 404 }) })).rejects.toThrow(/HTTP 404/);
  });

  it('stops at the size limit, whether or not the server said the size', async () => {
    const big = new Uint8Array(5000);
    big.set(PDF);
    await expect(fetchPdfBytes('https://a.example/x.pdf', { pageUrl: 'https://a.example/', fetch: respond(big, { headers: { 'content-length': '5000' } }), maxBytes: 1000 })).rejects.toThrow(PdfTooBigError);
    const stream = new ReadableStream({ start(c) { for (let i = 0; i < 10; i++) c.enqueue(big.subarray(i * 500, (i + 1) * 500)); c.close(); } });
    await expect(fetchPdfBytes('https://a.example/x.pdf', { pageUrl: 'https://a.example/', fetch: respond(stream), maxBytes: 1000 })).rejects.toThrow(/more than/);
  });

  it('reads local files only through the file reader, only from a file page, and says how to allow it', async () => {
    const none = respond(PDF);
    const file = { fetch: none, pageUrl: 'file:///tmp/a.pdf' };
    await expect(fetchPdfBytes('file:///tmp/a.pdf', file)).rejects.toThrow(/Allow access to file URLs/);
    await expect(fetchPdfBytes('file:///tmp/a.pdf', { ...file, readFileUrl: async () => { throw new Error('x'); } })).rejects.toThrow(/Allow access to file URLs/);
    expect(await fetchPdfBytes('file:///tmp/a.pdf', { ...file, readFileUrl: async () => PDF })).toEqual(PDF);
    // A web page's link to a file on this computer is never read, whatever the file switch says.
    await expect(fetchPdfBytes('file:///etc/a.pdf', { ...file, pageUrl: 'https://a.example/', readFileUrl: async () => PDF })).rejects.toThrow(/cannot hand Hearth a file/);
    await expect(fetchPdfBytes('ftp://x/a.pdf', { fetch: none })).rejects.toThrow(PdfAccessError);
  });
});
