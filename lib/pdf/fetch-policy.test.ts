import { describe, expect, it } from 'vitest';
import { pdfFetchInit } from './fetch-policy';
import { isPrivateHost } from './private-host';
import { PdfAccessError } from './errors';

const init = (url: string, pageUrl: string, granted = false) => pdfFetchInit(new URL(url), { pageUrl, hasHostAccess: async () => granted });

describe('isPrivateHost', () => {
  it('knows loopback, private, link-local and local-only names, in every spelling the URL parser leaves', () => {
    for (const url of ['http://127.0.0.1/', 'http://127.9.9.9/', 'http://2130706433/', 'http://0x7f.1/', 'http://10.1.2.3/', 'http://172.16.0.1/',
      'http://172.31.255.255/', 'http://192.168.1.1/', 'http://169.254.169.254/', 'http://0.0.0.0/', 'http://100.64.0.1/', 'http://[::1]/',
      'http://[::ffff:127.0.0.1]/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://localhost/', 'http://a.localhost/', 'http://printer.local/',
      'http://router.home.arpa/', 'http://db.internal/']) {
      expect(isPrivateHost(new URL(url).hostname), url).toBe(true);
    }
    for (const url of ['https://example.com/', 'http://8.8.8.8/', 'http://172.32.0.1/', 'http://[2001:db8::1]/', 'https://localhost.example.com/']) {
      expect(isPrivateHost(new URL(url).hostname), url).toBe(false);
    }
  });
});

describe('pdfFetchInit: a link chosen by a page', () => {
  it('the tab’s own site: fetched with the user’s cookies (activeTab covers it), never following a redirect', async () => {
    expect(await init('https://a.example/r.pdf', 'https://a.example/list')).toEqual({ credentials: 'include', redirect: 'manual' });
  });

  it('another site: only with the user’s grant, and then without cookies', async () => {
    await expect(init('https://b.example/r.pdf', 'https://a.example/')).rejects.toMatchObject({ origin: 'https://b.example' });
    expect(await init('https://b.example/r.pdf', 'https://a.example/', true)).toEqual({ credentials: 'omit', redirect: 'manual' });
    // Same host, another port or scheme, is another origin.
    expect(await init('http://a.example/r.pdf', 'https://a.example/', true)).toMatchObject({ credentials: 'omit' });
  });

  it('a host on this computer or the local network: only from a tab on one, grant or not', async () => {
    for (const url of ['http://127.0.0.1:8080/r.pdf', 'http://192.168.1.1/r.pdf', 'http://[::1]/r.pdf', 'http://printer.local/r.pdf']) {
      await expect(init(url, 'https://a.example/', true), url).rejects.toThrow(/on this computer or your local network/);
    }
    expect(await init('http://127.0.0.2:9/r.pdf', 'http://127.0.0.1:8/', true)).toMatchObject({ credentials: 'omit' });
    expect(await init('http://localhost:8/r.pdf', 'http://localhost:8/')).toMatchObject({ credentials: 'include' });
  });

  it('file: only from a file: page; other schemes never; no page is no grant', async () => {
    await expect(init('file:///home/u/secret.pdf', 'https://a.example/', true)).rejects.toThrow(PdfAccessError);
    expect(await init('file:///home/u/r.pdf', 'file:///home/u/list.html')).toEqual({});
    await expect(init('ftp://a.example/r.pdf', 'https://a.example/', true)).rejects.toThrow(/ftp:/);
    await expect(init('https://a.example/r.pdf', '')).rejects.toThrow(/no permission/);
  });
});
