import type { BrowserContext, Page } from 'playwright-core';

const MODIFIERS = { Alt: 1, Control: 2, Meta: 4, Shift: 8 } as const;

/**
 * Press a keyboard shortcut the way a user does, so Chrome runs the extension command and grants activeTab.
 * Playwright's `keyboard.press` sends `keyDown` events that Chrome does not match against extension shortcuts;
 * a raw CDP `rawKeyDown` goes through the browser's accelerator handling (checked on Chromium 156).
 */
export async function pressShortcut(context: BrowserContext, page: Page, shortcut: string): Promise<void> {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toUpperCase();
  const modifiers = parts.reduce((m, p) => m | MODIFIERS[p as keyof typeof MODIFIERS], 0);
  const code = key.charCodeAt(0);
  await page.bringToFront();
  const cdp = await context.newCDPSession(page);
  try {
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await cdp.send('Input.dispatchKeyEvent', { type, modifiers, key, code: `Key${key}`, windowsVirtualKeyCode: code, nativeVirtualKeyCode: code });
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}
