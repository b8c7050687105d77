import type { Page } from 'playwright-core';

/**
 * Real input at the browser level (CDP's Input domain, as Playwright's keyboard and mouse use), sent without waiting
 * for the renderer's acknowledgement. For input that closes the frame it lands in (the pose overlay's Esc, × and
 * Turn off): Chromium sometimes never acknowledges an event whose frame goes away under it, and Playwright's
 * press() and click() then wait for ever. A test waits for the input's effect instead.
 */
export async function inputThatCloses(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const fire = (method: 'Input.dispatchKeyEvent' | 'Input.dispatchMouseEvent', params: Record<string, unknown>) =>
    void cdp.send(method, params as never).catch(() => {}); // the page may be closed before an answer comes
  return {
    escape() {
      const key = { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27, nativeVirtualKeyCode: 27 };
      fire('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
      fire('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
    },
    click(x: number, y: number) {
      const at = { x, y, button: 'left', clickCount: 1 };
      fire('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
      fire('Input.dispatchMouseEvent', { type: 'mousePressed', ...at });
      fire('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at });
    },
  };
}
