import { describe, expect, it } from 'vitest';
import { BROWSER_SESSION_KEY, createBrowserSession, type SessionArea } from './browser-session';

function fakeArea(start: Record<string, unknown> = {}): SessionArea & { items: Record<string, unknown> } {
  const items = { ...start };
  return { items, get: async (k) => (k in items ? { [k]: items[k] } : {}), set: async (i) => void Object.assign(items, i) };
}

describe('the browser session id', () => {
  it('is minted once and then found by every caller, until storage.session is emptied (a new browser session)', async () => {
    const area = fakeArea();
    let n = 0;
    const mint = () => `minted-session-id-${++n}`;
    const first = await createBrowserSession(area, mint)();
    expect(first).toBe('minted-session-id-1');
    expect(await createBrowserSession(area, mint)()).toBe(first);
    delete area.items[BROWSER_SESSION_KEY];
    expect(await createBrowserSession(area, mint)()).toBe('minted-session-id-2');
  });

  it('replaces a malformed stored value rather than trusting it', async () => {
    const area = fakeArea({ [BROWSER_SESSION_KEY]: { not: 'an id' } });
    expect(await createBrowserSession(area, () => 'a-good-session-id-123')()).toBe('a-good-session-id-123');
  });

  it('does not keep a failure: the next call tries again', async () => {
    const area = fakeArea();
    let fail = true;
    const flaky: SessionArea = { get: (k) => (fail ? Promise.reject(new Error('not yet')) : area.get(k)), set: area.set };
    const session = createBrowserSession(flaky, () => 'a-good-session-id-123');
    await expect(session()).rejects.toThrow('not yet');
    fail = false;
    expect(await session()).toBe('a-good-session-id-123');
  });
});
