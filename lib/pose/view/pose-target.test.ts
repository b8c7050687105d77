import { describe, expect, it } from 'vitest';
import { COULD_NOT, isPageRefusal, NEEDS_FILE_ACCESS, NEEDS_WEB_PAGE, targetFromError, targetFromUrl } from './pose-target';

describe('pose target', () => {
  it('tells from the address: web pages yes, Chrome’s own pages no, hidden or file addresses left to the click', () => {
    expect(targetFromUrl('https://example.com/a')).toEqual({ ok: true });
    expect(targetFromUrl('http://127.0.0.1:8080/')).toEqual({ ok: true });
    for (const url of ['chrome://newtab/', 'chrome://extensions', 'about:blank', 'chrome-extension://abc/popup.html', 'view-source:https://a.b/', 'data:text/html,x']) {
      expect(targetFromUrl(url)).toEqual({ ok: false, reason: NEEDS_WEB_PAGE });
    }
    expect(targetFromUrl(undefined)).toEqual({ ok: null });
    expect(targetFromUrl('file:///home/a.html')).toEqual({ ok: null });
  });

  it('turns Chrome’s raw refusals into plain words', () => {
    const reason = (m: string) => targetFromError(new Error(m)).reason;
    expect(reason('Cannot access a chrome:// URL')).toBe(NEEDS_WEB_PAGE);
    expect(reason('Cannot access a chrome-extension:// URL of different extension')).toBe(NEEDS_WEB_PAGE);
    expect(reason('The extensions gallery cannot be scripted.')).toBe(NEEDS_WEB_PAGE);
    expect(reason('Cannot access contents of url "about:blank". Extension manifest must request permission to access this host.')).toBe(NEEDS_WEB_PAGE);
    expect(reason('Cannot access contents of url "file:///tmp/a.html". Extension manifest must request permission to access this host.')).toBe(NEEDS_FILE_ACCESS);
    // What Chrome says for about:blank, granted or not, and for a web page Hearth was not asked from.
    expect(reason('Cannot access contents of the page. Extension manifest must request permission to access the respective host.')).toBe(NEEDS_WEB_PAGE);
    expect(reason('No tab with id: 7.')).toBe(COULD_NOT);
    expect(targetFromError(new Error('Cannot access a chrome:// URL')).raw).toBe('Cannot access a chrome:// URL');
    expect(isPageRefusal(targetFromError(new Error('No tab with id: 7.')))).toBe(false);
    expect(isPageRefusal(targetFromError(new Error('Cannot access a chrome:// URL')))).toBe(true);
  });
});
