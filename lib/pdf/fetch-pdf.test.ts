import { describe, expect, it } from 'vitest';
import { fetchPdfBytes, originPattern } from './fetch-pdf';
import { NotPdfError, PdfAccessError, PdfTooBigError } from './errors';

const PDF = new TextEncoder().encode('%PDF-1.7\n...');
const respond = (body: BodyInit | null, init: ResponseInit = {}) => (async () => new Response(body, init)) as unknown as typeof fetch;

describe('fetchPdfBytes', () => {
  it('returns the bytes of a PDF, sending the user’s cookies along', async () => {
    let sent: RequestInit | undefined;
    const f = (async (_u: string, init: RequestInit) => ((sent = init), new Response(PDF))) as unknown as typeof fetch;
    expect(await fetchPdfBytes('https://a.example/x.pdf', { fetch: f })).toEqual(PDF);
    expect(sent?.credentials).toBe('include');
  });

  it('turns a refused request into a message about permission, with the origin to ask for', async () => {
    const f = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    const err = await fetchPdfBytes('https://b.example/y.pdf', { fetch: f }).catch((e) => e);
    expect(err).toBeInstanceOf(PdfAccessError);
    expect(err.message).toMatch(/permission to read files from that site/);
    expect(err.origin).toBe('https://b.example');
    expect(originPattern('https://b.example:8080/a/b.pdf?x')).toBe('https://b.example:8080/*');
  });

  it('says what came instead of a PDF', async () => {
    await expect(fetchPdfBytes('https://a.example/x.pdf', { fetch: respond('<html>sign in', { headers: { 'content-type': 'text/html; charset=utf-8' } }) }))
      .rejects.toThrow(/sent a web page, not a PDF/);
    await expect(fetchPdfBytes('https://a.example/x.pdf', { fetch: respond('PK\x03\x04', { headers: { 'content-type': 'application/zip' } }) }))
      .rejects.toThrow(NotPdfError);
    await expect(fetchPdfBytes('https://a.example/x.pdf', { fetch: respond('gone', { status: 404 }) })).rejects.toThrow(/HTTP 404/);
  });

  it('stops at the size limit, whether or not the server said the size', async () => {
    const big = new Uint8Array(5000);
    big.set(PDF);
    await expect(fetchPdfBytes('https://a.example/x.pdf', { fetch: respond(big, { headers: { 'content-length': '5000' } }), maxBytes: 1000 })).rejects.toThrow(PdfTooBigError);
    const stream = new ReadableStream({ start(c) { for (let i = 0; i < 10; i++) c.enqueue(big.subarray(i * 500, (i + 1) * 500)); c.close(); } });
    await expect(fetchPdfBytes('https://a.example/x.pdf', { fetch: respond(stream), maxBytes: 1000 })).rejects.toThrow(/more than/);
  });

  it('reads local files only through the file reader, and says how to allow it', async () => {
    const none = respond(PDF);
    await expect(fetchPdfBytes('file:///tmp/a.pdf', { fetch: none })).rejects.toThrow(/Allow access to file URLs/);
    await expect(fetchPdfBytes('file:///tmp/a.pdf', { fetch: none, readFileUrl: async () => { throw new Error('x'); } })).rejects.toThrow(/Allow access to file URLs/);
    expect(await fetchPdfBytes('file:///tmp/a.pdf', { fetch: none, readFileUrl: async () => PDF })).toEqual(PDF);
    await expect(fetchPdfBytes('ftp://x/a.pdf', { fetch: none })).rejects.toThrow(PdfAccessError);
  });
});
